// Authorizer policies (data-plane/rest/authorizer/policy.h): IAM wildcards,
// statement shapes, and the explicit-deny-wins evaluation.
#include <doctest/doctest.h>

#include "data-plane/rest/authorizer/policy.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

constexpr char kArn[] = "arn:aws:execute-api:us-east-1:000000000000:api1/dev/GET/pets/1";

Policy Parse(std::string_view json) {
  StatusOr<JsonDoc> doc = ParseJson(json);
  REQUIRE(doc.ok());
  StatusOr<Policy> p = ParsePolicy(*doc);
  REQUIRE_MESSAGE(p.ok(), p.status().message());
  return std::move(p).value();
}

Status ParseError(std::string_view json) {
  StatusOr<JsonDoc> doc = ParseJson(json);
  REQUIRE(doc.ok());
  StatusOr<Policy> p = ParsePolicy(*doc);
  REQUIRE_FALSE(p.ok());
  return p.status();
}

std::string Statement(std::string_view effect, std::string_view resource, std::string_view action = "\"execute-api:Invoke\"") {
  return R"({"Effect": ")" + std::string(effect) + R"(", "Action": )" + std::string(action) +
         R"(, "Resource": )" + std::string(resource) + "}";
}

std::string Doc(const std::vector<std::string>& statements) {
  std::string s = R"({"Version": "2012-10-17", "Statement": [)";
  for (size_t i = 0; i < statements.size(); ++i) s += (i ? "," : "") + statements[i];
  return s + "]}";
}

}  // namespace

TEST_CASE("wildcards: * spans anything (slashes too), ? one character, whole text only") {
  CHECK(WildcardMatch("*", "", false));
  CHECK(WildcardMatch("*", "anything/at/all", false));
  CHECK(WildcardMatch("arn:aws:execute-api:*:*:api1/*/GET/*", kArn, false));
  CHECK(WildcardMatch("arn:aws:execute-api:us-east-1:000000000000:api1/*", kArn, false));
  CHECK(WildcardMatch("arn:aws:execute-api:us-east-1:000000000000:api1/dev/GET/pets/?", kArn, false));
  CHECK_FALSE(WildcardMatch("arn:aws:execute-api:us-east-1:000000000000:api1/dev/GET/pets/??", kArn, false));
  CHECK_FALSE(WildcardMatch("arn:aws:execute-api:us-east-1:000000000000:api1/dev/GET/pets", kArn, false));
  CHECK_FALSE(WildcardMatch("arn:aws:execute-api:us-east-1:000000000000:api1/dev/POST/*", kArn, false));
  CHECK(WildcardMatch("a*b*c", "aXXbYYbZZc", false));
  CHECK_FALSE(WildcardMatch("a*b*c", "aXXbYYbZZ", false));
  CHECK(WildcardMatch("**", "x", false));
  CHECK_FALSE(WildcardMatch("", "x", false));
  CHECK(WildcardMatch("", "", false));
  // Case: only when asked (actions).
  CHECK_FALSE(WildcardMatch("ARN:*", "arn:x", false));
  CHECK(WildcardMatch("EXECUTE-API:invoke", "execute-api:Invoke", true));
  CHECK(WildcardMatch("execute-api:*", "execute-api:Invoke", true));
  CHECK(WildcardMatch("execute-api:In?oke", "execute-api:Invoke", true));
  CHECK_FALSE(WildcardMatch("execute-api:ManageConnections", "execute-api:Invoke", true));
}

TEST_CASE("wildcards: a pathological pattern stays fast") {
  std::string text(5000, 'a');
  std::string pattern;
  for (int i = 0; i < 200; ++i) pattern += "*a";
  pattern += "b";
  CHECK_FALSE(WildcardMatch(pattern, text, false));
}

TEST_CASE("evaluation: allow, implicit deny, explicit deny wins") {
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Allow", std::string("\"") + kArn + "\"")})), kArn) == PolicyDecision::kAllow);
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Allow", "\"arn:aws:execute-api:*:*:api1/dev/POST/*\"")})), kArn) ==
        PolicyDecision::kImplicitDeny);
  CHECK(EvaluatePolicy(Parse(Doc({})), kArn) == PolicyDecision::kImplicitDeny);
  // Deny wins whatever the order.
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Allow", "\"*\""), Statement("Deny", "\"*/dev/GET/*\"")})), kArn) ==
        PolicyDecision::kExplicitDeny);
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Deny", "\"*/dev/GET/*\""), Statement("Allow", "\"*\"")})), kArn) ==
        PolicyDecision::kExplicitDeny);
  // A Deny that does not cover the ARN changes nothing.
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Allow", "\"*\""), Statement("Deny", "\"*/prod/*\"")})), kArn) ==
        PolicyDecision::kAllow);
  // An action other than execute-api:Invoke does not allow invoking.
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Allow", "\"*\"", "\"execute-api:ManageConnections\"")})), kArn) ==
        PolicyDecision::kImplicitDeny);
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Allow", "\"*\"", "\"*\"")})), kArn) == PolicyDecision::kAllow);
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Allow", "\"*\"", R"(["s3:GetObject", "execute-api:*"])")})), kArn) ==
        PolicyDecision::kAllow);
}

TEST_CASE("evaluation: lists of resources, a single statement object, NotResource and NotAction") {
  CHECK(EvaluatePolicy(Parse(Doc({Statement("Allow", R"(["arn:x", ")" + std::string(kArn) + R"("])")})), kArn) ==
        PolicyDecision::kAllow);
  CHECK(EvaluatePolicy(Parse(R"({"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}})"),
                       kArn) == PolicyDecision::kAllow);
  Policy not_resource = Parse(
      R"({"Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "NotResource": "*/admin/*"}]})");
  CHECK(EvaluatePolicy(not_resource, kArn) == PolicyDecision::kAllow);
  CHECK(EvaluatePolicy(not_resource, "arn:aws:execute-api:us-east-1:0:api1/admin/GET/") == PolicyDecision::kImplicitDeny);
  Policy not_action =
      Parse(R"({"Statement": [{"Effect": "Deny", "NotAction": "execute-api:Invoke", "Resource": "*"},
                              {"Effect": "Allow", "Action": "*", "Resource": "*"}]})");
  CHECK(EvaluatePolicy(not_action, kArn) == PolicyDecision::kAllow);
}

TEST_CASE("policy shapes AWS refuses") {
  CHECK(ParseError(R"([])").message().find("object") != std::string::npos);
  CHECK(ParseError(R"({"Version": "2012-10-17"})").message().find("Statement") != std::string::npos);
  CHECK(ParseError(R"({"Statement": "Allow"})").message().find("Statement") != std::string::npos);
  CHECK(ParseError(Doc({Statement("Maybe", "\"*\"")})).message().find("Effect") != std::string::npos);
  ParseError(R"({"Statement": [{"Action": "execute-api:Invoke", "Resource": "*"}]})");      // no Effect
  ParseError(R"({"Statement": [{"Effect": "Allow", "Resource": "*"}]})");                   // no Action
  ParseError(R"({"Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke"}]})");    // no Resource
  ParseError(R"({"Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]})");
  ParseError(R"({"Statement": [{"Effect": "Allow", "Action": "x", "Resource": ["*", 1]}]})");
  ParseError(R"({"Statement": [{"Effect": "Allow", "Action": "x", "NotAction": "y", "Resource": "*"}]})");
  ParseError(R"({"Statement": [7]})");
}
