// The gateway responses every REST API has before anyone puts one: AWS's
// default of each GatewayResponseType, and how an untouched type takes over a
// customized DEFAULT_4XX or DEFAULT_5XX (what GetGatewayResponse(s) answer).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/json.h"

namespace apigw::cp::apigateway {

// {"message":$context.error.messageString}: the template of every default response.
inline constexpr std::string_view kDefaultGatewayTemplate = "{\"message\":$context.error.messageString}";

struct GatewayResponseDefault {
  std::string_view type;         // "MISSING_AUTHENTICATION_TOKEN"
  std::string_view status_code;  // "403"; empty for DEFAULT_4XX and DEFAULT_5XX, which have none
};

// Every response type, in alphabetical order (the order GetGatewayResponses answers in).
const std::vector<GatewayResponseDefault>& GatewayResponseDefaults();
// The type's default, or nullptr when `type` is no GatewayResponseType.
const GatewayResponseDefault* FindGatewayResponseDefault(std::string_view type);

// The GatewayResponse AWS answers for a type nobody put: "defaultResponse":
// true, AWS's template and status code. When `fallback` (the customized
// DEFAULT_4XX or DEFAULT_5XX record the type falls back to, or nullptr) is
// given, its parameters, templates and status code (when it has one) show
// through, as recorded against AWS.
JsonDoc DefaultGatewayResponse(const GatewayResponseDefault& type, const JsonValue* fallback);

// A fresh customized GatewayResponse of `type` ("defaultResponse": false,
// AWS's status code and template, no parameters), what PutGatewayResponse and
// UpdateGatewayResponse start from.
JsonDoc NewGatewayResponse(const GatewayResponseDefault& type);

// "DEFAULT_5XX" for types whose default status is 5xx, "DEFAULT_4XX" for the
// other types, nullopt for the two DEFAULT_* types themselves.
std::optional<std::string_view> GatewayResponseFallback(const GatewayResponseDefault& type);

}  // namespace apigw::cp::apigateway
