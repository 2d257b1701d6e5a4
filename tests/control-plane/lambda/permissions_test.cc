// Tests of control-plane/lambda/permissions.cc and tags.cc.
#include "tests/control-plane/lambda/lambda_bench.h"

namespace apigw::cp::lambda {

using testing::LambdaBench;
using testing::Reply;

TEST_CASE("statements are built as AWS writes them; the policy has a RevisionId of its own") {
  LambdaBench bench;
  REQUIRE(bench.Create("fn").status == 201);
  Reply r = bench.Call("POST", "/2015-03-31/functions/fn/policy",
                       R"({"StatementId":"url","Action":"lambda:InvokeFunctionUrl","Principal":"*","SourceAccount":"111111111111","FunctionUrlAuthType":"NONE","PrincipalOrgID":"o-1234567890","SourceArn":"arn:aws:s3:::b"})");
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(GetString(r.json, "Statement") ==
        R"({"Sid":"url","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",)"
        R"("Resource":"arn:aws:lambda:us-east-1:000000000000:function:fn","Condition":{"StringEquals":)"
        R"({"AWS:SourceAccount":"111111111111","lambda:FunctionUrlAuthType":"NONE","aws:PrincipalOrgID":"o-1234567890"},)"
        R"("ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"}}})");
  Reply policy = bench.Call("GET", "/2015-03-31/functions/fn/policy");
  REQUIRE(policy.status == 200);
  std::string policy_rev = GetString(policy.json, "RevisionId").value_or("");
  Reply config = bench.Call("GET", "/2015-03-31/functions/fn/configuration");
  std::string fn_rev = GetString(config.json, "RevisionId").value_or("");
  CHECK(!policy_rev.empty());
  CHECK(policy_rev != fn_rev);
  JsonDoc doc = cp::testing::Parse(GetString(policy.json, "Policy").value_or(""));
  CHECK(GetString(doc, "Version") == "2012-10-17");
  CHECK(GetString(doc, "Id") == "default");
  CHECK(doc["Statement"].Size() == 1);

  // Publishing moves the function's RevisionId, not the policy's (recorded:
  // test_lambda_permission_fn_versioning get_policy_after_publishing_latest).
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").status == 201);
  config = bench.Call("GET", "/2015-03-31/functions/fn/configuration");
  CHECK(GetString(config.json, "RevisionId") != fn_rev);
  CHECK(GetString(bench.Call("GET", "/2015-03-31/functions/fn/policy").json, "RevisionId") == policy_rev);

  std::string add_x = R"({"StatementId":"x","Action":"lambda:InvokeFunction","Principal":"s3.amazonaws.com","RevisionId":")";
  for (const std::string& wrong : {std::string("stale"), fn_rev}) {
    r = bench.Call("POST", "/2015-03-31/functions/fn/policy", add_x + wrong + "\"}");
    CHECK(r.status == 412);
    CHECK(r.message() ==
          "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the "
          "latest Revision Id");
  }
  // The policy's own RevisionId is the one AddPermission checks; the change gives a new one.
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/policy", add_x + policy_rev + "\"}").status == 201);
  std::string next_rev = GetString(bench.Call("GET", "/2015-03-31/functions/fn/policy").json, "RevisionId").value_or("");
  CHECK(next_rev != policy_rev);
  r = bench.Call("DELETE", "/2015-03-31/functions/fn/policy/x?RevisionId=" + policy_rev);
  CHECK(r.status == 412);
  REQUIRE(bench.Call("DELETE", "/2015-03-31/functions/fn/policy/x?RevisionId=" + next_rev).status == 204);

  REQUIRE(bench.Call("DELETE", "/2015-03-31/functions/fn/policy/url").status == 204);
  r = bench.Call("GET", "/2015-03-31/functions/fn/policy");
  CHECK(r.status == 404);
  CHECK(r.message() == "The resource you requested does not exist.");
  r = bench.Call("DELETE", "/2015-03-31/functions/fn/policy/url");
  CHECK(r.message() == "No policy is associated with the given resource.");
  r = bench.Call("DELETE", "/2015-03-31/functions/ghost/policy/url");
  CHECK(r.message() == "No policy found for: arn:aws:lambda:us-east-1:000000000000:function:ghost");
}

TEST_CASE("policies on versions and aliases live with them") {
  LambdaBench bench;
  REQUIRE(bench.Create("fn").status == 201);
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").status == 201);
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/aliases", R"({"Name":"live","FunctionVersion":"1"})").status ==
          201);
  std::string add = R"({"StatementId":"s","Action":"lambda:InvokeFunction","Principal":"123456789012"})";
  Reply r = bench.Call("POST", "/2015-03-31/functions/fn/policy?Qualifier=live", add);
  REQUIRE(r.status == 201);
  CHECK(GetString(r.json, "Statement")->find(R"("Principal":{"AWS":"arn:aws:iam::123456789012:root"})") !=
        std::string::npos);
  CHECK(GetString(r.json, "Statement")->find("function:fn:live") != std::string::npos);
  CHECK(bench.Call("GET", "/2015-03-31/functions/fn/policy").status == 404);
  CHECK(bench.Call("GET", "/2015-03-31/functions/fn/policy?Qualifier=live").status == 200);
  r = bench.Call("POST", "/2015-03-31/functions/fn/policy?Qualifier=nope", add);
  CHECK(r.message() == "Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:fn:nope");
  r = bench.Call("POST", "/2015-03-31/functions/fn/policy?Qualifier=9", add);
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn:9");
  // A qualifier no alias can have is a function that is not found (recorded:
  // test_permission_exceptions add_permission_fn_qualifier_valid_doesnotexist).
  r = bench.Call("POST", "/2015-03-31/functions/fn/policy?Qualifier=with-%24-sign", add);
  CHECK(r.status == 404);
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn:with-$-sign");
  // The first permission of an alias accepts the alias's RevisionId; its policy then has its own.
  std::string alias_rev =
      GetString(bench.Call("GET", "/2015-03-31/functions/fn/aliases/live").json, "RevisionId").value_or("");
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/aliases", R"({"Name":"other","FunctionVersion":"1"})").status ==
          201);
  std::string other_rev =
      GetString(bench.Call("GET", "/2015-03-31/functions/fn/aliases/other").json, "RevisionId").value_or("");
  std::string add_t = R"({"StatementId":"t","Action":"lambda:InvokeFunction","Principal":"*","RevisionId":")";
  CHECK(bench.Call("POST", "/2015-03-31/functions/fn/policy?Qualifier=other", add_t + "wrong\"}").status == 412);
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/policy?Qualifier=other", add_t + other_rev + "\"}").status ==
          201);
  Reply other_policy = bench.Call("GET", "/2015-03-31/functions/fn/policy?Qualifier=other");
  CHECK(GetString(other_policy.json, "RevisionId") != other_rev);
  CHECK(GetString(bench.Call("GET", "/2015-03-31/functions/fn/aliases/other").json, "RevisionId") == other_rev);
  CHECK(!alias_rev.empty());
  // The alias listing does not show the policy kept with it.
  Reply list = bench.Call("GET", "/2015-03-31/functions/fn/aliases");
  CHECK(list.body.find("Policy") == std::string::npos);
}

TEST_CASE("tags: merge, remove, list; versions cannot be tagged") {
  LambdaBench bench;
  REQUIRE(bench.Create("fn").status == 201);
  std::string arn = "arn:aws:lambda:us-east-1:000000000000:function:fn";
  REQUIRE(bench.Call("POST", "/2017-03-31/tags/" + arn, R"({"Tags":{"a":"1","b":"2"}})").status == 204);
  REQUIRE(bench.Call("POST", "/2017-03-31/tags/" + arn, R"({"Tags":{"b":"3"}})").status == 204);
  REQUIRE(bench.Call("DELETE", "/2017-03-31/tags/" + arn + "?tagKeys=a&tagKeys=zzz").status == 204);
  Reply r = bench.Call("GET", "/2017-03-31/tags/" + arn);
  CHECK(r.body == R"({"Tags":{"b":"3"}})");
  // Tag changes move the function's RevisionId (recorded: TestLambdaTags::test_tag_lifecycle).
  std::string before = GetString(bench.Call("GET", "/2015-03-31/functions/fn/configuration").json, "RevisionId").value_or("");
  REQUIRE(bench.Call("POST", "/2017-03-31/tags/" + arn, R"({"Tags":{"c":"4"}})").status == 204);
  std::string after = GetString(bench.Call("GET", "/2015-03-31/functions/fn/configuration").json, "RevisionId").value_or("");
  CHECK(after != before);
  REQUIRE(bench.Call("DELETE", "/2017-03-31/tags/" + arn + "?tagKeys=c").status == 204);
  CHECK(GetString(bench.Call("GET", "/2015-03-31/functions/fn/configuration").json, "RevisionId") != after);
  // ...but are no part of a version: publishing after a tag change publishes nothing new.
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").status == 201);
  REQUIRE(bench.Call("POST", "/2017-03-31/tags/" + arn, R"({"Tags":{"d":"5"}})").status == 204);
  CHECK(GetString(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").json, "Version") == "1");
  // Empty tags (recorded: TestLambdaTags::test_tag_exceptions tag_empty_tags).
  r = bench.Call("POST", "/2017-03-31/tags/" + arn, R"({"Tags":{}})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "InvalidParameterValueException");
  CHECK(r.message() == "An error occurred and the request cannot be processed.");
  r = bench.Call("POST", "/2017-03-31/tags/" + arn + ":1", R"({"Tags":{"x":"y"}})");
  CHECK(r.status == 400);
  CHECK(r.message() == "Tags on function aliases and versions are not supported. Please specify a function ARN.");
  r = bench.Call("GET", "/2017-03-31/tags/arn:aws:lambda:us-east-1:000000000000:function:ghost");
  CHECK(r.status == 404);
}

}  // namespace apigw::cp::lambda
