// GatewayResponseType: the closed list of errors API Gateway itself answers
// with, each with its documented default status, error type and message.
#pragma once

#include <optional>
#include <string_view>

namespace apigw::dp {

// The GatewayResponseType enum of the apigateway service model, in its order.
enum class GatewayResponseType {
  kDefault4xx,
  kDefault5xx,
  kResourceNotFound,
  kUnauthorized,
  kInvalidApiKey,
  kAccessDenied,
  kAuthorizerFailure,
  kAuthorizerConfigurationError,
  kInvalidSignature,
  kExpiredToken,
  kMissingAuthenticationToken,
  kIntegrationFailure,
  kIntegrationTimeout,
  kApiConfigurationError,
  kUnsupportedMediaType,
  kBadRequestParameters,
  kBadRequestBody,
  kRequestTooLarge,
  kThrottled,
  kQuotaExceeded,
  kWafFiltered,
};
inline constexpr int kGatewayResponseTypeCount = 21;

struct GatewayResponseTypeInfo {
  std::string_view name;         // wire name, "MISSING_AUTHENTICATION_TOKEN"
  int default_status;            // "Gateway response types" table; 0 for DEFAULT_4XX/5XX
  bool is_5xx;                   // which DEFAULT_* it falls back to
  std::string_view error_type;   // x-amzn-ErrorType
  std::string_view message;      // $context.error.message when the raiser gives none
  // AWS's default body for integration-side 5xx errors has a space after the
  // colon ({"message": "Internal server error"}, 36 bytes in recorded
  // responses); the front-door ones have none ({"message":"Forbidden"}).
  bool spaced_default_body;
};

const GatewayResponseTypeInfo& Info(GatewayResponseType type);
std::optional<GatewayResponseType> ParseGatewayResponseType(std::string_view name);

}  // namespace apigw::dp
