// What AWS requires of an Authorizer document, checked the same way after
// CreateAuthorizer fills in its defaults and after every UpdateAuthorizer.
#pragma once

#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace apigw::cp::apigateway {

// The identity source AWS's TOKEN and COGNITO_USER_POOLS authorizers read
// when none is given (the one the console and Terraform default to).
inline constexpr std::string_view kDefaultIdentitySource = "method.request.header.Authorization";
// AWS caches authorizer results this long when authorizerResultTtlInSeconds
// is not set; the Authorizer document then has no such member.
inline constexpr int kDefaultAuthorizerTtlSeconds = 300;
inline constexpr int kMaxAuthorizerTtlSeconds = 3600;

// True for a Lambda invocation URI as AWS accepts it:
// "arn:<partition>:apigateway:<region>:lambda:path/.../functions/<function arn>/invocations".
bool IsLambdaAuthorizerUri(std::string_view uri);

// Checks `authorizer` (an Authorizer document) as AWS does:
//   TOKEN, REQUEST: authorizerUri must be a Lambda invocation URI;
//   TOKEN, COGNITO_USER_POOLS: identitySource must be one method request header;
//   COGNITO_USER_POOLS: at least one providerARN;
//   authorizerResultTtlInSeconds within 0..3600.
Status CheckAuthorizer(const JsonValue& authorizer);

}  // namespace apigw::cp::apigateway
