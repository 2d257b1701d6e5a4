// ParseClientUrl: a strict split of absolute http(s) URLs.
#include "net/client_url.h"

#include <charconv>

#include "base/text.h"

namespace apigw::net {

namespace {

Status Invalid(std::string_view url, const char* why) {
  return Status::BadRequest("invalid URL '" + std::string(url) + "': " + why);
}

}  // namespace

StatusOr<ClientUrl> ParseClientUrl(std::string_view url) {
  ClientUrl out;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return Invalid(url, "space or control character");
  }
  std::string_view rest;
  if (url.size() >= 8 && EqualsIgnoreCase(url.substr(0, 8), "https://")) {
    out.https = true;
    rest = url.substr(8);
  } else if (url.size() >= 7 && EqualsIgnoreCase(url.substr(0, 7), "http://")) {
    rest = url.substr(7);
  } else {
    return Invalid(url, "not http or https");
  }
  size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return Invalid(url, "user info is not supported");

  std::string_view host = authority;
  std::string_view port_text;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Invalid(url, "unclosed IPv6 literal");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Invalid(url, "junk after IPv6 literal");
      port_text = after.substr(1);
    }
  } else {
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port_text = authority.substr(colon + 1);
    }
  }
  if (host.empty()) return Invalid(url, "empty host");
  out.host = ToLower(host);
  const uint16_t default_port = out.https ? 443 : 80;
  out.port = default_port;
  if (!port_text.empty()) {
    unsigned value = 0;
    auto res = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (res.ec != std::errc() || res.ptr != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return Invalid(url, "bad port");
    }
    out.port = static_cast<uint16_t>(value);
  }

  size_t hash = tail.find('#');
  if (hash != std::string_view::npos) tail = tail.substr(0, hash);
  if (tail.empty() || tail[0] != '/') {
    out.target = "/";
    out.target.append(tail);  // "?q" becomes "/?q"
  } else {
    out.target = std::string(tail);
  }

  const bool ipv6 = out.host.find(':') != std::string::npos;
  out.host_header.reserve(out.host.size() + 8);
  if (ipv6) out.host_header.push_back('[');
  out.host_header.append(out.host);
  if (ipv6) out.host_header.push_back(']');
  if (out.port != default_port) {
    char digits[8];
    auto res = std::to_chars(digits, digits + sizeof digits, out.port);
    out.host_header.push_back(':');
    out.host_header.append(digits, static_cast<size_t>(res.ptr - digits));
  }
  return out;
}

}  // namespace apigw::net
