// AuthorizerResult: what a Lambda authorizer function answered, parsed once
// (and then cached, shared between requests): the principal, its policy, the
// context handed on to the integration and the usage plan's key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status_or.h"
#include "data-plane/rest/authorizer/policy.h"

namespace apigw::dp {

struct AuthorizerContextEntry {
  std::string name;
  std::string json;  // the value as the function sent it: "1", "true", "\"text\""
  std::string text;  // stringified, as $context.authorizer.<name> reads it: "1", "true", "text"
};

struct AuthorizerResult {
  std::string principal_id;
  Policy policy;
  std::vector<AuthorizerContextEntry> context;  // in the function's order
  // Context keys whose value was null: nothing for $context.authorizer, but
  // the proxy event carries them as null (observed on AWS: a context
  // {"null": null} reaches requestContext.authorizer as "null": null).
  std::vector<std::string> null_context;
  std::string usage_identifier_key;
  // How long the authorizer function took (requestContext.authorizer
  // .integrationLatency), milliseconds.
  int64_t latency_ms = 0;

  const AuthorizerContextEntry* Find(std::string_view name) const;
};

// Parses a function's output ("Output from an API Gateway Lambda authorizer"):
// an object with a policyDocument (required), principalId, context (string,
// number and boolean values only) and usageIdentifierKey. Fails, the message
// saying why, on any other shape; API Gateway then answers 500
// AuthorizerConfigurationException.
StatusOr<AuthorizerResult> ParseAuthorizerResult(std::string_view payload);

}  // namespace apigw::dp
