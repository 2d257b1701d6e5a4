// Outbound request head encoding, copied into room made once.
#include "net/request_head.h"

#include "base/text.h"
#include "net/head_writer.h"

namespace apigw::net {

std::string EncodeRequestHead(const ClientRequest& request, const ClientUrl& url) {
  const std::string_view method = request.method.empty() ? std::string_view("GET") : std::string_view(request.method);
  size_t room = method.size() + 1 + url.target.size() + 11;  // request line
  for (const auto& f : request.headers) room += f.first.size() + f.second.size() + 4;
  room += 6 + url.host_header.size() + 2 + 16 + 20 + 2 + 2;  // Host, Content-Length, blank line
  std::string out;
  HeadWriter w(out, room);
  w.Put(method);
  w.Put(' ');
  w.Put(url.target);
  w.Put(" HTTP/1.1\r\n");
  bool has_host = false;
  for (const auto& f : request.headers) {
    if (f.first.empty() || !SafeFieldText(f.first) || !SafeFieldText(f.second)) continue;
    const char c0 = static_cast<char>(f.first[0] | 0x20);
    if (c0 == 'c' && EqualsIgnoreCase(f.first, "content-length")) continue;
    if (c0 == 't' && EqualsIgnoreCase(f.first, "transfer-encoding")) continue;
    if (c0 == 'h' && EqualsIgnoreCase(f.first, "host")) {
      if (has_host) continue;
      has_host = true;
    }
    w.PutField(f.first, f.second);
  }
  if (!has_host) w.PutField("Host", url.host_header);
  const std::string& m = request.method;
  if (!request.body.empty() || m == "POST" || m == "PUT" || m == "PATCH") {
    w.Put("Content-Length: ");
    w.PutNumber(request.body.size());
    w.Put("\r\n");
  }
  w.Put("\r\n");
  w.Finish();
  return out;
}

bool RequestWantsClose(const ClientRequest& request) {
  for (const auto& f : request.headers)
    if (EqualsIgnoreCase(f.first, "connection") && EqualsIgnoreCase(Trim(f.second), "close")) return true;
  return false;
}

}  // namespace apigw::net
