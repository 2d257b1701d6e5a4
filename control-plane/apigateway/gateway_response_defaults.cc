// AWS's default gateway responses. Status codes as GetGatewayResponses
// answers them on a new API (recorded in LocalStack's test_gateway_response_crud
// snapshot); the DEFAULT_5XX take-over from test_gateway_response_put.
#include "control-plane/apigateway/gateway_response_defaults.h"

#include <algorithm>

namespace apigw::cp::apigateway {

const std::vector<GatewayResponseDefault>& GatewayResponseDefaults() {
  static const std::vector<GatewayResponseDefault> kDefaults = {
      {"ACCESS_DENIED", "403"},
      {"API_CONFIGURATION_ERROR", "500"},
      {"AUTHORIZER_CONFIGURATION_ERROR", "500"},
      {"AUTHORIZER_FAILURE", "500"},
      {"BAD_REQUEST_BODY", "400"},
      {"BAD_REQUEST_PARAMETERS", "400"},
      {"DEFAULT_4XX", ""},
      {"DEFAULT_5XX", ""},
      {"EXPIRED_TOKEN", "403"},
      {"INTEGRATION_FAILURE", "504"},
      {"INTEGRATION_TIMEOUT", "504"},
      {"INVALID_API_KEY", "403"},
      {"INVALID_SIGNATURE", "403"},
      {"MISSING_AUTHENTICATION_TOKEN", "403"},
      {"QUOTA_EXCEEDED", "429"},
      {"REQUEST_TOO_LARGE", "413"},
      {"RESOURCE_NOT_FOUND", "404"},
      {"THROTTLED", "429"},
      {"UNAUTHORIZED", "401"},
      {"UNSUPPORTED_MEDIA_TYPE", "415"},
      {"WAF_FILTERED", "403"},
  };
  return kDefaults;
}

const GatewayResponseDefault* FindGatewayResponseDefault(std::string_view type) {
  const auto& all = GatewayResponseDefaults();
  auto it = std::find_if(all.begin(), all.end(), [&](const GatewayResponseDefault& d) { return d.type == type; });
  return it == all.end() ? nullptr : &*it;
}

std::optional<std::string_view> GatewayResponseFallback(const GatewayResponseDefault& type) {
  if (type.status_code.empty()) return std::nullopt;
  return type.status_code[0] == '5' ? std::string_view("DEFAULT_5XX") : std::string_view("DEFAULT_4XX");
}

namespace {

JsonDoc BuiltIn(const GatewayResponseDefault& type, bool default_response) {
  JsonDoc doc(rapidjson::kObjectType);
  JsonAlloc& a = doc.GetAllocator();
  SetMember(doc, "defaultResponse", JsonValue(default_response), a);
  SetMember(doc, "responseParameters", JsonValue(rapidjson::kObjectType), a);
  JsonValue templates(rapidjson::kObjectType);
  SetString(templates, "application/json", kDefaultGatewayTemplate, a);
  SetMember(doc, "responseTemplates", std::move(templates), a);
  SetString(doc, "responseType", type.type, a);
  if (!type.status_code.empty()) SetString(doc, "statusCode", type.status_code, a);
  return doc;
}

}  // namespace

JsonDoc NewGatewayResponse(const GatewayResponseDefault& type) { return BuiltIn(type, false); }

JsonDoc DefaultGatewayResponse(const GatewayResponseDefault& type, const JsonValue* fallback) {
  JsonDoc doc = BuiltIn(type, true);
  if (fallback == nullptr || !fallback->IsObject()) return doc;
  JsonAlloc& a = doc.GetAllocator();
  for (const char* member : {"responseParameters", "responseTemplates"}) {
    const JsonValue* value = Member(*fallback, member);
    if (value && value->IsObject()) SetMember(doc, member, JsonValue(*value, a), a);
  }
  if (std::optional<std::string> status = GetString(*fallback, "statusCode")) SetString(doc, "statusCode", *status, a);
  return doc;
}

}  // namespace apigw::cp::apigateway
