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

// RevisionIds as recorded: the answer to a create or an update carries one the
// stored configuration no longer has (AWS changes it again when the function
// turns Active / the update completes), publishing a version moves that of
// $LATEST, and a publish that changes nothing moves nothing
// (test_function_revisions_basic, test_function_revisions_version_and_alias,
// test_publish_version_on_create).
TEST_CASE("RevisionId transitions of create, updates and publishes") {
  LambdaBench bench;
  auto rev = [&](const std::string& qualifier = "") {
    std::string q = qualifier.empty() ? "" : "?Qualifier=" + qualifier;
    return GetString(bench.Call("GET", "/2015-03-31/functions/fn/configuration" + q).json, "RevisionId").value_or("");
  };
  Reply created = bench.Create("fn");
  REQUIRE(created.status == 201);
  std::string r1 = GetString(created.json, "RevisionId").value_or("");
  std::string r2 = rev();
  CHECK(!r1.empty());
  CHECK(r2 != r1);
  // The stored RevisionId is the one conditional updates must name.
  CHECK(bench.Call("PUT", "/2015-03-31/functions/fn/configuration", R"({"Timeout":5,"RevisionId":")" + r1 + "\"}")
            .status == 412);
  Reply updated =
      bench.Call("PUT", "/2015-03-31/functions/fn/configuration", R"({"Timeout":5,"RevisionId":")" + r2 + "\"}");
  REQUIRE(updated.status == 200);
  std::string r3 = GetString(updated.json, "RevisionId").value_or("");
  std::string r4 = rev();
  CHECK(r3 != r2);
  CHECK(r4 != r3);
  Reply code = bench.Call("PUT", "/2015-03-31/functions/fn/code",
                          R"({"ZipFile":")" + Base64Encode("PK-new") + R"(","RevisionId":")" + r4 + "\"}");
  REQUIRE(code.status == 200);
  CHECK(GetString(code.json, "RevisionId") != r4);
  std::string r6 = rev();
  CHECK(r6 != GetString(code.json, "RevisionId"));

  Reply v1 = bench.Call("POST", "/2015-03-31/functions/fn/versions", R"({"RevisionId":")" + r6 + "\"}");
  REQUIRE(v1.status == 201);
  std::string v1_rev = GetString(v1.json, "RevisionId").value_or("");
  std::string r7 = rev();
  CHECK(r7 != r6);  // publishing moves $LATEST's
  CHECK(v1_rev != r7);
  CHECK(rev("1") == v1_rev);  // a published version keeps its own
  Reply again = bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}");
  CHECK(GetString(again.json, "Version") == "1");
  CHECK(GetString(again.json, "RevisionId") == v1_rev);
  CHECK(rev() == r7);  // nothing was published, nothing moved
  // An update that changes nothing is still an update, but there is nothing new to publish.
  REQUIRE(bench.Call("PUT", "/2015-03-31/functions/fn/configuration", R"({"Timeout":5})").status == 200);
  CHECK(rev() != r7);
  CHECK(GetString(bench.Call("POST", "/2015-03-31/functions/fn/versions", "{}").json, "Version") == "1");
}

TEST_CASE("Publish on UpdateFunctionCode answers with the new version, still being created") {
  LambdaBench bench;
  REQUIRE(bench.Create("fn").status == 201);
  Reply r = bench.Call("PUT", "/2015-03-31/functions/fn/code",
                       R"({"ZipFile":")" + Base64Encode("PK-two") + R"(","Publish":true})");
  REQUIRE(r.status == 200);
  CHECK(GetString(r.json, "Version") == "1");
  CHECK(GetString(r.json, "FunctionArn") == "arn:aws:lambda:us-east-1:000000000000:function:fn:1");
  CHECK(GetString(r.json, "State") == "Pending");
  CHECK(GetString(r.json, "StateReasonCode") == "Creating");
  CHECK(Member(r.json, "LastUpdateStatus") == nullptr);
  Reply v = bench.Call("GET", "/2015-03-31/functions/fn/configuration?Qualifier=1");
  CHECK(GetString(v.json, "RevisionId") == GetString(r.json, "RevisionId"));
  CHECK(GetString(v.json, "State") == "Active");
}

TEST_CASE("DeleteFunction checks the qualifier before it looks for the function") {
  LambdaBench bench;
  // Recorded: test_ops_with_arn_qualifier_mismatch[delete_function], test_function_name_and_qualifier_validation.
  Reply r = bench.Call("DELETE", "/2015-03-31/functions/ghost?Qualifier=%24LATEST");
  CHECK(r.status == 400);
  CHECK(r.message() == "$LATEST version cannot be deleted without deleting the function.");
  r = bench.Call("DELETE", "/2015-03-31/functions/ghost?Qualifier=" + std::string(65, 'a'));
  CHECK(r.status == 400);
  CHECK(r.message() == "Deletion of aliases is not currently supported.");
  r = bench.Call("DELETE", "/2015-03-31/functions/ghost?Qualifier=%24latest");
  CHECK(r.status == 404);
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost");
  r = bench.Call("DELETE", "/2015-03-31/functions/ghost?Qualifier=3");
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost");
}

TEST_CASE("CreateFunction refuses another account's ARN, too many tags and oversized packages as recorded") {
  LambdaBench bench;
  Reply r = bench.Create("arn:aws:lambda:us-east-1:123456789012:function:other");
  CHECK(r.status == 403);
  CHECK(r.error_type == "AccessDeniedException");
  CHECK(bench.Create("arn:aws:lambda:us-east-1:000000000000:function:mine").status == 201);
  std::string tags;
  for (int i = 0; i < 51; ++i) tags += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":\"v\"";
  r = bench.Create("tagged", ",\"Tags\":{" + tags + "}");
  CHECK(r.status == 400);
  CHECK(r.error_type == "InvalidParameterValueException");
  CHECK(r.message() == "Number of tags exceeds resource tag limit.");
  CHECK(bench.runner.Last("tagged") == nullptr);
  r = bench.Create("huge", "", "PK" + std::string(52428800, 'x'));
  CHECK(r.status == 413);
  CHECK(r.error_type == "RequestEntityTooLargeException");
  CHECK(r.message() == "Zipped size must be smaller than 52428800 bytes");
  CHECK(Member(r.json, "Type") == nullptr);
}

TEST_CASE("PutFunctionConcurrency: functions only, and $LATEST in its not-found message") {
  LambdaBench bench;
  // Recorded: TestLambdaReservedConcurrency::test_function_concurrency_exceptions.
  Reply r = bench.Call("PUT", "/2017-10-31/functions/ghost/concurrency", R"({"ReservedConcurrentExecutions":1})");
  CHECK(r.status == 404);
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost:$LATEST");
  REQUIRE(bench.Create("fn").status == 201);
  r = bench.Call("PUT", "/2017-10-31/functions/fn:%24LATEST/concurrency", R"({"ReservedConcurrentExecutions":0})");
  CHECK(r.status == 400);
  CHECK(r.message() ==
        "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. "
        "Please specify either a function name or an unqualified function ARN.");
}

TEST_CASE("configuration views: pending, in progress and list items") {
  JsonDoc config = cp::testing::Parse(
      R"({"FunctionName":"f","State":"Active","LastUpdateStatus":"Successful","RuntimeVersionConfig":{"RuntimeVersionArn":"x"}})");
  JsonDoc creating = CreatingView(config);
  CHECK(GetString(creating, "State") == "Pending");
  CHECK(GetString(creating, "StateReasonCode") == "Creating");
  CHECK(Member(creating, "LastUpdateStatus") == nullptr);
  JsonDoc updating = UpdatingView(config, "rev-2");
  CHECK(GetString(updating, "LastUpdateStatus") == "InProgress");
  CHECK(GetString(updating, "RevisionId") == "rev-2");
  CHECK(GetString(CreatingView(config, "rev-3"), "RevisionId") == "rev-3");
  CHECK(GetString(updating, "LastUpdateStatusReasonCode") == "Creating");
  JsonDoc item = ListView(config);
  CHECK(Member(item, "State") == nullptr);
  CHECK(Member(item, "LastUpdateStatus") == nullptr);
  CHECK(Member(item, "RuntimeVersionConfig") == nullptr);
  CHECK(GetString(item, "FunctionName") == "f");
  CHECK(LastModified(1719792000123) == "2024-07-01T00:00:00.123+0000");
}

}  // namespace apigw::cp::lambda
