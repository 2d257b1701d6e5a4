// CompiledAuthorizer: one of a deployment's "authorizers" (the Authorizer
// shape of the apigateway service model) as the authorization stage needs
// it, built once per publish.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "data-plane/rest/authorizer/identity_sources.h"
#include "vtl/java_regex.h"

namespace apigw::dp {

struct CompiledAuthorizer {
  enum class Type { kToken, kRequest, kCognitoUserPools };
  std::string id;
  std::string name;
  Type type = Type::kToken;
  // The function authorizerUri names (stage variables substituted); empty
  // when the URI is not a Lambda invocation URI (requests then answer 500).
  std::string function;
  std::string function_region;
  // TOKEN: one header; REQUEST: every source (possibly none: then no caching).
  std::vector<IdentitySource> identity_sources;
  bool identity_sources_valid = true;
  // TOKEN only: identityValidationExpression, which the whole token must match.
  std::shared_ptr<const vtl::JavaRegex> validation;
  // authorizerResultTtlInSeconds: absent means 300; 0 turns caching off.
  int ttl_seconds = 300;
};

// Compiles the deployment's "authorizers" list. `stage_variable` resolves
// ${stageVariables.x} in authorizerUri; `warn` logs what cannot be used.
std::vector<CompiledAuthorizer> CompileAuthorizers(
    const JsonValue* list, const std::function<const std::string*(std::string_view)>& stage_variable,
    const std::function<void(const std::string&)>& warn);

}  // namespace apigw::dp
