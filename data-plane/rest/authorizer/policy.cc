// Authorizer policy parsing and evaluation.
#include "data-plane/rest/authorizer/policy.h"

#include <cctype>

#include "base/text.h"

namespace apigw::dp {

namespace {

// A string, or a list of strings, into `out`; false for any other shape.
bool StringList(const JsonValue& value, std::vector<std::string>& out) {
  if (value.IsString()) {
    out.emplace_back(value.GetString(), value.GetStringLength());
    return true;
  }
  if (!value.IsArray()) return false;
  for (const JsonValue& v : value.GetArray()) {
    if (!v.IsString()) return false;
    out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return true;
}

// One of `name` / `not_name` must be present: fills `out` and says which.
Status Patterns(const JsonValue& statement, std::string_view name, std::string_view not_name,
                std::vector<std::string>& out, bool& negated) {
  const JsonValue* plain = Member(statement, name);
  const JsonValue* negative = Member(statement, not_name);
  if ((plain == nullptr) == (negative == nullptr))
    return Status::BadRequest("a statement needs exactly one of " + std::string(name) + " and " +
                              std::string(not_name));
  negated = negative != nullptr;
  if (!StringList(negated ? *negative : *plain, out))
    return Status::BadRequest(std::string(negated ? not_name : name) + " must be a string or a list of strings");
  return Status::Ok();
}

StatusOr<PolicyStatement> ParseStatement(const JsonValue& s) {
  if (!s.IsObject()) return Status::BadRequest("a statement must be an object");
  PolicyStatement out;
  std::optional<std::string> effect = GetString(s, "Effect");
  if (!effect) return Status::BadRequest("a statement has no Effect");
  if (EqualsIgnoreCase(*effect, "Allow")) {
    out.allow = true;
  } else if (!EqualsIgnoreCase(*effect, "Deny")) {
    return Status::BadRequest("Effect must be Allow or Deny, not " + *effect);
  }
  APIGW_RETURN_IF_ERROR(Patterns(s, "Action", "NotAction", out.actions, out.not_action));
  APIGW_RETURN_IF_ERROR(Patterns(s, "Resource", "NotResource", out.resources, out.not_resource));
  return out;
}

bool AnyMatches(const std::vector<std::string>& patterns, std::string_view text, bool ignore_case) {
  for (const std::string& p : patterns)
    if (WildcardMatch(p, text, ignore_case)) return true;
  return false;
}

bool Applies(const PolicyStatement& s, std::string_view method_arn) {
  constexpr std::string_view kInvoke = "execute-api:Invoke";
  bool action = AnyMatches(s.actions, kInvoke, true) != s.not_action;
  bool resource = AnyMatches(s.resources, method_arn, false) != s.not_resource;
  return action && resource;
}

}  // namespace

StatusOr<Policy> ParsePolicy(const JsonValue& document) {
  if (!document.IsObject()) return Status::BadRequest("policyDocument must be an object");
  const JsonValue* statements = Member(document, "Statement");
  if (statements == nullptr) return Status::BadRequest("policyDocument has no Statement");
  Policy out;
  if (statements->IsObject()) {
    StatusOr<PolicyStatement> s = ParseStatement(*statements);
    if (!s.ok()) return s.status();
    out.statements.push_back(std::move(s).value());
    return out;
  }
  if (!statements->IsArray()) return Status::BadRequest("Statement must be a list or an object");
  for (const JsonValue& v : statements->GetArray()) {
    StatusOr<PolicyStatement> s = ParseStatement(v);
    if (!s.ok()) return s.status();
    out.statements.push_back(std::move(s).value());
  }
  return out;
}

PolicyDecision EvaluatePolicy(const Policy& policy, std::string_view method_arn) {
  bool allowed = false;
  for (const PolicyStatement& s : policy.statements) {
    if (!Applies(s, method_arn)) continue;
    if (!s.allow) return PolicyDecision::kExplicitDeny;
    allowed = true;
  }
  return allowed ? PolicyDecision::kAllow : PolicyDecision::kImplicitDeny;
}

bool WildcardMatch(std::string_view pattern, std::string_view text, bool ignore_case) {
  auto same = [ignore_case](char a, char b) {
    if (!ignore_case) return a == b;
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  // Iterative glob matching with one backtrack point (the last '*'): linear
  // in practice, never exponential.
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_t = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace apigw::dp
