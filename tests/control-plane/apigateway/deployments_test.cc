// Deployments through the real dispatcher: freezing, stages named at
// deployment, canaries, listing, updates, deletion and AWS's messages.
#include <doctest/doctest.h>

#include "control-plane/apigateway/deployment_snapshot.h"
#include "tests/control-plane/apigateway/deploy_fixture.h"

using namespace apigw;
using namespace apigw::cp::apigateway;
using apigw::cp::apigateway::testing::DeployBench;
using apigw::cp::apigateway::testing::Reply;

namespace {

std::string Integration(const PublishedStage& stage) {
  const JsonValue& resources = (*stage.deployment)["resources"];
  return GetString(resources[0]["resourceMethods"]["GET"]["methodIntegration"], "type").value_or("");
}

}  // namespace

TEST_CASE("deployments: an API without methods cannot be deployed") {
  DeployBench bench;
  bench.SeedApi("api0000001", {});
  Reply r = bench.Call("POST", "/restapis/api0000001/deployments", R"({"stageName":"dev"})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "BadRequestException");
  CHECK(r.message() == "The REST API doesn't contain any methods");
  // Nothing was written, nothing published.
  CHECK(bench.Call("GET", "/restapis/api0000001/stages").body == R"({"item":[]})");
  CHECK(bench.sink.published.empty());
}

TEST_CASE("deployments: a method without an integration cannot be deployed") {
  DeployBench bench;
  bench.SeedApi("api0000001", {"GET"}, /*integrated=*/false);
  Reply r = bench.Call("POST", "/restapis/api0000001/deployments", "{}");
  CHECK(r.status == 400);
  CHECK(r.message() == "No integration defined for method");
}

TEST_CASE("deployments: an unknown API") {
  DeployBench bench;
  Reply r = bench.Call("POST", "/restapis/nope/deployments", "{}");
  CHECK(r.status == 404);
  CHECK(r.error_type == "NotFoundException");
  CHECK(r.message() == "Invalid API identifier specified 000000000000:nope");
  CHECK(bench.Call("GET", "/restapis/nope/deployments").message() ==
        "Invalid API identifier specified 000000000000:nope");
  CHECK(bench.Call("GET", "/restapis/nope/deployments/id0001").message() == "Invalid Deployment identifier specified");
}

TEST_CASE("deployments: create and get, with AWS's shape") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  Reply created = bench.Call("POST", "/restapis/api0000001/deployments", "{}");
  CHECK(created.status == 201);
  CHECK(created.body == R"({"id":"id0001","createdDate":1700000000})");

  bench.clock.AdvanceMillis(5000);
  Reply described = bench.Call("POST", "/restapis/api0000001/deployments", R"({"description":"second"})");
  CHECK(described.body == R"({"id":"id0002","description":"second","createdDate":1700000005})");

  Reply got = bench.Call("GET", "/restapis/api0000001/deployments/id0001");
  CHECK(got.status == 200);
  CHECK(got.body == created.body);

  Reply summary = bench.Call("GET", "/restapis/api0000001/deployments/id0001?embed=apisummary");
  CHECK(ToJson(summary.json["apiSummary"]) == R"({"/":{"GET":{"authorizationType":"NONE","apiKeyRequired":false}}})");
  CHECK(bench.Call("GET", "/restapis/api0000001/deployments/zzzzzz").status == 404);
  // Without a stage nothing is served yet.
  CHECK(bench.sink.published.empty());
}

TEST_CASE("deployments: the snapshot freezes the API's records") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  std::string id = bench.Deploy("api0000001", R"({"description":"v1"})");
  auto snapshot = LoadDeploymentSnapshot(bench.store(), "api0000001", id);
  REQUIRE(snapshot.ok());
  const JsonDoc& doc = **snapshot;
  CHECK(GetString(doc["restApi"], "id") == "api0000001");
  REQUIRE(doc["resources"].Size() == 1);
  CHECK(doc["models"].IsArray());
  CHECK(doc["authorizers"].IsArray());
  CHECK(doc["requestValidators"].IsArray());
  CHECK(doc["gatewayResponses"].IsArray());
  CHECK(GetString(doc["deployment"], "description") == "v1");
  CHECK(GetString(doc["deployment"], "id") == id);
}

TEST_CASE("deployments: stageName creates the stage and publishes it") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  Reply r = bench.Call("POST", "/restapis/api0000001/deployments",
                       R"({"stageName":"dev","stageDescription":"d","variables":{"v":"1"},"tracingEnabled":true})");
  REQUIRE(r.status == 201);
  Reply stage = bench.Call("GET", "/restapis/api0000001/stages/dev");
  CHECK(stage.body ==
        R"({"deploymentId":"id0001","stageName":"dev","description":"d","cacheClusterEnabled":false,)"
        R"("cacheClusterStatus":"NOT_AVAILABLE","methodSettings":{},"variables":{"v":"1"},"tracingEnabled":true,)"
        R"("createdDate":1700000000,"lastUpdatedDate":1700000000})");
  REQUIRE(bench.sink.published.size() == 1);
  const PublishedStage& p = bench.sink.published[0];
  CHECK(p.api_id == "api0000001");
  CHECK(p.stage_name == "dev");
  CHECK(p.region == "us-east-1");
  CHECK(p.account_id == "000000000000");
  CHECK(p.protocol == ApiProtocol::kRest);
  CHECK(GetString((*p.deployment)["deployment"], "id") == "id0001");
  CHECK(GetString(*p.stage, "description") == "d");
}

TEST_CASE("deployments: a stage keeps serving its deployment until a new one is made") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  bench.Deploy("api0000001", R"({"stageName":"dev"})");
  bench.ChangeIntegration("api0000001", "HTTP");
  // A stage update republishes the same frozen deployment.
  REQUIRE(bench.Call("PATCH", "/restapis/api0000001/stages/dev",
                     R"({"patchOperations":[{"op":"replace","path":"/description","value":"x"}]})")
              .status == 200);
  REQUIRE(bench.sink.published.size() == 2);
  CHECK(Integration(bench.sink.published[0]) == "MOCK");
  CHECK(Integration(bench.sink.published[1]) == "MOCK");

  bench.clock.AdvanceMillis(1000);
  bench.Deploy("api0000001", R"({"stageName":"dev"})");
  REQUIRE(bench.sink.published.size() == 3);
  CHECK(Integration(bench.sink.published[2]) == "HTTP");
  Reply stage = bench.Call("GET", "/restapis/api0000001/stages/dev");
  CHECK(GetString(stage.json, "deploymentId") == "id0002");
  CHECK(GetString(stage.json, "description") == "x");  // kept: no stageDescription given
  CHECK(GetInt(stage.json, "createdDate") == 1700000000);
  CHECK(GetInt(stage.json, "lastUpdatedDate") == 1700000001);
}

TEST_CASE("deployments: deleting one that a stage uses is refused") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  std::string first = bench.Deploy("api0000001", R"({"stageName":"s1"})");
  Reply refused = bench.Call("DELETE", "/restapis/api0000001/deployments/" + first);
  CHECK(refused.status == 400);
  CHECK(refused.message() == "Active stages pointing to this deployment must be moved or deleted");

  std::string second = bench.Deploy("api0000001", R"({"stageName":"s1"})");
  Reply deleted = bench.Call("DELETE", "/restapis/api0000001/deployments/" + first);
  CHECK(deleted.status == 202);
  CHECK(bench.Call("GET", "/restapis/api0000001/deployments/" + first).message() ==
        "Invalid Deployment identifier specified");
  CHECK(bench.Call("DELETE", "/restapis/api0000001/deployments/" + first).status == 404);
  CHECK(!LoadDeploymentSnapshot(bench.store(), "api0000001", first).ok());

  CHECK(bench.Call("DELETE", "/restapis/api0000001/deployments/" + second).status == 400);
  CHECK(bench.Call("DELETE", "/restapis/api0000001/stages/s1").status == 202);
  CHECK(bench.Call("DELETE", "/restapis/api0000001/deployments/" + second).status == 202);
}

TEST_CASE("deployments: a canary's deployment cannot be deleted either") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  bench.Deploy("api0000001", R"({"stageName":"dev"})");
  std::string canary = bench.Deploy("api0000001", R"({"stageName":"dev","canarySettings":{"percentTraffic":10}})");
  CHECK(bench.Call("DELETE", "/restapis/api0000001/deployments/" + canary).status == 400);
}

TEST_CASE("deployments: listing pages with limit and position") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  for (int i = 0; i < 3; ++i) bench.Deploy("api0000001");
  Reply all = bench.Call("GET", "/restapis/api0000001/deployments");
  CHECK(all.body ==
        R"({"item":[{"id":"id0001","createdDate":1700000000},{"id":"id0002","createdDate":1700000000},)"
        R"({"id":"id0003","createdDate":1700000000}]})");
  Reply first = bench.Call("GET", "/restapis/api0000001/deployments?limit=2");
  REQUIRE(first.json["item"].Size() == 2);
  std::optional<std::string> position = GetString(first.json, "position");
  REQUIRE(position);
  Reply second = bench.Call("GET", "/restapis/api0000001/deployments?limit=2&position=" + *position);
  REQUIRE(second.json["item"].Size() == 1);
  CHECK(GetString(second.json["item"][0], "id") == "id0003");
  CHECK(!GetString(second.json, "position"));
  CHECK(bench.Call("GET", "/restapis/api0000001/deployments?position=garbage").status == 400);
}

TEST_CASE("deployments: update changes the description only") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  std::string id = bench.Deploy("api0000001");
  std::string url = "/restapis/api0000001/deployments/" + id;
  Reply r = bench.Call("PATCH", url, R"({"patchOperations":[{"op":"replace","path":"/description","value":"new"}]})");
  CHECK(r.status == 200);
  CHECK(r.body == R"({"id":"id0001","description":"new","createdDate":1700000000})");
  CHECK(GetString(bench.Call("GET", url).json, "description") == "new");

  Reply bad_path = bench.Call("PATCH", url, R"({"patchOperations":[{"op":"replace","path":"/id","value":"x"}]})");
  CHECK(bad_path.status == 400);
  CHECK(bad_path.message() == "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/description]");
  Reply bad_op = bench.Call("PATCH", url, R"({"patchOperations":[{"op":"add","path":"/description","value":"x"}]})");
  CHECK(bad_op.status == 400);
  CHECK(bad_op.message() == "Invalid patch path  '/description' specified for op 'add'. Please choose supported operations");
  CHECK(bench.Call("PATCH", "/restapis/api0000001/deployments/nope", R"({"patchOperations":[]})").status == 404);
}

TEST_CASE("deployments: canary releases need an existing stage") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  const std::string canary = R"("canarySettings":{"percentTraffic":50,"stageVariableOverrides":{"testVar":"canary"}})";
  std::string prefix = "Invalid deployment content specified.";
  CHECK(bench.Call("POST", "/restapis/api0000001/deployments", "{" + canary + "}").message() ==
        prefix + "Non null and non empty stageName must be provided for canary deployment. Provided value is null");
  CHECK(bench.Call("POST", "/restapis/api0000001/deployments", R"({"stageName":"",)" + canary + "}").message() ==
        prefix + "Non null and non empty stageName must be provided for canary deployment. Provided value is ");
  Reply missing = bench.Call("POST", "/restapis/api0000001/deployments", R"({"stageName":"non-existing",)" + canary + "}");
  CHECK(missing.status == 400);
  CHECK(missing.message() ==
        prefix + "Stage non-existing must already be created before making a canary release deployment");
}

TEST_CASE("deployments: a canary deployment leaves the stage on its deployment") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  bench.Deploy("api0000001", R"({"stageName":"dev","variables":{"testVar":"default"}})");
  std::string canary = bench.Deploy(
      "api0000001", R"({"stageName":"dev","canarySettings":{"percentTraffic":50,"stageVariableOverrides":{"testVar":"canary"}}})");
  Reply stage = bench.Call("GET", "/restapis/api0000001/stages/dev");
  CHECK(GetString(stage.json, "deploymentId") == "id0001");
  CHECK(ToJson(stage.json["canarySettings"]) ==
        R"({"percentTraffic":50.0,"deploymentId":")" + canary +
            R"(","stageVariableOverrides":{"testVar":"canary"},"useStageCache":false})");
  CHECK(ToJson(stage.json["variables"]) == R"({"testVar":"default"})");
  // A plain deployment to the stage ends the canary.
  bench.Deploy("api0000001", R"({"stageName":"dev"})");
  CHECK(!Member(bench.Call("GET", "/restapis/api0000001/stages/dev").json, "canarySettings"));
}

TEST_CASE("deployments: bad stage names and id collisions") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  Reply bad = bench.Call("POST", "/restapis/api0000001/deployments", R"({"stageName":"bad name!"})");
  CHECK(bad.status == 400);
  CHECK(bad.message() == "Stage name only allows a-zA-Z0-9_");
  std::string first = bench.Deploy("api0000001");
  bench.ids.Queue(first);  // the next random id is taken: another is drawn
  std::string second = bench.Deploy("api0000001");
  CHECK(second != first);
  CHECK(second.size() == 6);
}

TEST_CASE("deployments: stage variables are checked before anything is created") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  Reply bad = bench.Call("POST", "/restapis/api0000001/deployments",
                         R"({"stageName":"dev","variables":{"site":"https://x.example","admin_pass":""}})");
  CHECK(bad.status == 400);
  CHECK(bad.error_type == "BadRequestException");
  CHECK(bad.message() ==
        "Invalid stage variable value: .  Please use values with alphanumeric characters and the symbols ' ', -', "
        "'.', '_', ':', '/', '?', '&', '=', and ','.");
  bad = bench.Call("POST", "/restapis/api0000001/deployments", R"({"stageName":"dev","variables":{"my-var":"1"}})");
  CHECK(bad.message() == "Invalid stage variable name: my-var.  Please use names with only word characters.");
  CHECK(bench.Call("GET", "/restapis/api0000001/stages/dev").status == 404);
  CHECK(bench.Call("GET", "/restapis/api0000001/deployments").body == R"({"item":[]})");
  CHECK(bench.sink.published.empty());
}
