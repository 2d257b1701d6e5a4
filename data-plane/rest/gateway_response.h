// Renders a GatewayError as API Gateway answers it for a REST API: through the
// deployment's gatewayResponses entry for the error's type, else its
// DEFAULT_4XX / DEFAULT_5XX entry, else AWS's built-in default.
#pragma once

#include "data-plane/gateway/gateway_error.h"
#include "data-plane/rest/invocation.h"
#include "net/http_message.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apigw::dp {

// Sets inv.context.error and returns the response (without the request id
// headers every response gets). Never fails: a customized template that does
// not render falls back to the default body.
net::HttpResponse RenderGatewayResponse(const GatewayError& error, Invocation& inv);

// AWS's default body for `error`: {"message":"..."} (see GatewayResponseTypeInfo).
std::string DefaultGatewayBody(const GatewayError& error);

// A gateway response template is not Velocity: "the customization is rendered
// in a non-VTL mapping template supporting only simple variable substitutions"
// that "can access $context variable values and $stageVariables property
// values" (developer guide, "Gateway responses for REST APIs"; "A
// GatewayResponse mapping template isn't processed by the VTL engine",
// x-amazon-apigateway-gateway-responses.responseTemplates). So $context.a.b
// and $stageVariables.name (also as $!..., ${...} and $!{...}) become their
// values, "" when there is none, and all other text, #directives and other
// references included, stays as written.
std::string SubstituteGatewayTemplate(std::string_view source, const ContextVariables& context,
                                      const std::vector<std::pair<std::string, std::string>>& stage_variables);

}  // namespace apigw::dp
