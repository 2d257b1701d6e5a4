// The IAM policy a Lambda authorizer returns, and its evaluation against a
// method ARN as API Gateway does it (developer guide, "Output from an API
// Gateway Lambda authorizer" and "How API Gateway resource policies affect
// authorization workflow"): an explicit Deny wins, otherwise an Allow is
// needed; no statement matching is an implicit deny.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status_or.h"

namespace apigw::dp {

struct PolicyStatement {
  bool allow = false;  // Effect "Allow"; else "Deny"
  // Action (or NotAction when not_action) and Resource (or NotResource)
  // patterns, with IAM's * and ? wildcards.
  std::vector<std::string> actions;
  bool not_action = false;
  std::vector<std::string> resources;
  bool not_resource = false;
};

struct Policy {
  std::vector<PolicyStatement> statements;
};

enum class PolicyDecision { kAllow, kExplicitDeny, kImplicitDeny };

// Reads a policyDocument ({"Version": ..., "Statement": [...] or {...}}).
// Action/Resource may be a string or a list of strings. Fails (the message
// says why, for the log) when the document has no usable statements shape.
StatusOr<Policy> ParsePolicy(const JsonValue& document);

// The decision for invoking `method_arn`
// ("arn:aws:execute-api:us-east-1:123456789012:abc123/dev/GET/pets/1").
PolicyDecision EvaluatePolicy(const Policy& policy, std::string_view method_arn);

// IAM wildcard matching of the whole `text`: '*' any run of characters
// (slashes included), '?' any one character. Actions compare without case,
// resources with it.
bool WildcardMatch(std::string_view pattern, std::string_view text, bool ignore_case);

}  // namespace apigw::dp
