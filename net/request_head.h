// Encodes the head of an outbound HTTP/1.1 request: request line, the
// caller's header fields, Host when absent, and Content-Length.
#pragma once

#include <string>

#include "net/client_url.h"
#include "net/http_client.h"

namespace apigw::net {

// The caller's Content-Length and Transfer-Encoding are replaced by the real
// body size; POST, PUT and PATCH always carry a Content-Length (0 when empty).
std::string EncodeRequestHead(const ClientRequest& request, const ClientUrl& url);

// True when the request asks the server to close after answering.
bool RequestWantsClose(const ClientRequest& request);

}  // namespace apigw::net
