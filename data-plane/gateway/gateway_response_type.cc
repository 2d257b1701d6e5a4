// The gateway response table. Default status codes: AWS developer guide,
// "Gateway response types for API Gateway". Error types and messages: AWS
// responses recorded in LocalStack's snapshot tests
// (tests/aws/services/apigateway/*.snapshot.json) where they exist, else
// LocalStack's gateway_response.py.
#include "data-plane/gateway/gateway_response_type.h"

namespace apigw::dp {

namespace {

using T = GatewayResponseType;

// Indexed by the enum's value; order must follow the enum.
constexpr GatewayResponseTypeInfo kTable[kGatewayResponseTypeCount] = {
    {"DEFAULT_4XX", 0, false, "BadRequestException", "Bad Request", false},
    {"DEFAULT_5XX", 0, true, "InternalServerErrorException", "Internal server error", true},
    {"RESOURCE_NOT_FOUND", 404, false, "ResourceNotFoundException", "Not Found", false},
    {"UNAUTHORIZED", 401, false, "UnauthorizedException", "Unauthorized", false},
    {"INVALID_API_KEY", 403, false, "ForbiddenException", "Forbidden", false},
    {"ACCESS_DENIED", 403, false, "AccessDeniedException", "User is not authorized to access this resource", false},
    {"AUTHORIZER_FAILURE", 500, true, "AuthorizerFailureException", "Internal server error", true},
    {"AUTHORIZER_CONFIGURATION_ERROR", 500, true, "AuthorizerConfigurationException", "Internal server error", true},
    {"INVALID_SIGNATURE", 403, false, "InvalidSignatureException", "Invalid signature", false},
    {"EXPIRED_TOKEN", 403, false, "ExpiredTokenException", "The security token included in the request is expired", false},
    {"MISSING_AUTHENTICATION_TOKEN", 403, false, "MissingAuthenticationTokenException", "Missing Authentication Token", false},
    {"INTEGRATION_FAILURE", 504, true, "InternalServerErrorException", "Internal server error", true},
    {"INTEGRATION_TIMEOUT", 504, true, "InternalServerErrorException", "Endpoint request timed out", true},
    {"API_CONFIGURATION_ERROR", 500, true, "InternalServerErrorException", "Internal server error", true},
    {"UNSUPPORTED_MEDIA_TYPE", 415, false, "BadRequestException", "Unsupported Media Type", false},
    {"BAD_REQUEST_PARAMETERS", 400, false, "BadRequestException", "Missing required request parameters", false},
    {"BAD_REQUEST_BODY", 400, false, "BadRequestException", "Invalid request body", false},
    {"REQUEST_TOO_LARGE", 413, false, "RequestTooLargeException", "Request Too Long", false},
    {"THROTTLED", 429, false, "TooManyRequestsException", "Too Many Requests", false},
    {"QUOTA_EXCEEDED", 429, false, "LimitExceededException", "Limit Exceeded", false},
    {"WAF_FILTERED", 403, false, "WafFilteredException", "Forbidden", false},
};

static_assert(static_cast<int>(T::kWafFiltered) == kGatewayResponseTypeCount - 1,
              "kTable must list every GatewayResponseType in enum order");

}  // namespace

const GatewayResponseTypeInfo& Info(GatewayResponseType type) { return kTable[static_cast<int>(type)]; }

std::optional<GatewayResponseType> ParseGatewayResponseType(std::string_view name) {
  for (int i = 0; i < kGatewayResponseTypeCount; ++i) {
    if (kTable[i].name == name) return static_cast<GatewayResponseType>(i);
  }
  return std::nullopt;
}

}  // namespace apigw::dp
