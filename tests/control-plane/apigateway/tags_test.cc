// Tags of REST APIs and stages through the real dispatcher, with ARNs sent
// percent-encoded as boto3 does and raw as curl users might.
#include <doctest/doctest.h>

#include "tests/control-plane/apigateway/deploy_fixture.h"

using namespace apigw;
using namespace apigw::cp::apigateway;
using apigw::cp::apigateway::testing::DeployBench;
using apigw::cp::apigateway::testing::Reply;

namespace {

// boto3 percent-encodes the whole ARN into the one URI label.
std::string Encoded(const std::string& arn) {
  std::string out;
  for (char c : arn) {
    if (c == ':') out += "%3A";
    else if (c == '/') out += "%2F";
    else out += c;
  }
  return out;
}

const std::string kApiArn = "arn:aws:apigateway:us-east-1::/restapis/api0000001";
const std::string kStageArn = kApiArn + "/stages/dev";

}  // namespace

TEST_CASE("tags: tag, get and untag a REST API") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  Reply none = bench.Call("GET", "/tags/" + Encoded(kApiArn));
  CHECK(none.status == 200);
  CHECK(none.body == R"({"tags":{}})");

  Reply tagged = bench.Call("PUT", "/tags/" + Encoded(kApiArn), R"({"tags":{"foo":"bar","a":"1"}})");
  CHECK(tagged.status == 204);
  CHECK(tagged.body.empty());
  CHECK(bench.Call("PUT", "/tags/" + Encoded(kApiArn), R"({"tags":{"a":"2"}})").status == 204);
  CHECK(bench.Call("GET", "/tags/" + Encoded(kApiArn)).body == R"({"tags":{"foo":"bar","a":"2"}})");
  // The tags live in the REST API's own document.
  auto api = LoadDoc(bench.store(), kind::kRestApi, "us-east-1", "api0000001", Status::NotFound(""));
  REQUIRE(api.ok());
  CHECK(ToJson((*api)["tags"]) == R"({"foo":"bar","a":"2"})");

  Reply untagged = bench.Call("DELETE", "/tags/" + Encoded(kApiArn) + "?tagKeys=a&tagKeys=missing");
  CHECK(untagged.status == 204);
  CHECK(bench.Call("GET", "/tags/" + kApiArn).body == R"({"tags":{"foo":"bar"}})");
  CHECK(bench.Call("DELETE", "/tags/" + kApiArn + "?tagKeys=foo").status == 204);
  api = LoadDoc(bench.store(), kind::kRestApi, "us-east-1", "api0000001", Status::NotFound(""));
  REQUIRE(api.ok());
  CHECK(!Member(*api, "tags"));
}

TEST_CASE("tags: a stage's tags") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  bench.Deploy("api0000001", R"({"stageName":"dev"})");
  CHECK(bench.Call("PUT", "/tags/" + Encoded(kStageArn), R"({"tags":{"team":"x"}})").status == 204);
  CHECK(bench.Call("GET", "/tags/" + Encoded(kStageArn)).body == R"({"tags":{"team":"x"}})");
  CHECK(ToJson(bench.Call("GET", "/restapis/api0000001/stages/dev").json["tags"]) == R"({"team":"x"})");
  // The API's own tags are separate.
  CHECK(bench.Call("GET", "/tags/" + Encoded(kApiArn)).body == R"({"tags":{}})");
}

TEST_CASE("tags: unknown resources and malformed ARNs") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  Reply no_api = bench.Call("GET", "/tags/" + Encoded("arn:aws:apigateway:us-east-1::/restapis/nope"));
  CHECK(no_api.status == 404);
  CHECK(no_api.message() == "Invalid API identifier specified 000000000000:nope");
  // The API lives in us-east-1, not in the ARN's region.
  CHECK(bench.Call("GET", "/tags/" + Encoded("arn:aws:apigateway:eu-west-1::/restapis/api0000001")).status == 404);
  Reply no_stage = bench.Call("PUT", "/tags/" + Encoded(kApiArn + "/stages/nope"), R"({"tags":{"a":"b"}})");
  CHECK(no_stage.status == 404);
  CHECK(no_stage.message() == "Invalid Stage identifier specified");
  for (const std::string& arn :
       {std::string("nonsense"), std::string("arn:aws:apigateway:us-east-1::restapis/api0000001"),
        std::string("arn:aws:lambda:us-east-1::/restapis/api0000001"), std::string("arn:aws:apigateway:us-east-1::/"),
        std::string("arn:aws:apigateway:us-east-1::/restapis/api0000001/resources/x"),
        std::string("arn:aws:apigateway:us-east-1:000000000000:/restapis/api0000001"),
        std::string("arn:aws:apigateway:us-east-1::/restapis//stages/x")}) {
    CAPTURE(arn);
    Reply r = bench.Call("GET", "/tags/" + Encoded(arn));
    CHECK(r.status == 400);
    CHECK(r.message() == "Invalid ARN specified in the request");
  }
}

TEST_CASE("tags: keys starting with aws: (any case) are refused, as AWS refuses them") {
  DeployBench bench;
  bench.SeedApi("api0000001");
  bench.Deploy("api0000001", R"({"stageName":"dev"})");
  const std::string message = "Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)";
  for (std::string key : {"aws:x", "AWS:cloudformation:stack-name", "Aws:"}) {
    CAPTURE(key);
    const std::string tags = R"({"tags":{"ok":"1",")" + key + R"(":"v"}})";
    Reply r = bench.Call("PUT", "/tags/" + Encoded(kApiArn), tags);
    CHECK(r.status == 400);
    CHECK(r.error_type == "BadRequestException");
    CHECK(r.message() == message);
    Reply deployments = bench.Call("GET", "/restapis/api0000001/deployments");
    const std::string deployment = GetString((*Member(deployments.json, "item"))[0], "id").value_or("");
    r = bench.Call("POST", "/restapis/api0000001/stages",
                   R"({"stageName":"s2","deploymentId":")" + deployment + R"(",)" + tags.substr(1));
    CHECK(r.status == 400);
    CHECK(r.message() == message);
  }
  // Nothing was written: no tag, no stage.
  CHECK(bench.Call("GET", "/tags/" + Encoded(kApiArn)).body == R"({"tags":{}})");
  CHECK(bench.Call("GET", "/restapis/api0000001/stages/s2").status == 404);
  // "aws" without the colon, or later in the key, is an ordinary key.
  CHECK(bench.Call("PUT", "/tags/" + Encoded(kApiArn), R"({"tags":{"awsx":"1","my:aws:":"2"}})").status == 204);
}
