// Lambda authorizer output parsing (data-plane/rest/authorizer/authorizer_result.h).
#include <doctest/doctest.h>

#include "data-plane/rest/authorizer/authorizer_result.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

constexpr char kPolicy[] =
    R"("policyDocument": {"Version": "2012-10-17", "Statement": [{"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "*"}]})";

}  // namespace

TEST_CASE("authorizer output: principal, policy, context stringified, usage key") {
  StatusOr<AuthorizerResult> r = ParseAuthorizerResult(
      std::string(R"({"principalId": "user|a1", )") + kPolicy +
      R"(, "context": {"stringKey": "value", "numberKey": 1, "floatKey": 1.5, "booleanKey": true, "gone": null},
          "usageIdentifierKey": "key-123"})");
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->principal_id == "user|a1");
  CHECK(r->usage_identifier_key == "key-123");
  REQUIRE(r->context.size() == 4);
  CHECK(r->context[0].name == "stringKey");
  CHECK(r->context[0].json == "\"value\"");
  CHECK(r->context[0].text == "value");
  CHECK(r->context[1].json == "1");
  CHECK(r->context[1].text == "1");
  CHECK(r->context[2].text == "1.5");
  CHECK(r->context[3].json == "true");
  CHECK(r->context[3].text == "true");
  CHECK(r->Find("booleanKey") != nullptr);
  CHECK(r->Find("gone") == nullptr);
  CHECK(r->null_context == std::vector<std::string>{"gone"});
  CHECK(EvaluatePolicy(r->policy, "arn:aws:execute-api:us-east-1:0:a/b/GET/") == PolicyDecision::kAllow);
}

TEST_CASE("authorizer output: only the policy is required; a numeric principal is its text") {
  StatusOr<AuthorizerResult> r = ParseAuthorizerResult(std::string("{") + kPolicy + "}");
  REQUIRE(r.ok());
  CHECK(r->principal_id.empty());
  CHECK(r->context.empty());
  r = ParseAuthorizerResult(std::string(R"({"principalId": 42, )") + kPolicy + "}");
  REQUIRE(r.ok());
  CHECK(r->principal_id == "42");
}

TEST_CASE("authorizer output AWS answers 500 for") {
  for (const std::string& bad : {
           std::string(""), std::string("not json"), std::string("null"), std::string("\"Allow\""),
           std::string("[1]"), std::string(R"({"principalId": "u"})"),
           std::string(R"({"principalId": "u", "policyDocument": null})"),
           std::string(R"({"principalId": "u", "policyDocument": "{}"})"),
           std::string(R"({"principalId": "u", "policyDocument": {"Statement": [{"Effect": "Allow"}]}})"),
           std::string(R"({"principalId": {"a": 1}, )") + kPolicy + "}",
           std::string(R"({"principalId": "u", "context": {"obj": {"a": 1}}, )") + kPolicy + "}",
           std::string(R"({"principalId": "u", "context": {"list": [1]}, )") + kPolicy + "}",
           std::string(R"({"principalId": "u", "context": "text", )") + kPolicy + "}",
       }) {
    CAPTURE(bad);
    CHECK_FALSE(ParseAuthorizerResult(bad).ok());
  }
}
