// CreateRequestValidator, GetRequestValidator(s), UpdateRequestValidator and
// DeleteRequestValidator through the real dispatcher; expected answers are
// AWS's as recorded in LocalStack's test_apigateway_api snapshot
// (test_request_validator_lifecycle, test_invalid_*, test_validators_crud_no_api).
#include <doctest/doctest.h>

#include "control-plane/apigateway/service_client.h"

namespace apigw::testing {
namespace {

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }

std::string Validator(const std::string& id, const std::string& name, bool body, bool params) {
  return R"({"id":")" + id + R"(","name":")" + name + R"(","validateRequestBody":)" + (body ? "true" : "false") +
         R"(,"validateRequestParameters":)" + (params ? "true" : "false") + "}";
}

void CheckBody(const Reply& r, const std::string& expected) {
  auto want = ParseJson(expected);
  REQUIRE(want.ok());
  INFO("got: " << r.body);
  CHECK(r.json == *want);
}

TEST_CASE("request validator lifecycle (test_request_validator_lifecycle)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string validators = "/restapis/" + api + "/requestvalidators";
  Reply r = c.Call("POST", validators, R"({"name":"test-validator"})");
  CHECK(r.status == 201);
  const std::string id = r.Str("id");
  CHECK(id.size() == 6);
  CheckBody(r, Validator(id, "test-validator", false, false));
  const std::string one = validators + "/" + id;
  CheckBody(c.Call("GET", one), Validator(id, "test-validator", false, false));
  Reply all = c.Call("GET", validators);
  CHECK(all.status == 200);
  CheckBody(all, "{\"item\":[" + Validator(id, "test-validator", false, false) + "]}");

  r = c.Call("PATCH", one, Patch(R"({"op":"replace","path":"/validateRequestBody","value":"true"})"));
  CHECK(r.status == 200);
  CheckBody(r, Validator(id, "test-validator", true, false));
  // Without a value the flag reads false (Java's Boolean.parseBoolean(null)).
  r = c.Call("PATCH", one, Patch(R"({"op":"replace","path":"/validateRequestBody"})"));
  CheckBody(r, Validator(id, "test-validator", false, false));
  CheckBody(c.Call("GET", one), Validator(id, "test-validator", false, false));

  r = c.Call("PATCH", one, Patch(R"({"op":"replace","path":"/validateRequestParameters","value":"TRUE"},)"
                                 R"({"op":"replace","path":"/validateRequestBody","value":"yes"},)"
                                 R"({"op":"replace","path":"/name","value":"renamed"})"));
  CheckBody(r, Validator(id, "renamed", false, true));

  r = c.Call("DELETE", one);
  CHECK(r.status == 202);
  CHECK(r.body.empty());
  r = c.Call("GET", one);
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Request Validator identifier specified");
  CheckBody(c.Call("GET", validators), R"({"item":[]})");
}

TEST_CASE("request validators: missing API or validator (test_invalid_* and test_validators_crud_no_api)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  Reply created = c.Call("POST", "/restapis/" + api + "/requestvalidators",
                         R"({"name":"v","validateRequestBody":true,"validateRequestParameters":false})");
  REQUIRE(created.status == 201);
  CHECK(created.Json("validateRequestBody") == "true");
  const std::string id = created.Str("id");

  Reply r = c.Call("POST", "/restapis/test-fake-rest-id/requestvalidators",
                   R"({"name":"test-validator","validateRequestBody":true,"validateRequestParameters":false})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "BadRequestException");
  CHECK(r.message == "Invalid REST API identifier specified");
  r = c.Call("GET", "/restapis/test-fake-rest-id/requestvalidators");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid API identifier specified 111111111111:test-fake-rest-id");
  for (const Reply& missing :
       {c.Call("GET", "/restapis/api_id/requestvalidators/" + id),
        c.Call("GET", "/restapis/" + api + "/requestvalidators/validator_id"),
        c.Call("DELETE", "/restapis/api_id/requestvalidators/" + id),
        c.Call("DELETE", "/restapis/" + api + "/requestvalidators/validator_id"),
        c.Call("PATCH", "/restapis/" + api + "/requestvalidators/validator_id", Patch(""))}) {
    CHECK(missing.status == 404);
    CHECK(missing.error_type == "NotFoundException");
    CHECK(missing.message == "Invalid Request Validator identifier specified");
  }
  // Another region has no such API.
  CHECK(c.Call("GET", "/restapis/" + api + "/requestvalidators/" + id, "", "eu-west-1").status == 404);
  CHECK(c.Call("GET", "/restapis/" + api + "/requestvalidators/" + id).status == 200);
}

TEST_CASE("UpdateRequestValidator refuses with AWS's messages (test_invalid_update_request_validator_operations)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  Reply created = c.Call("POST", "/restapis/" + api + "/requestvalidators", R"({"name":"v"})");
  REQUIRE(created.status == 201);
  const std::string one = "/restapis/" + api + "/requestvalidators/" + created.Str("id");
  struct Case {
    std::string ops;
    std::string message;
  };
  for (const Case& k : std::vector<Case>{
           {R"({"op":"add","path":"/validateRequestBody","value":"true"})",
            "Invalid patch path  '/validateRequestBody' specified for op 'add'. Please choose supported operations"},
           {R"({"op":"remove","path":"/validateRequestBody","value":"true"})",
            "Invalid patch path  '/validateRequestBody' specified for op 'remove'. Please choose supported operations"},
           {R"({"op":"replace","path":"/invalidPath","value":"true"})",
            "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/name, "
            "/validateRequestParameters, /validateRequestBody]"},
           {R"({"op":"replace","path":"/name"})", "Request Validator name cannot be blank"},
           {R"({"op":"replace","path":"/name","value":"  "})", "Request Validator name cannot be blank"},
           // the first operation is not kept when a later one fails
           {R"({"op":"replace","path":"/validateRequestBody","value":"true"},{"op":"replace","path":"/name","value":""})",
            "Request Validator name cannot be blank"},
       }) {
    INFO(k.ops);
    Reply r = c.Call("PATCH", one, Patch(k.ops));
    CHECK(r.status == 400);
    CHECK(r.error_type == "BadRequestException");
    CHECK(r.message == k.message);
  }
  CHECK(c.Call("GET", one).body == created.body);
}

TEST_CASE("CreateRequestValidator: names, ids, paging and bad input") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string validators = "/restapis/" + api + "/requestvalidators";
  CHECK(c.Call("POST", validators, "{}").message == "Request Validator name cannot be blank");
  CHECK(c.Call("POST", validators, R"({"name":""})").status == 400);
  CHECK(c.Call("POST", validators, "{not json").status == 400);
  CHECK(c.Call("POST", validators, R"({"name":"x","validateRequestBody":"yes"})").status == 400);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    Reply r = c.Call("POST", validators, "{\"name\":\"v" + std::to_string(i) + "\"}");
    REQUIRE(r.status == 201);
    ids.push_back(r.Str("id"));
  }
  CHECK(ids[0] != ids[1]);
  Reply page = c.Call("GET", validators + "?limit=2");
  REQUIRE(Member(page.json, "item")->Size() == 2);
  REQUIRE(page.Has("position"));
  Reply rest = c.Call("GET", validators + "?limit=2&position=" + page.Str("position"));
  REQUIRE(Member(rest.json, "item")->Size() == 1);
  CHECK(GetString((*Member(rest.json, "item"))[0], "id") == ids[2]);
  CHECK(c.Call("GET", validators + "?limit=2&position=garbage").status == 400);
}

TEST_CASE("methods name request validators; deleting one a method names is allowed") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  Reply v = c.Call("POST", "/restapis/" + api + "/requestvalidators", R"({"name":"body","validateRequestBody":true})");
  REQUIRE(v.status == 201);
  const std::string method = "/restapis/" + api + "/resources/" + root + "/methods/POST";
  Reply m = c.Call("PUT", method, R"({"authorizationType":"NONE","requestValidatorId":")" + v.Str("id") + "\"}");
  CHECK(m.status == 201);
  CHECK(m.Str("requestValidatorId") == v.Str("id"));
  CHECK(c.Call("DELETE", "/restapis/" + api + "/requestvalidators/" + v.Str("id")).status == 202);
  // The id no longer resolves for new references.
  Reply again = c.Call("PUT", "/restapis/" + api + "/resources/" + root + "/methods/GET",
                       R"({"authorizationType":"NONE","requestValidatorId":")" + v.Str("id") + "\"}");
  CHECK(again.status == 400);
  CHECK(again.message == "Invalid Request Validator identifier specified");
}

}  // namespace
}  // namespace apigw::testing
