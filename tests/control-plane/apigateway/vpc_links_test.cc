// VPC links through the real dispatcher; expected answers are AWS's as
// recorded in LocalStack's test_apigateway_api snapshot (TestApiGatewayVpcLink).
#include <doctest/doctest.h>

#include "control-plane/apigateway/service_client.h"

namespace apigw::testing {
namespace {

const std::string kNlb = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/lb/50dc6c495c0c9188";

TEST_CASE("vpc link lifecycle (test_vpc_link_lifecycle)") {
  ServiceClient c;
  Reply r = c.Call("POST", "/vpclinks", R"({"name":"link","targetArns":[")" + kNlb + R"("]})");
  CHECK(r.status == 202);
  const std::string id = r.Str("id");
  CHECK(id.size() == 6);
  CHECK(r.body == R"({"id":")" + id + R"(","name":"link","targetArns":[")" + kNlb + R"("],"status":"PENDING"})");
  const std::string available = R"({"id":")" + id + R"(","name":"link","targetArns":[")" + kNlb +
                                R"("],"status":"AVAILABLE","statusMessage":"Your vpc link is ready for use")";
  r = c.Call("GET", "/vpclinks/" + id);
  CHECK(r.status == 200);
  CHECK(r.body == available + R"(,"tags":{}})");
  CHECK(c.Call("GET", "/vpclinks").body == R"({"item":[)" + available + "}]}");
  r = c.Call("PATCH", "/vpclinks/" + id, R"({"patchOperations":[{"op":"replace","path":"/name","value":"renamed"}]})");
  CHECK(r.status == 200);
  CHECK(r.Str("name") == "renamed");
  CHECK(r.Json("tags") == "{}");

  const std::string arn = "arn:aws:apigateway:us-east-1::/vpclinks/" + id;
  CHECK(c.Call("PUT", "/tags/" + arn, R"({"tags":{"k":"v"}})").status == 204);
  CHECK(c.Call("GET", "/tags/" + arn).Json("tags") == R"({"k":"v"})");
  CHECK(c.Call("GET", "/vpclinks/" + id).Json("tags") == R"({"k":"v"})");

  CHECK(c.Call("DELETE", "/vpclinks/" + id).status == 202);
  CHECK(c.Call("GET", "/vpclinks/" + id).status == 404);
  CHECK(c.Call("GET", "/tags/" + arn).message == "Invalid Vpc Link identifier specified");
}

TEST_CASE("vpc links: invalid parameters and ids (test_create_vpc_link_invalid_parameters, test_*_invalid_id)") {
  ServiceClient c;
  Reply r = c.Call("POST", "/vpclinks", R"({"name":"link","targetArns":["invalid-arn"]})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "BadRequestException");
  CHECK(r.message == "Invalid ARN. ARN is not well formed invalid-arn");
  r = c.Call("POST", "/vpclinks", R"({"name":"","targetArns":[]})");
  CHECK(r.status == 400);
  CHECK(r.message == "Name cannot be empty");
  for (const char* method : {"GET", "DELETE", "PATCH"}) {
    r = c.Call(method, "/vpclinks/invalid-id",
               std::string(method) == "PATCH" ? R"({"patchOperations":[{"op":"replace","path":"/name","value":"n"}]})" : "");
    CHECK(r.status == 404);
    CHECK(r.error_type == "NotFoundException");
    CHECK(r.message == "Invalid Vpc Link identifier specified");
  }
  CHECK(c.Call("GET", "/vpclinks").body == R"({"item":[]})");
}

TEST_CASE("vpc links are regional") {
  ServiceClient c;
  Reply r = c.Call("POST", "/vpclinks", R"({"name":"link","targetArns":[")" + kNlb + R"("]})");
  REQUIRE(r.status == 202);
  CHECK(c.Call("GET", "/vpclinks/" + r.Str("id"), "", "eu-west-1").status == 404);
}

}  // namespace
}  // namespace apigw::testing
