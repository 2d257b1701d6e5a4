// The Lambda function an integration or authorizer URI names:
// arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations
// (developer guide, "Set up Lambda integrations"; the same form is an
// authorizer's authorizerUri).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apigw::dp {

struct LambdaFunctionUri {
  std::string region;    // the URI's region (where API Gateway calls Lambda)
  std::string function;  // the function ARN (or name), qualifier included
};

// nullopt unless `uri` is a Lambda invocation URI with a non-empty function.
std::optional<LambdaFunctionUri> ParseLambdaFunctionUri(std::string_view uri);

}  // namespace apigw::dp
