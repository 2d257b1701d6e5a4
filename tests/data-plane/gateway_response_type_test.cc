// Tests of data-plane/gateway: the gateway response table and errors.
#include <doctest/doctest.h>

#include "data-plane/gateway/gateway_error.h"

using namespace apigw::dp;

TEST_CASE("gateway response types: every model name round-trips, defaults per the docs") {
  const char* names[] = {"DEFAULT_4XX", "DEFAULT_5XX", "RESOURCE_NOT_FOUND", "UNAUTHORIZED", "INVALID_API_KEY",
                         "ACCESS_DENIED", "AUTHORIZER_FAILURE", "AUTHORIZER_CONFIGURATION_ERROR",
                         "INVALID_SIGNATURE", "EXPIRED_TOKEN", "MISSING_AUTHENTICATION_TOKEN",
                         "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "API_CONFIGURATION_ERROR",
                         "UNSUPPORTED_MEDIA_TYPE", "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY",
                         "REQUEST_TOO_LARGE", "THROTTLED", "QUOTA_EXCEEDED", "WAF_FILTERED"};
  for (const char* name : names) {
    auto type = ParseGatewayResponseType(name);
    REQUIRE(type);
    CHECK(Info(*type).name == name);
    int status = GatewayError::Of(*type).DefaultStatus();
    CHECK(status >= 400);
    CHECK(Info(*type).is_5xx == (status >= 500));
  }
  CHECK_FALSE(ParseGatewayResponseType("missing_authentication_token"));
  CHECK_FALSE(ParseGatewayResponseType(""));

  using T = GatewayResponseType;
  CHECK(GatewayError::Of(T::kMissingAuthenticationToken).DefaultStatus() == 403);
  CHECK(GatewayError::Of(T::kIntegrationTimeout).DefaultStatus() == 504);
  CHECK(GatewayError::Of(T::kIntegrationFailure).DefaultStatus() == 504);
  CHECK(GatewayError::Of(T::kRequestTooLarge).DefaultStatus() == 413);
  CHECK(GatewayError::Of(T::kUnsupportedMediaType).DefaultStatus() == 415);
  CHECK(GatewayError::Of(T::kThrottled).DefaultStatus() == 429);
  CHECK(GatewayError::Of(T::kDefault4xx).DefaultStatus() == 400);
  CHECK(GatewayError::Of(T::kDefault5xx).DefaultStatus() == 500);
  CHECK(GatewayError::Of(T::kIntegrationFailure, {}, 500).DefaultStatus() == 500);
}

TEST_CASE("gateway errors: messages and error types AWS answers with") {
  using T = GatewayResponseType;
  CHECK(GatewayError::Of(T::kMissingAuthenticationToken).Message() == "Missing Authentication Token");
  CHECK(Info(T::kMissingAuthenticationToken).error_type == "MissingAuthenticationTokenException");
  CHECK(GatewayError::Of(T::kIntegrationTimeout).Message() == "Endpoint request timed out");
  CHECK(GatewayError::Of(T::kApiConfigurationError).Message() == "Internal server error");
  CHECK(Info(T::kApiConfigurationError).error_type == "InternalServerErrorException");
  CHECK(GatewayError::Of(T::kUnsupportedMediaType).Message() == "Unsupported Media Type");
  CHECK(GatewayError::Of(T::kThrottled, "custom").Message() == "custom");
}
