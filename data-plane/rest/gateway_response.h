// Renders a GatewayError as API Gateway answers it for a REST API: through the
// deployment's gatewayResponses entry for the error's type, else its
// DEFAULT_4XX / DEFAULT_5XX entry, else AWS's built-in default.
#pragma once

#include "data-plane/gateway/gateway_error.h"
#include "data-plane/rest/invocation.h"
#include "net/http_message.h"

namespace apigw::dp {

// Sets inv.context.error and returns the response (without the request id
// headers every response gets). Never fails: a customized template that does
// not render falls back to the default body.
net::HttpResponse RenderGatewayResponse(const GatewayError& error, Invocation& inv);

// AWS's default body for `error`: {"message":"..."} (see GatewayResponseTypeInfo).
std::string DefaultGatewayBody(const GatewayError& error);

}  // namespace apigw::dp
