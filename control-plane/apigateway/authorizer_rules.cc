// Authorizer checks. Messages recorded from AWS:
//   "Invalid Authorizer URI: <uri>. Authorizer URI should be a valid API Gateway
//    ARN that represents a Lambda function invocation." (Terraform's acceptance
//    tests, an ARN whose region read "region");
//   "Invalid token source expression: <source>. The source must be a method
//    request header, matching 'method.request.header.[a-zA-Z0-9._-]+'."
//    (TOKEN and COGNITO_USER_POOLS authorizers).
// AWS accepted a URI with blanks after "path/" (LocalStack's
// test_apigateway_with_custom_authorization_method), so only the ARN's frame
// is checked. The messages for a missing provider ARN and an out-of-range TTL
// were not recorded.
#include "control-plane/apigateway/authorizer_rules.h"

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "base/text.h"

namespace apigw::cp::apigateway {

namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "us-east-1", "eu-central-2", "us-gov-west-1": letters in dash-separated
// words, then a number.
bool IsRegion(std::string_view region) {
  std::vector<std::string> words = Split(region, '-');
  if (words.size() < 3) return false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w.empty()) return false;
    bool last = i + 1 == words.size();
    for (char c : w)
      if (last ? !IsDigit(c) : !IsLower(c)) return false;
  }
  return words[0].size() == 2;
}

bool IsHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

Status InvalidUri(const std::optional<std::string>& uri) {
  return Status::BadRequest("Invalid Authorizer URI: " + uri.value_or("null") +
                            ". Authorizer URI should be a valid API Gateway ARN that represents a Lambda function "
                            "invocation.");
}

Status CheckTokenSource(const std::optional<std::string>& source) {
  constexpr std::string_view kPrefix = "method.request.header.";
  if (source && StartsWith(*source, kPrefix) && IsHeaderName(std::string_view(*source).substr(kPrefix.size())))
    return Status::Ok();
  return Status::BadRequest("Invalid token source expression: " + source.value_or("null") +
                            ". The source must be a method request header, matching "
                            "'method.request.header.[a-zA-Z0-9._-]+'.");
}

}  // namespace

bool IsLambdaAuthorizerUri(std::string_view uri) {
  // arn : partition : apigateway : region : lambda : path/...
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t colon = uri.find(':', start);
    if (colon == std::string_view::npos) return false;
    parts.emplace_back(uri.substr(start, colon - start));
    start = colon + 1;
  }
  std::string_view path = uri.substr(start);
  return parts[0] == "arn" && StartsWith(parts[1], "aws") && parts[2] == "apigateway" && IsRegion(parts[3]) &&
         parts[4] == "lambda" && StartsWith(path, "path/") && path.find("/functions/") != std::string_view::npos &&
         EndsWith(path, "/invocations");
}

Status CheckAuthorizer(const JsonValue& authorizer) {
  std::string type = GetString(authorizer, "type").value_or("");
  if (type == "TOKEN" || type == "REQUEST") {
    std::optional<std::string> uri = GetString(authorizer, "authorizerUri");
    if (!uri || !IsLambdaAuthorizerUri(*uri)) return InvalidUri(uri);
  }
  if (type == "TOKEN" || type == "COGNITO_USER_POOLS")
    APIGW_RETURN_IF_ERROR(CheckTokenSource(GetString(authorizer, "identitySource")));
  if (type == "COGNITO_USER_POOLS") {
    const JsonValue* arns = Member(authorizer, "providerARNs");
    if (!arns || !arns->IsArray() || arns->Empty())
      return Status::BadRequest("Invalid providerARNs specified: a COGNITO_USER_POOLS authorizer needs at least one "
                                "Cognito user pool ARN");
  }
  if (std::optional<int64_t> ttl = GetInt(authorizer, "authorizerResultTtlInSeconds");
      ttl && (*ttl < 0 || *ttl > kMaxAuthorizerTtlSeconds)) {
    return Status::BadRequest("Invalid authorizer result TTL specified: " + std::to_string(*ttl) +
                              ". It must be between 0 and 3600 seconds");
  }
  return Status::Ok();
}

}  // namespace apigw::cp::apigateway
