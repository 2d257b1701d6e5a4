// Tests of control-plane/lambda: what the handlers store, what they tell the
// runner, and AWS's answers, through the real dispatcher.
#include <set>

#include "control-plane/lambda/function_config.h"
#include "tests/control-plane/lambda/lambda_bench.h"

namespace apigw::cp::lambda {

using testing::FakeRunner;
using testing::LambdaBench;
using testing::Reply;

TEST_CASE("CreateFunction stores the package, answers Pending, and publishes $LATEST to the runner") {
  LambdaBench bench;
  Reply r = bench.Create("fn", R"(,"Timeout":7,"Environment":{"Variables":{"KEY_A":"v"}},"Tags":{"t":"1"})");
  REQUIRE(r.status == 201);
  CHECK(GetString(r.json, "State") == "Pending");
  CHECK(GetString(r.json, "StateReason") == "The function is being created.");
  CHECK(GetString(r.json, "LastModified") == "2024-01-01T00:00:00.000+0000");
  CHECK(GetString(r.json, "CodeSha256") == apigw::lambda::Sha256Base64("PK-zip-1"));
  CHECK(GetInt(r.json, "CodeSize") == 8);
  CHECK(Member(r.json, "LastUpdateStatus") == nullptr);

  const apigw::lambda::FunctionSnapshot* snap = bench.runner.Last("fn");
  REQUIRE(snap != nullptr);
  REQUIRE(snap->versions.count("$LATEST") == 1);
  const apigw::lambda::VersionSpec& spec = *snap->versions.at("$LATEST");
  CHECK(spec.runtime == "python3.12");
  CHECK(spec.handler == "app.handler");
  CHECK(spec.timeout_seconds == 7);
  CHECK(spec.memory_mb == 128);
  CHECK(spec.environment == std::vector<std::pair<std::string, std::string>>{{"KEY_A", "v"}});
  CHECK(spec.code_sha256 == apigw::lambda::Sha256Base64("PK-zip-1"));
  CHECK(spec.account_id == "000000000000");
  CHECK(spec.log_group == "/aws/lambda/fn");

  auto blobs = bench.store().ListKind("lambda-code");
  REQUIRE(blobs.ok());
  REQUIRE(blobs->size() == 1);
  CHECK((*blobs)[0].doc == "PK-zip-1");

  Reply got = bench.Call("GET", "/2015-03-31/functions/fn");
  CHECK(got.status == 200);
  CHECK(GetString(got.json["Configuration"], "State") == "Active");
  CHECK(GetString(got.json["Configuration"], "LastUpdateStatus") == "Successful");
  CHECK(GetString(got.json["Tags"], "t") == "1");
}

TEST_CASE("create errors: duplicates, bad packages, runtimes and handlers") {
  LambdaBench bench;
  REQUIRE(bench.Create("fn").status == 201);
  Reply dup = bench.Create("fn");
  CHECK(dup.status == 409);
  CHECK(dup.error_type == "ResourceConflictException");
  CHECK(dup.message() == "Function already exist: fn");

  Reply bad = bench.Create("bad", "", "not a zip");
  CHECK(bad.status == 400);
  CHECK(bad.error_type == "InvalidParameterValueException");
  CHECK(bad.message() == "Could not unzip uploaded file. Please check your file, then try to upload again.");

  Reply noh = bench.Call("POST", "/2015-03-31/functions",
                         R"({"FunctionName":"noh","Runtime":"python3.12","Role":"arn:aws:iam::000000000000:role/r","Code":{"ZipFile":"UEs="}})");
  CHECK(noh.error_type == "InvalidParameterValueException");
  CHECK(noh.message() ==
        "Runtime and Handler are mandatory parameters for functions created with deployment packages.");

  Reply rt = bench.Call("POST", "/2015-03-31/functions",
                        R"({"FunctionName":"rt","Runtime":"PYTHON3.9","Handler":"a.b","Role":"arn:aws:iam::000000000000:role/r","Code":{"ZipFile":"UEs="}})");
  CHECK(rt.error_type == "InvalidParameterValueException");
  CHECK(rt.message().find("Value PYTHON3.9 at 'runtime' failed to satisfy constraint") == 0);

  Reply big = bench.Create("big", R"(,"Environment":{"Variables":{"LARGE":")" + std::string(5000, 'x') + "\"}}");
  CHECK(big.error_type == "InvalidParameterValueException");
  CHECK(big.message().find("exceeded the 4KB limit. String measured: {\"LARGE\":\"xxx") != std::string::npos);

  Reply s3 = bench.Call("POST", "/2015-03-31/functions",
                        R"({"FunctionName":"s3","Runtime":"python3.12","Handler":"a.b","Role":"arn:aws:iam::000000000000:role/r","Code":{"S3Bucket":"my-bucket","S3Key":"k.zip"}})");
  CHECK(s3.error_type == "InvalidParameterValueException");
  CHECK(s3.message().find("NoSuchBucket") != std::string::npos);

  // Nothing was published for the refused ones.
  for (const char* name : {"bad", "noh", "rt", "big", "s3"}) CHECK(bench.runner.Last(name) == nullptr);
}

TEST_CASE("versions, aliases and concurrency reach the runner's snapshot") {
  LambdaBench bench;
  REQUIRE(bench.Create("fn").status == 201);
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").status == 201);
  REQUIRE(bench.Call("PUT", "/2015-03-31/functions/fn/configuration", R"({"Timeout":9})").status == 200);
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").status == 201);
  Reply alias = bench.Call("POST", "/2015-03-31/functions/fn/aliases",
                           R"({"Name":"live","FunctionVersion":"1","RoutingConfig":{"AdditionalVersionWeights":{"2":0.25}}})");
  REQUIRE(alias.status == 201);
  REQUIRE(bench.Call("PUT", "/2017-10-31/functions/fn/concurrency", R"({"ReservedConcurrentExecutions":3})").status ==
          200);
  const apigw::lambda::FunctionSnapshot* snap = bench.runner.Last("fn");
  REQUIRE(snap != nullptr);
  CHECK(snap->versions.size() == 3);
  CHECK(snap->versions.at("1")->timeout_seconds == 3);
  CHECK(snap->versions.at("2")->timeout_seconds == 9);
  CHECK(snap->versions.at("$LATEST")->timeout_seconds == 9);
  REQUIRE(snap->aliases.count("live") == 1);
  CHECK(snap->aliases.at("live").version == "1");
  REQUIRE(snap->aliases.at("live").additional_weights.size() == 1);
  CHECK(snap->aliases.at("live").additional_weights[0].first == "2");
  CHECK(snap->aliases.at("live").additional_weights[0].second == doctest::Approx(0.25));
  CHECK(snap->reserved_concurrency == 3);

  // Deleting a version drops it from the snapshot; deleting the function removes it.
  REQUIRE(bench.Call("DELETE", "/2015-03-31/functions/fn/aliases/live").status == 204);
  REQUIRE(bench.Call("DELETE", "/2015-03-31/functions/fn?Qualifier=1").status == 204);
  CHECK(bench.runner.Last("fn")->versions.count("1") == 0);
  REQUIRE(bench.Call("DELETE", "/2015-03-31/functions/fn").status == 204);
  REQUIRE(bench.runner.removed.size() == 1);
  CHECK(bench.runner.removed[0] == std::make_pair(std::string("us-east-1"), std::string("fn")));
  auto left = bench.store().ListKind("lambda-version");
  CHECK(left->empty());
  CHECK(bench.store().ListKind("lambda-code")->empty());
}

TEST_CASE("code updates keep the packages versions still use, and drop the others") {
  LambdaBench bench;
  REQUIRE(bench.Create("fn", "", "PK-one").status == 201);
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").status == 201);  // v1 uses PK-one
  std::string two = Base64Encode("PK-two"), three = Base64Encode("PK-three");
  Reply r = bench.Call("PUT", "/2015-03-31/functions/fn/code", R"({"ZipFile":")" + two + "\"}");
  REQUIRE(r.status == 200);
  CHECK(GetString(r.json, "LastUpdateStatus") == "InProgress");
  CHECK(bench.store().ListKind("lambda-code")->size() == 2);
  REQUIRE(bench.Call("PUT", "/2015-03-31/functions/fn/code", R"({"ZipFile":")" + three + "\"}").status == 200);
  auto blobs = bench.store().ListKind("lambda-code");
  REQUIRE(blobs->size() == 2);  // PK-one (version 1) and PK-three ($LATEST); PK-two is gone
  std::set<std::string> kept;
  for (const auto& b : *blobs) kept.insert(b.doc);
  CHECK(kept == std::set<std::string>{"PK-one", "PK-three"});
  // A dry run changes nothing.
  r = bench.Call("PUT", "/2015-03-31/functions/fn/code", R"({"ZipFile":")" + two + R"(","DryRun":true})");
  REQUIRE(r.status == 200);
  CHECK(GetString(r.json, "CodeSha256") == apigw::lambda::Sha256Base64("PK-two"));
  Reply got = bench.Call("GET", "/2015-03-31/functions/fn/configuration");
  CHECK(GetString(got.json, "CodeSha256") == apigw::lambda::Sha256Base64("PK-three"));
  // A stale RevisionId is refused.
  r = bench.Call("PUT", "/2015-03-31/functions/fn/configuration", R"({"Timeout":5,"RevisionId":"old"})");
  CHECK(r.status == 412);
  CHECK(r.error_type == "PreconditionFailedException");
}

TEST_CASE("after a restart every function is published again, its package unpacked from the store") {
  LambdaBench bench;
  REQUIRE(bench.Create("fn", "", "PK-stored").status == 201);
  REQUIRE(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").status == 201);
  FakeRunner fresh;  // an empty code cache
  bench.Restart(fresh);
  CHECK(fresh.installed.count(apigw::lambda::Sha256Base64("PK-stored")) == 1);
  const apigw::lambda::FunctionSnapshot* snap = fresh.Last("fn");
  REQUIRE(snap != nullptr);
  CHECK(snap->versions.size() == 2);
}

TEST_CASE("not found, wrong region and qualifier mismatch get AWS's messages") {
  LambdaBench bench;
  Reply r = bench.Call("GET", "/2015-03-31/functions/ghost");
  CHECK(r.status == 404);
  CHECK(r.error_type == "ResourceNotFoundException");
  CHECK(GetString(r.json, "Type") == "User");
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost");
  REQUIRE(bench.Create("fn").status == 201);
  r = bench.Call("GET", "/2015-03-31/functions/fn?Qualifier=7");
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn:7");
  r = bench.Call("GET", "/2015-03-31/functions/arn:aws:lambda:eu-west-1:000000000000:function:fn");
  CHECK(r.status == 404);
  CHECK(r.message() == "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
  r = bench.Call("GET", "/2015-03-31/functions/fn:1?Qualifier=2");
  CHECK(r.status == 400);
  CHECK(r.message() == "The derived qualifier from the function name does not match the specified qualifier.");
  // Functions are per region.
  CHECK(bench.Call("GET", "/2015-03-31/functions/fn", "", "eu-west-1").status == 404);
}

TEST_CASE("configuration views: pending, in progress and list items") {
  JsonDoc config = cp::testing::Parse(
      R"({"FunctionName":"f","State":"Active","LastUpdateStatus":"Successful","RuntimeVersionConfig":{"RuntimeVersionArn":"x"}})");
  JsonDoc creating = CreatingView(config);
  CHECK(GetString(creating, "State") == "Pending");
  CHECK(GetString(creating, "StateReasonCode") == "Creating");
  CHECK(Member(creating, "LastUpdateStatus") == nullptr);
  JsonDoc updating = UpdatingView(config);
  CHECK(GetString(updating, "LastUpdateStatus") == "InProgress");
  CHECK(GetString(updating, "LastUpdateStatusReasonCode") == "Creating");
  JsonDoc item = ListView(config);
  CHECK(Member(item, "State") == nullptr);
  CHECK(Member(item, "LastUpdateStatus") == nullptr);
  CHECK(Member(item, "RuntimeVersionConfig") == nullptr);
  CHECK(GetString(item, "FunctionName") == "f");
  CHECK(LastModified(1719792000123) == "2024-07-01T00:00:00.123+0000");
}

}  // namespace apigw::cp::lambda
