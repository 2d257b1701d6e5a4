// Response head encoding: one pass over the handler's fields, then the
// framing fields it did not set, copied into room made once.
#include "net/response_head.h"

#include "base/text.h"
#include "net/head_writer.h"

namespace apigw::net {

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
  const std::string_view reason = ReasonPhrase(status);

  size_t room = 9 + 3 + 1 + reason.size() + 2;                 // status line
  for (const auto& f : response.headers) room += f.first.size() + f.second.size() + 4;
  room += 16 + 20 + 2 + 6 + date.size() + 2 + 24 + 2;          // Content-Length, Date, Connection, blank line
  HeadWriter w(out, room);

  w.Put("HTTP/1.1 ");
  w.PutNumber(static_cast<uint64_t>(status));
  w.Put(' ');
  w.Put(reason);
  w.Put("\r\n");

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
    w.PutField(name, f.second);
  }
  if (!has_length && !no_body_status) {
    w.Put("Content-Length: ");
    w.PutNumber(response.body.size());
    w.Put("\r\n");
  }
  if (!has_date) w.PutField("Date", date);
  if (framing.close) {
    w.Put("Connection: close\r\n");
  } else if (framing.keep_alive_header) {
    w.Put("Connection: keep-alive\r\n");
  }
  w.Put("\r\n");
  w.Finish();
  return !framing.head_request && !no_body_status;
}

}  // namespace apigw::net
