// A REQUEST authorizer's identitySource ("method.request.header.Auth,
// method.request.querystring.token, stageVariables.x, context.y") and a TOKEN
// authorizer's one header, parsed once per deployment, and their values for
// one request. A missing or empty value means 401 without calling the
// authorizer (developer guide, "Configure a Lambda authorizer").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apigw::dp {

struct Invocation;

struct IdentitySource {
  enum class Kind { kHeader, kQueryString, kStageVariable, kContext };
  Kind kind = Kind::kHeader;
  std::string name;
};

// nullopt when an entry is of no known form. Empty text gives an empty list.
std::optional<std::vector<IdentitySource>> ParseIdentitySources(std::string_view text);

// One value per source, in order; nullopt as soon as one is missing or empty.
std::optional<std::vector<std::string>> IdentityValues(const std::vector<IdentitySource>& sources,
                                                       const Invocation& inv);

}  // namespace apigw::dp
