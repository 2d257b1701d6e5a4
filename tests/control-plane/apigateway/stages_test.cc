// Stages through the real dispatcher: creation, listing, every family of
// UpdateStage patch paths with the messages recorded against AWS, deletion,
// and what the data plane is told.
#include <doctest/doctest.h>

#include "tests/control-plane/apigateway/deploy_fixture.h"

using namespace apigw;
using namespace apigw::cp::apigateway;
using apigw::cp::apigateway::testing::DeployBench;
using apigw::cp::apigateway::testing::Reply;

namespace {

constexpr const char* kApi = "/restapis/api0000001";

// AWS's list of stage patch paths, as recorded (with its missing separators).
const std::string kValidPaths =
    "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, "
    "/accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, "
    "/{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, "
    "/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/"
    "{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, "
    "/{resourcePath}/{httpMethod}/caching/dataEncrypted, "
    "/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, "
    "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, "
    "/*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit "
    "/*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, "
    "/*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, "
    "/variables/{variable_name}, /tracingEnabled]";

// A bench with API api0000001, deployment id0001 and stage s1 on it.
struct StageBench : DeployBench {
  StageBench() {
    SeedApi("api0000001");
    Deploy("api0000001");
    Reply r = Call("POST", std::string(kApi) + "/stages",
                   R"({"stageName":"s1","deploymentId":"id0001","description":"my stage","documentationVersion":"v123"})");
    REQUIRE(r.status == 201);
  }
  Reply Patch(const std::string& ops, const std::string& stage = "s1") {
    return Call("PATCH", std::string(kApi) + "/stages/" + stage, R"({"patchOperations":[)" + ops + "]}");
  }
  Reply Get(const std::string& stage = "s1") { return Call("GET", std::string(kApi) + "/stages/" + stage); }
};

std::string Op(const std::string& op, const std::string& path, const std::string& value) {
  return R"({"op":")" + op + R"(","path":")" + path + R"(","value":")" + value + R"("})";
}
std::string Remove(const std::string& path) { return R"({"op":"remove","path":")" + path + R"("})"; }
std::string Copy(const std::string& from, const std::string& path) {
  return R"({"op":"copy","from":")" + from + R"(","path":")" + path + R"("})";
}

}  // namespace

TEST_CASE("stages: create answers AWS's shape and publishes") {
  StageBench bench;
  Reply r = bench.Get();
  CHECK(r.body ==
        R"({"deploymentId":"id0001","stageName":"s1","description":"my stage","cacheClusterEnabled":false,)"
        R"("cacheClusterStatus":"NOT_AVAILABLE","methodSettings":{},"documentationVersion":"v123",)"
        R"("tracingEnabled":false,"createdDate":1700000000,"lastUpdatedDate":1700000000})");
  REQUIRE(bench.sink.published.size() == 1);
  CHECK(bench.sink.published[0].stage_name == "s1");
  CHECK(GetString((*bench.sink.published[0].deployment)["deployment"], "id") == "id0001");
}

TEST_CASE("stages: create refuses duplicates, unknown deployments, bad names and unknown APIs") {
  StageBench bench;
  std::string url = std::string(kApi) + "/stages";
  Reply dup = bench.Call("POST", url, R"({"stageName":"s1","deploymentId":"id0001"})");
  CHECK(dup.status == 409);
  CHECK(dup.error_type == "ConflictException");
  CHECK(dup.message() == "Stage already exists");
  Reply no_dep = bench.Call("POST", url, R"({"stageName":"s2","deploymentId":"nope"})");
  CHECK(no_dep.status == 400);
  CHECK(no_dep.message() == "Deployment id does not exist");
  Reply bad_name = bench.Call("POST", url, R"({"stageName":"$default","deploymentId":"id0001"})");
  CHECK(bad_name.status == 400);
  CHECK(bad_name.message() == "Stage name only allows a-zA-Z0-9_");
  CHECK(bench.Call("POST", url, R"({"stageName":"dev-1_A","deploymentId":"id0001"})").status == 201);
  Reply no_api = bench.Call("POST", "/restapis/nope/stages", R"({"stageName":"s","deploymentId":"id0001"})");
  CHECK(no_api.status == 404);
  CHECK(no_api.message() == "Invalid API identifier specified 000000000000:nope");
  Reply bad_canary = bench.Call("POST", url, R"({"stageName":"s3","deploymentId":"id0001","canarySettings":{"deploymentId":"deploy"}})");
  CHECK(bad_canary.status == 400);
  CHECK(bad_canary.message() == "Deployment id does not exist");
  CHECK(bench.sink.published.size() == 2);  // s1 and dev-1_A only
}

TEST_CASE("stages: create with variables, tags, cache cluster and a canary") {
  StageBench bench;
  Reply r = bench.Call("POST", std::string(kApi) + "/stages",
                       R"({"stageName":"dev","deploymentId":"id0001","variables":{"testVar":"default"},)"
                       R"("tags":{"k":"v"},"cacheClusterEnabled":true,)"
                       R"("canarySettings":{"percentTraffic":40,"stageVariableOverrides":{"testVar":"canary1"}}})");
  REQUIRE(r.status == 201);
  CHECK(GetString(r.json, "cacheClusterStatus") == "AVAILABLE");
  CHECK(GetString(r.json, "cacheClusterSize") == "0.5");
  CHECK(ToJson(r.json["variables"]) == R"({"testVar":"default"})");
  CHECK(ToJson(r.json["tags"]) == R"({"k":"v"})");
  CHECK(ToJson(r.json["canarySettings"]) ==
        R"({"percentTraffic":40.0,"deploymentId":"id0001","stageVariableOverrides":{"testVar":"canary1"},"useStageCache":false})");
}

TEST_CASE("stages: get, list and the deploymentId filter") {
  StageBench bench;
  std::string second = bench.Deploy("api0000001", R"({"stageName":"s2"})");
  Reply all = bench.Call("GET", std::string(kApi) + "/stages");
  REQUIRE(all.json["item"].Size() == 2);
  Reply only = bench.Call("GET", std::string(kApi) + "/stages?deploymentId=" + second);
  REQUIRE(only.json["item"].Size() == 1);
  CHECK(GetString(only.json["item"][0], "stageName") == "s2");
  CHECK(bench.Call("GET", std::string(kApi) + "/stages?deploymentId=none").body == R"({"item":[]})");
  Reply missing = bench.Get("nope");
  CHECK(missing.status == 404);
  CHECK(missing.message() == "Invalid Stage identifier specified");
  CHECK(bench.Call("GET", "/restapis/nope/stages/s1").message() == "Invalid Stage identifier specified");
  CHECK(bench.Call("GET", "/restapis/nope/stages").message() == "Invalid API identifier specified 000000000000:nope");
}

TEST_CASE("stages: paths AWS refuses") {
  StageBench bench;
  Reply doc_version = bench.Patch(Op("replace", "/documentation_version", "123"));
  CHECK(doc_version.status == 400);
  CHECK(doc_version.message() == "Invalid method setting path: /documentation_version. Must be one of: " + kValidPaths);
  CHECK(bench.Patch(Op("replace", "/tags/tag1", "value1")).message() ==
        "Invalid method setting path: /tags/tag1. Must be one of: " + kValidPaths);
  CHECK(bench.Patch(Op("replace", "/variables", "x")).message() ==
        "Invalid method setting path: /variables. Must be one of: " + kValidPaths);
  CHECK(bench.Patch(Op("replace", "/*/*/caching/nothing", "x")).status == 400);
  CHECK(bench.Patch(R"({"op":"replace","value":"x"})").message() ==
        "Invalid method setting path: null. Must be one of: " + kValidPaths);
  CHECK(bench.Patch(R"({"op":"move","from":"/description","path":"/x"})").message() ==
        "Invalid patch operation specified. Must be 'add'|'remove'|'replace'|'copy'");
  CHECK(bench.Patch(Op("replace", "/description", "x"), "nope").message() == "Invalid Stage identifier specified");
}

TEST_CASE("stages: update as recorded against AWS, and */* only seeds new entries") {
  StageBench bench;
  Reply r = bench.Patch(Op("replace", "/description", "stage new") + "," + Op("replace", "/variables/var1", "test") +
                        "," + Op("replace", "/variables/var2", "test2") + "," +
                        Op("replace", "/*/*/throttling/burstLimit", "123") + "," +
                        Op("replace", "/*/*/caching/enabled", "true") + "," + Op("replace", "/tracingEnabled", "true") +
                        "," + Op("replace", "/test/GET/throttling/burstLimit", "124"));
  REQUIRE(r.status == 200);
  const std::string wildcard =
      R"({"metricsEnabled":false,"dataTraceEnabled":false,"throttlingBurstLimit":123,"throttlingRateLimit":10000.0,)"
      R"("cachingEnabled":true,"cacheTtlInSeconds":300,"cacheDataEncrypted":false,)"
      R"("requireAuthorizationForCacheControl":true,"unauthorizedCacheControlHeaderStrategy":"SUCCEED_WITH_RESPONSE_HEADER"})";
  const std::string test_get =
      R"({"metricsEnabled":false,"dataTraceEnabled":false,"throttlingBurstLimit":124,"throttlingRateLimit":10000.0,)"
      R"("cachingEnabled":true,"cacheTtlInSeconds":300,"cacheDataEncrypted":false,)"
      R"("requireAuthorizationForCacheControl":true,"unauthorizedCacheControlHeaderStrategy":"SUCCEED_WITH_RESPONSE_HEADER"})";
  CHECK(ToJson(r.json["methodSettings"]) == R"({"*/*":)" + wildcard + R"(,"test/GET":)" + test_get + "}");
  CHECK(ToJson(r.json["variables"]) == R"({"var1":"test","var2":"test2"})");
  CHECK(GetBool(r.json, "tracingEnabled") == true);
  CHECK(GetString(r.json, "description") == "stage new");
  CHECK(bench.Get().body == r.body);

  Reply override = bench.Patch(Op("replace", "/*/*/throttling/burstLimit", "100"));
  CHECK(GetInt(override.json["methodSettings"]["*/*"], "throttlingBurstLimit") == 100);
  CHECK(GetInt(override.json["methodSettings"]["test/GET"], "throttlingBurstLimit") == 124);
  // Every successful update is published: stage settings need no new deployment.
  CHECK(bench.sink.published.size() == 3);
  CHECK(GetInt((*bench.sink.published.back().stage)["methodSettings"]["*/*"], "throttlingBurstLimit") == 100);
}

TEST_CASE("stages: removing */* needs an entry there") {
  StageBench bench;
  Reply refused = bench.Patch(Remove("/*/*"));
  CHECK(refused.status == 400);
  CHECK(refused.message() == "Cannot remove method setting */* because there is no method setting for this method ");
  REQUIRE(bench.Patch(Op("replace", "/*/*/caching/enabled", "true")).status == 200);
  Reply reset = bench.Patch(Remove("/*/*"));
  CHECK(reset.status == 200);
  CHECK(ToJson(reset.json["methodSettings"]) == "{}");
}

TEST_CASE("stages: documentationVersion is patchable, as Terraform's aws_api_gateway_stage patches it") {
  StageBench bench;
  Reply r = bench.Patch(Op("replace", "/documentationVersion", "v1"));
  REQUIRE(r.status == 200);
  CHECK(GetString(r.json, "documentationVersion") == "v1");
  r = bench.Patch(Remove("/documentationVersion"));
  CHECK(r.status == 200);
  CHECK(!Member(r.json, "documentationVersion"));
}

TEST_CASE("stages: -1 throttling limits, as Terraform sends them for unset limits and reads them back from AWS") {
  StageBench bench;
  Reply r = bench.Patch(Op("replace", "/~1/GET/throttling/burstLimit", "-1") + "," +
                        Op("replace", "/~1/GET/throttling/rateLimit", "-1.000000") + "," +
                        Op("replace", "/~1/GET/logging/loglevel", "INFO"));
  REQUIRE(r.status == 200);
  CHECK(ToJson(r.json["methodSettings"]["~1/GET"]["throttlingBurstLimit"]) == "-1");
  CHECK(GetDouble(r.json["methodSettings"]["~1/GET"], "throttlingRateLimit") == -1.0);
}

TEST_CASE("stages: method setting keys, values and resets") {
  StageBench bench;
  Reply r = bench.Patch(Op("replace", "/~1pets/GET/logging/loglevel", "info") + "," +
                        Op("replace", "/a/b/POST/throttling/rateLimit", "2.5") + "," +
                        Op("replace", "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "FAIL_WITH_403"));
  REQUIRE(r.status == 200);
  // Keys stay as written, as AWS answers ("~1resource~1subresource/POST").
  CHECK(GetString(r.json["methodSettings"]["~1pets/GET"], "loggingLevel") == "INFO");
  CHECK(GetDouble(r.json["methodSettings"]["a/b/POST"], "throttlingRateLimit") == 2.5);
  CHECK(GetString(r.json["methodSettings"]["*/*"], "unauthorizedCacheControlHeaderStrategy") == "FAIL_WITH_403");

  CHECK(bench.Patch(Op("replace", "/*/*/throttling/burstLimit", "abc")).status == 400);
  CHECK(bench.Patch(Op("replace", "/*/*/throttling/burstLimit", "-2")).status == 400);
  CHECK(bench.Patch(Op("replace", "/*/*/caching/ttlInSeconds", "-1")).status == 400);
  CHECK(bench.Patch(Op("replace", "/*/*/throttling/rateLimit", "1e")).status == 400);
  CHECK(bench.Patch(Op("replace", "/*/*/logging/loglevel", "LOUD")).status == 400);
  CHECK(bench.Patch(Op("replace", "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "x")).status == 400);

  Reply reset = bench.Patch(Remove("/~1pets/GET/logging/loglevel") + "," + Remove("/a/b/POST/throttling/rateLimit"));
  REQUIRE(reset.status == 200);
  CHECK(!Member(reset.json["methodSettings"]["~1pets/GET"], "loggingLevel"));
  CHECK(GetDouble(reset.json["methodSettings"]["a/b/POST"], "throttlingRateLimit") == 10000.0);
  CHECK(bench.Patch(Remove("/x/GET/metrics/enabled")).message() ==
        "Cannot remove method setting x/GET/metrics/enabled because there is no method setting for this method ");
  CHECK(bench.Patch(Remove("/a/b/POST")).status == 200);
  CHECK(!Member(bench.Get().json["methodSettings"], "a/b/POST"));
}

TEST_CASE("stages: a failed update changes nothing") {
  StageBench bench;
  std::string before = bench.Get().body;
  Reply r = bench.Patch(Op("replace", "/description", "changed") + "," + Op("replace", "/nope", "x"));
  CHECK(r.status == 400);
  CHECK(bench.Get().body == before);
  CHECK(bench.sink.published.size() == 1);
}

TEST_CASE("stages: scalar fields, variables and the deployment") {
  StageBench bench;
  bench.clock.AdvanceMillis(2000);
  Reply r = bench.Patch(Op("replace", "/cacheClusterEnabled", "true") + "," + Op("replace", "/cacheClusterSize", "1.6") +
                        "," + Op("add", "/variables/a", "1") + "," + Op("replace", "/clientCertificateId", "cert"));
  REQUIRE(r.status == 200);
  CHECK(GetString(r.json, "cacheClusterStatus") == "AVAILABLE");
  CHECK(GetString(r.json, "cacheClusterSize") == "1.6");
  CHECK(GetString(r.json, "clientCertificateId") == "cert");
  CHECK(GetInt(r.json, "lastUpdatedDate") == 1700000002);
  CHECK(GetInt(r.json, "createdDate") == 1700000000);
  CHECK(bench.Patch(Op("replace", "/cacheClusterSize", "2.0")).status == 400);

  Reply removed = bench.Patch(Remove("/variables/a") + "," + Remove("/description") + "," +
                              Op("replace", "/cacheClusterEnabled", "false"));
  REQUIRE(removed.status == 200);
  CHECK(!Member(removed.json, "variables"));
  CHECK(!Member(removed.json, "description"));
  CHECK(GetString(removed.json, "cacheClusterStatus") == "NOT_AVAILABLE");

  CHECK(bench.Patch(Op("replace", "/deploymentId", "nope")).message() == "Deployment id does not exist");
  std::string second = bench.Deploy("api0000001");
  REQUIRE(bench.Patch(Op("replace", "/deploymentId", second)).status == 200);
  CHECK(GetString((*bench.sink.published.back().deployment)["deployment"], "id") == second);
}

TEST_CASE("stages: access log settings as recorded against AWS") {
  StageBench bench;
  const std::string invalid =
      "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]";
  for (const char* op : {"add", "replace"}) {
    CAPTURE(op);
    CHECK(bench.Patch(Op(op, "/accessLogSettings/randomValue", "updated")).message() == invalid);
    CHECK(bench.Patch(Op(op, "/accessLogSettings/*", "updated")).message() == invalid);
    CHECK(bench.Patch(Op(op, "/accessLogSettings", "test")).message() == invalid);
  }
  CHECK(bench.Patch(Remove("/accessLogSettings/randomValue")).message() ==
        "Cannot remove method setting accessLogSettings/randomValue because there is no method setting for this method ");
  CHECK(bench.Patch(Remove("/accessLogSettings/*")).message() ==
        "Cannot remove method setting accessLogSettings/* because there is no method setting for this method ");

  Reply added = bench.Patch(Op("add", "/accessLogSettings/destinationArn", "arn:aws:logs:us-east-1:000000000000:log-group:g"));
  CHECK(ToJson(added.json["accessLogSettings"]) == R"({"destinationArn":"arn:aws:logs:us-east-1:000000000000:log-group:g"})");
  CHECK(bench.Patch(Op("replace", "/accessLogSettings/destinationArn", "")).message() ==
        "Access Log value must not be empty");
  CHECK(bench.Patch(Op("replace", "/accessLogSettings/format", "")).message() == "Access Log value must not be empty");
  CHECK(bench.Patch(Remove("/accessLogSettings/destinationArn")).message() ==
        "Cannot remove method setting accessLogSettings/destinationArn because there is no method setting for this method ");
  Reply format = bench.Patch(Op("add", "/accessLogSettings/format", "$context.requestId"));
  CHECK(ToJson(format.json["accessLogSettings"]) ==
        R"({"format":"$context.requestId","destinationArn":"arn:aws:logs:us-east-1:000000000000:log-group:g"})");
  Reply gone = bench.Patch(Remove("/accessLogSettings"));
  CHECK(gone.status == 200);
  CHECK(!Member(gone.json, "accessLogSettings"));
}

TEST_CASE("stages: canary settings as recorded against AWS") {
  StageBench bench;
  std::string second = bench.Deploy("api0000001");
  Reply created = bench.Patch(Op("replace", "/canarySettings/deploymentId", second));
  CHECK(ToJson(created.json["canarySettings"]) ==
        R"({"percentTraffic":0.0,"deploymentId":")" + second + R"(","useStageCache":false})");
  Reply overrides = bench.Patch(Op("replace", "/canarySettings/stageVariableOverrides/testVar", "updated") + "," +
                                Op("replace", "/canarySettings/percentTraffic", "50") + "," +
                                Op("replace", "/canarySettings/useStageCache", "true"));
  CHECK(ToJson(overrides.json["canarySettings"]) == R"({"percentTraffic":50.0,"deploymentId":")" + second +
                                                         R"(","stageVariableOverrides":{"testVar":"updated"},"useStageCache":true})");

  CHECK(bench.Patch(Remove("/canarySettings/stageVariableOverrides")).message() ==
        "Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for "
        "this method ");
  CHECK(bench.Patch(Remove("/canarySettings/badPath")).message() ==
        "Cannot remove method setting canarySettings/badPath because there is no method setting for this method ");
  CHECK(bench.Patch(Op("replace", "/canarySettings", "test")).message() ==
        "Invalid method setting path: /canarySettings. Must be one of: " + kValidPaths);
  CHECK(bench.Patch(Op("replace", "/canarySettings/badPath", "badPath")).message() ==
        "Invalid method setting path: /canarySettings/badPath. Must be one of: " + kValidPaths);
  CHECK(bench.Patch(Op("add", "/canarySettings/deploymentId", second)).message() ==
        "Invalid add operation with path: /canarySettings/deploymentId");
  CHECK(bench.Patch(Op("replace", "/canarySettings/deploymentId", "deploy")).message() == "Deployment id does not exist");
  CHECK(bench.Patch(Op("replace", "/canarySettings/percentTraffic", "101")).status == 400);

  Reply removed = bench.Patch(Remove("/canarySettings"));
  CHECK(removed.status == 200);
  CHECK(!Member(removed.json, "canarySettings"));
  Reply percent = bench.Patch(Op("replace", "/canarySettings/percentTraffic", "50"));
  CHECK(ToJson(percent.json["canarySettings"]) == R"({"percentTraffic":50.0,"deploymentId":"id0001","useStageCache":false})");
}

TEST_CASE("stages: promoting a canary with copy") {
  StageBench bench;
  Reply no_canary = bench.Patch(Copy("/canarySettings/stageVariableOverrides", "/variables") + "," +
                                Copy("/canarySettings/deploymentId", "/deploymentId"));
  CHECK(no_canary.message() == "Promotion not available. Canary does not exist.");
  Reply bad = bench.Patch(Copy("/variables", "/canarySettings/stageVariableOverrides"));
  CHECK(bad.message() ==
        "Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path "
        "are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, "
        "/canarySettings/stageVariableOverrides]");

  REQUIRE(bench.Patch(Op("replace", "/variables/testVar", "test") + "," + Op("replace", "/variables/testVar2", "test2"))
              .status == 200);
  std::string canary = bench.Deploy(
      "api0000001", R"({"stageName":"s1","canarySettings":{"percentTraffic":50,"stageVariableOverrides":{"testVar":"override"}}})");
  Reply promoted = bench.Patch(Op("replace", "/canarySettings/percentTraffic", "0.0") + "," +
                               Copy("/canarySettings/deploymentId", "/deploymentId") + "," +
                               Copy("/canarySettings/stageVariableOverrides", "/variables"));
  REQUIRE(promoted.status == 200);
  CHECK(GetString(promoted.json, "deploymentId") == canary);
  CHECK(ToJson(promoted.json["variables"]) == R"({"testVar":"override","testVar2":"test2"})");
  CHECK(ToJson(promoted.json["canarySettings"]) == R"({"percentTraffic":0.0,"deploymentId":")" + canary +
                                                       R"(","stageVariableOverrides":{"testVar":"override"},"useStageCache":false})");
  CHECK(GetString((*bench.sink.published.back().deployment)["deployment"], "id") == canary);
}

TEST_CASE("stages: delete unpublishes") {
  StageBench bench;
  Reply r = bench.Call("DELETE", std::string(kApi) + "/stages/s1");
  CHECK(r.status == 202);
  REQUIRE(bench.sink.unpublished.size() == 1);
  CHECK(bench.sink.unpublished[0] == std::make_pair(std::string("api0000001"), std::string("s1")));
  CHECK(bench.Get().status == 404);
  Reply again = bench.Call("DELETE", std::string(kApi) + "/stages/s1");
  CHECK(again.status == 404);
  CHECK(again.message() == "Invalid Stage identifier specified");
  CHECK(bench.sink.unpublished.size() == 1);
}

TEST_CASE("stages: FlushStageAuthorizersCache tells the data plane; FlushStageCache does not") {
  StageBench bench;
  CHECK(bench.Call("DELETE", std::string(kApi) + "/stages/s1/cache/data").status == 202);
  CHECK(bench.sink.flushed.empty());
  CHECK(bench.Call("DELETE", std::string(kApi) + "/stages/s1/cache/authorizers").status == 202);
  REQUIRE(bench.sink.flushed.size() == 1);
  CHECK(bench.sink.flushed[0] == std::make_pair(std::string("api0000001"), std::string("s1")));
  Reply missing = bench.Call("DELETE", std::string(kApi) + "/stages/nope/cache/authorizers");
  CHECK(missing.status == 404);
  CHECK(bench.sink.flushed.size() == 1);
}

TEST_CASE("stages: PublishAllStages republishes every stored stage") {
  StageBench bench;
  bench.Deploy("api0000001", R"({"stageName":"s2"})");
  bench.SeedApi("api0000002", {"GET"}, true, "eu-west-1");
  REQUIRE(bench.Call("POST", "/restapis/api0000002/deployments", R"({"stageName":"prod"})", "eu-west-1").status == 201);
  bench.sink.published.clear();
  bench.deps().account_id = "123456789012";
  REQUIRE(PublishAllStages(bench.deps()).ok());
  REQUIRE(bench.sink.published.size() == 3);
  CHECK(bench.sink.published[0].stage_name == "s1");
  CHECK(bench.sink.published[1].stage_name == "s2");
  CHECK(bench.sink.published[2].api_id == "api0000002");
  CHECK(bench.sink.published[2].region == "eu-west-1");
  CHECK(bench.sink.published[2].account_id == "123456789012");
  // A stage whose snapshot is gone is skipped, not fatal.
  REQUIRE(bench.store().Delete(kind::kDeploymentSnapshot, "api0000002", "id0003").ok());
  bench.sink.published.clear();
  CHECK(PublishAllStages(bench.deps()).ok());
  CHECK(bench.sink.published.size() == 2);
}

TEST_CASE("stages: stage variable names and values follow AWS's rules, with its messages") {
  StageBench bench;
  const std::string value_rule =
      ".  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', "
      "'=', and ','.";
  // Names: word characters only (as AWS answered an UpdateStage of /variables/owner:application-name).
  Reply r = bench.Patch(Op("replace", "/variables/owner:application-name", "foo"));
  CHECK(r.status == 400);
  CHECK(r.error_type == "BadRequestException");
  CHECK(r.message() == "Invalid stage variable name: owner:application-name.  Please use names with only word characters.");
  // Values: not empty, not missing, and none of $ * " etc.
  r = bench.Patch(Op("replace", "/variables/admin_pass", ""));
  CHECK(r.status == 400);
  CHECK(r.message() == "Invalid stage variable value: " + value_rule);
  r = bench.Patch(R"({"op":"replace","path":"/variables/v"})");
  CHECK(r.message() == "Invalid stage variable value: null" + value_rule);
  r = bench.Patch(Op("replace", "/variables/alias", "$LATEST"));
  CHECK(r.message() == "Invalid stage variable value: $LATEST" + value_rule);
  // A refused operation leaves the stage as it was, even after valid ones.
  r = bench.Patch(Op("replace", "/variables/ok", "1") + "," + Op("replace", "/variables/bad", "a*b"));
  CHECK(r.status == 400);
  CHECK(!Member(bench.Get().json, "variables"));
  // Everything the rule allows.
  r = bench.Patch(Op("replace", "/variables/url_1", "https://h.example:8080/p?q=1&r=a b,c#f~x") + "," +
                  Op("replace", "/variables/fn", "arn:aws:lambda:us-east-1:000000000000:function:f"));
  CHECK(r.status == 200);
  CHECK(ToJson(r.json["variables"]) ==
        R"({"url_1":"https://h.example:8080/p?q=1&r=a b,c#f~x","fn":"arn:aws:lambda:us-east-1:000000000000:function:f"})");

  // CreateStage checks its map the same way, and creates nothing.
  const std::string url = std::string(kApi) + "/stages";
  r = bench.Call("POST", url, R"({"stageName":"s2","deploymentId":"id0001","variables":{"a-b":"x"}})");
  CHECK(r.status == 400);
  CHECK(r.message() == "Invalid stage variable name: a-b.  Please use names with only word characters.");
  r = bench.Call("POST", url, R"({"stageName":"s2","deploymentId":"id0001","variables":{"a":"x\"y"}})");
  CHECK(r.status == 400);
  CHECK(r.message() == "Invalid stage variable value: x\"y" + value_rule);
  CHECK(bench.Get("s2").status == 404);
}
