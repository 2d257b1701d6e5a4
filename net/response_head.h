// Encodes the status line and header fields of a server response, adding the
// framing headers (Content-Length, Date, Connection) the handler left out.
#pragma once

#include <string>
#include <string_view>

#include "net/http_message.h"

namespace apigw::net {

// How one response goes on the wire.
struct ResponseFraming {
  bool head_request = false;       // HEAD: the headers the body would have, no body
  bool close = false;              // the connection closes after this response
  bool keep_alive_header = false;  // say "Connection: keep-alive" (an HTTP/1.0 keep-alive client, or the server announces it)
};

// True for statuses that never carry a body (1xx, 204, 304).
bool StatusHasNoBody(int status);

// True when the handler asked to close: `close` or a "Connection: close" header.
bool ResponseWantsClose(const HttpResponse& response);

// Appends the head of `response` to `out` and returns whether its body follows
// on the wire. The handler's Connection and Transfer-Encoding fields are
// replaced (the server always frames with Content-Length); its Date is kept,
// and so is its Content-Length for HEAD and 304.
bool AppendResponseHead(const HttpResponse& response, const ResponseFraming& framing, std::string_view date,
                        std::string& out);

}  // namespace apigw::net
