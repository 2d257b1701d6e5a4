// The apigateway Account through the real dispatcher: AWS's defaults per
// region, and the patchable paths.
#include <doctest/doctest.h>

#include "tests/control-plane/apigateway/deploy_fixture.h"

using namespace apigw;
using apigw::cp::apigateway::testing::DeployBench;
using apigw::cp::apigateway::testing::Reply;

namespace {
const std::string kDefault =
    R"({"throttleSettings":{"burstLimit":5000,"rateLimit":10000.0},"features":["UsagePlans"],"apiKeyVersion":"4"})";
}

TEST_CASE("account: AWS's default account") {
  DeployBench bench;
  Reply r = bench.Call("GET", "/account");
  CHECK(r.status == 200);
  CHECK(r.body == kDefault);
}

TEST_CASE("account: the CloudWatch role and features are patchable, per region") {
  DeployBench bench;
  const std::string role = "arn:aws:iam::000000000000:role/apigw-logs";
  Reply r = bench.Call("PATCH", "/account",
                       R"({"patchOperations":[{"op":"replace","path":"/cloudwatchRoleArn","value":")" + role + R"("}]})");
  CHECK(r.status == 200);
  CHECK(r.body == R"({"cloudwatchRoleArn":")" + role +
                      R"(","throttleSettings":{"burstLimit":5000,"rateLimit":10000.0},"features":["UsagePlans"],"apiKeyVersion":"4"})");
  CHECK(bench.Call("GET", "/account").body == r.body);
  CHECK(bench.Call("GET", "/account", "", "eu-west-1").body == kDefault);

  Reply features = bench.Call("PATCH", "/account",
                              R"({"patchOperations":[{"op":"add","path":"/features","value":"UsagePlans"},)"
                              R"({"op":"add","path":"/features","value":"Other"},{"op":"remove","path":"/features","value":"UsagePlans"}]})");
  CHECK(features.status == 200);
  CHECK(ToJson(features.json["features"]) == R"(["Other"])");

  Reply cleared = bench.Call("PATCH", "/account", R"({"patchOperations":[{"op":"replace","path":"/cloudwatchRoleArn"}]})");
  CHECK(!Member(cleared.json, "cloudwatchRoleArn"));
}

TEST_CASE("account: an empty CloudWatch role resets it (Terraform's reset, checked against AWS)") {
  DeployBench bench;
  bench.Call("PATCH", "/account",
             R"({"patchOperations":[{"op":"replace","path":"/cloudwatchRoleArn","value":"arn:aws:iam::000000000000:role/r"}]})");
  Reply cleared = bench.Call("PATCH", "/account", R"({"patchOperations":[{"op":"replace","path":"/cloudwatchRoleArn","value":""}]})");
  CHECK(cleared.status == 200);
  CHECK(!Member(cleared.json, "cloudwatchRoleArn"));
  CHECK(bench.Call("GET", "/account").body == kDefault);
}

TEST_CASE("account: refused patches change nothing") {
  DeployBench bench;
  Reply bad_path = bench.Call("PATCH", "/account", R"({"patchOperations":[{"op":"replace","path":"/apiKeyVersion","value":"5"}]})");
  CHECK(bad_path.status == 400);
  CHECK(bad_path.message() ==
        "Invalid patch path  '/apiKeyVersion' specified for op 'replace'. Must be one of: [/cloudwatchRoleArn]");
  Reply bad_op = bench.Call("PATCH", "/account", R"({"patchOperations":[{"op":"add","path":"/cloudwatchRoleArn","value":"x"}]})");
  CHECK(bad_op.status == 400);
  CHECK(bench.Call("GET", "/account").body == kDefault);
}
