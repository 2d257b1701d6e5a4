// Response head encoding: one pass over the handler's fields, then the
// framing fields it did not set.
#include "net/response_head.h"

#include <charconv>

#include "base/text.h"

namespace apigw::net {

namespace {

void AppendNumber(std::string& out, uint64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(res.ptr - buf));
}

// Header names and values must not smuggle line breaks into the head.
bool SafeFieldText(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

}  // namespace

bool StatusHasNoBody(int status) { return (status >= 100 && status < 200) || status == 204 || status == 304; }

bool ResponseWantsClose(const HttpResponse& response) {
  if (response.close) return true;
  for (const auto& f : response.headers)
    if (EqualsIgnoreCase(f.first, "connection") && EqualsIgnoreCase(Trim(f.second), "close")) return true;
  return false;
}

bool AppendResponseHead(const HttpResponse& response, const ResponseFraming& framing, std::string_view date,
                        std::string& out) {
  int status = response.status;
  if (status < 100 || status > 999) status = 500;
  const bool no_body_status = StatusHasNoBody(status);
  const bool keep_handler_length = framing.head_request || status == 304;

  out.append("HTTP/1.1 ");
  AppendNumber(out, static_cast<uint64_t>(status));
  out.push_back(' ');
  out.append(ReasonPhrase(status));
  out.append("\r\n");

  bool has_date = false;
  bool has_length = false;
  for (const auto& f : response.headers) {
    const std::string& name = f.first;
    if (name.empty() || !SafeFieldText(name) || !SafeFieldText(f.second)) continue;
    // Cheap first-letter filter before the case-insensitive compares.
    char c0 = static_cast<char>(name[0] | 0x20);
    if (c0 == 'c') {
      if (EqualsIgnoreCase(name, "connection")) continue;
      if (EqualsIgnoreCase(name, "content-length")) {
        if (!keep_handler_length || has_length) continue;
        has_length = true;
      }
    } else if (c0 == 't') {
      if (EqualsIgnoreCase(name, "transfer-encoding")) continue;
    } else if (c0 == 'd') {
      if (EqualsIgnoreCase(name, "date")) has_date = true;
    }
    out.append(name);
    out.append(": ");
    out.append(f.second);
    out.append("\r\n");
  }
  if (!has_length && !no_body_status) {
    out.append("Content-Length: ");
    AppendNumber(out, response.body.size());
    out.append("\r\n");
  }
  if (!has_date) {
    out.append("Date: ");
    out.append(date);
    out.append("\r\n");
  }
  if (framing.close) {
    out.append("Connection: close\r\n");
  } else if (framing.keep_alive_header) {
    out.append("Connection: keep-alive\r\n");
  }
  out.append("\r\n");
  return !framing.head_request && !no_body_status;
}

}  // namespace apigw::net
