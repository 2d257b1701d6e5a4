// Outbound request head encoding.
#include "net/request_head.h"

#include "base/text.h"

namespace apigw::net {

namespace {

bool SafeFieldText(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

}  // namespace

std::string EncodeRequestHead(const ClientRequest& request, const ClientUrl& url) {
  std::string out;
  out.reserve(256);
  out.append(request.method.empty() ? "GET" : request.method);
  out.push_back(' ');
  out.append(url.target);
  out.append(" HTTP/1.1\r\n");
  bool has_host = false;
  for (const auto& f : request.headers) {
    if (f.first.empty() || !SafeFieldText(f.first) || !SafeFieldText(f.second)) continue;
    if (EqualsIgnoreCase(f.first, "content-length") || EqualsIgnoreCase(f.first, "transfer-encoding")) continue;
    if (EqualsIgnoreCase(f.first, "host")) {
      if (has_host) continue;
      has_host = true;
    }
    out.append(f.first);
    out.append(": ");
    out.append(f.second);
    out.append("\r\n");
  }
  if (!has_host) {
    out.append("Host: ");
    out.append(url.host_header);
    out.append("\r\n");
  }
  const std::string& m = request.method;
  if (!request.body.empty() || m == "POST" || m == "PUT" || m == "PATCH") {
    out.append("Content-Length: ");
    out.append(std::to_string(request.body.size()));
    out.append("\r\n");
  }
  out.append("\r\n");
  return out;
}

bool RequestWantsClose(const ClientRequest& request) {
  for (const auto& f : request.headers)
    if (EqualsIgnoreCase(f.first, "connection") && EqualsIgnoreCase(Trim(f.second), "close")) return true;
  return false;
}

}  // namespace apigw::net
