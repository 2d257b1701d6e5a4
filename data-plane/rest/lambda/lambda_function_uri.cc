// Lambda invocation URI parsing.
#include "data-plane/rest/lambda/lambda_function_uri.h"

#include "base/text.h"
#include "data-plane/rest/aws_service_uri.h"

namespace apigw::dp {

std::optional<LambdaFunctionUri> ParseLambdaFunctionUri(std::string_view uri) {
  std::optional<AwsServiceUri> aws = ParseAwsServiceUri(uri);
  if (!aws || aws->service != "lambda" || aws->style != AwsServiceUri::Style::kPath) return std::nullopt;
  // "2015-03-31/functions/{arn}/invocations": the ARN has colons, never slashes.
  std::string_view path = aws->path;
  constexpr std::string_view kFunctions = "/functions/";
  constexpr std::string_view kInvocations = "/invocations";
  size_t start = path.find(kFunctions);
  if (start == std::string_view::npos || !EndsWith(path, kInvocations)) return std::nullopt;
  start += kFunctions.size();
  size_t end = path.size() - kInvocations.size();
  if (end <= start) return std::nullopt;
  std::string_view function = path.substr(start, end - start);
  if (function.find('/') != std::string_view::npos) return std::nullopt;
  return LambdaFunctionUri{aws->region, std::string(function)};
}

}  // namespace apigw::dp
