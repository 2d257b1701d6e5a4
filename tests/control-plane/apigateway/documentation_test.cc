// Documentation parts (Create/Get/GetParts/Update/Delete/Import) and
// documentation versions through the real dispatcher; expected answers are
// AWS's as recorded in LocalStack's test_apigateway_api snapshot
// (TestApiGatewayApiDocumentationPart) and test_apigateway_common snapshot
// (test_documentation_parts_and_versions), or as the developer guide words them.
#include <doctest/doctest.h>

#include "control-plane/apigateway/service_client.h"

namespace apigw::testing {
namespace {

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }

void CheckJson(const std::string& got, const std::string& expected) {
  auto a = ParseJson(got);
  auto b = ParseJson(expected);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  INFO("got: " << got);
  CHECK(*a == *b);
}

TEST_CASE("documentation part lifecycle (test_documentation_part_lifecycle)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string parts = "/restapis/" + api + "/documentation/parts";
  Reply r = c.Call("POST", parts, R"({"location":{"type":"API"},"properties":"{ \"description\": \"Sample API description\" }"})");
  CHECK(r.status == 201);
  const std::string id = r.Str("id");
  CHECK(id.size() == 6);
  CheckJson(r.body, R"({"id":")" + id +
                        R"(","location":{"type":"API"},"properties":"{ \"description\": \"Sample API description\" }"})");
  const std::string one = parts + "/" + id;
  CHECK(c.Call("GET", one).body == r.body);
  CheckJson(c.Call("GET", parts).body, "{\"item\":[" + r.body + "]}");

  Reply u = c.Call("PATCH", one, Patch(R"({"op":"replace","path":"/properties","value":"{\"description\":\"Updated\"}"})"));
  CHECK(u.status == 200);
  CHECK(u.Str("properties") == R"({"description":"Updated"})");
  CHECK(c.Call("GET", one).Str("properties") == R"({"description":"Updated"})");

  CHECK(c.Call("DELETE", one).status == 202);
  Reply again = c.Call("DELETE", one);
  CHECK(again.status == 404);
  CHECK(again.message == "Invalid Documentation part identifier specified");
  CheckJson(c.Call("GET", parts).body, R"({"item":[]})");
}

TEST_CASE("documentation parts: missing API or part, patch and validation errors (test_invalid_*)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  Reply created = c.Call("POST", "/restapis/" + api + "/documentation/parts",
                         R"({"location":{"type":"API"},"properties":"{}"})");
  REQUIRE(created.status == 201);
  const std::string id = created.Str("id");

  const std::string missing_api = "Invalid API identifier specified 111111111111:api_id";
  Reply r = c.Call("POST", "/restapis/api_id/documentation/parts", R"({"location":{"type":"API"},"properties":"{}"})");
  CHECK(r.status == 404);
  CHECK(r.message == missing_api);
  CHECK(c.Call("GET", "/restapis/api_id/documentation/parts").message == missing_api);
  CHECK(c.Call("DELETE", "/restapis/api_id/documentation/parts/" + id).message == missing_api);
  // Get and Update answer for the part, whichever is missing.
  for (const std::string& target : {"/restapis/api_id/documentation/parts/" + id,
                                    "/restapis/" + api + "/documentation/parts/documentation_part_id"}) {
    r = c.Call("GET", target);
    CHECK(r.status == 404);
    CHECK(r.message == "Invalid Documentation part identifier specified");
  }
  r = c.Call("PATCH", "/restapis/api_id/documentation/parts/" + id,
             Patch(R"({"op":"replace","path":"/properties","value":"{}"})"));
  CHECK(r.message == "Invalid Documentation part identifier specified");

  const std::string one = "/restapis/" + api + "/documentation/parts/" + id;
  r = c.Call("PATCH", one, Patch(R"({"op":"add","path":"/properties","value":"{}"})"));
  CHECK(r.status == 400);
  CHECK(r.message == "Invalid patch path  '/properties' specified for op 'add'. Please choose supported operations");
  r = c.Call("PATCH", one, Patch(R"({"op":"replace","path":"/invalidPath","value":"{}"})"));
  CHECK(r.message == "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/properties]");

  r = c.Call("POST", "/restapis/" + api + "/documentation/parts", R"({"location":{"type":"INVALID"},"properties":"{}"})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "ValidationException");
  CHECK(r.message ==
        "1 validation error detected: Value 'INVALID' at 'createDocumentationPartInput.location.type' failed to "
        "satisfy constraint: Member must satisfy enum value set: [RESPONSE_BODY, RESPONSE, METHOD, MODEL, "
        "AUTHORIZER, RESPONSE_HEADER, RESOURCE, PATH_PARAMETER, REQUEST_BODY, QUERY_PARAMETER, API, REQUEST_HEADER]");
  r = c.Call("POST", "/restapis/" + api + "/documentation/parts", R"({"location":{"type":"API"},"properties":"{\"b\":1}"})");
  CHECK(r.status == 409);
  CHECK(r.error_type == "ConflictException");
  CHECK(r.message == "Documentation part already exists for the specified location: type 'API'.");
}

TEST_CASE("documentation parts: locations take their type's fields, with the documented defaults") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string parts = "/restapis/" + api + "/documentation/parts";
  Reply r = c.Call("POST", parts, R"({"location":{"type":"METHOD","method":"GET"},"properties":"{}"})");
  CHECK(r.Json("location") == R"({"type":"METHOD","path":"/","method":"GET"})");
  r = c.Call("POST", parts, R"({"location":{"type":"RESPONSE_HEADER","path":"/pets","statusCode":"200","name":"x-n"},"properties":"{}"})");
  CHECK(r.Json("location") == R"({"type":"RESPONSE_HEADER","path":"/pets","method":"*","statusCode":"200","name":"x-n"})");
  r = c.Call("POST", parts, R"({"location":{"type":"METHOD","path":"/","method":"GET"},"properties":"{}"})");
  CHECK(r.status == 409);
  CHECK(r.message == "Documentation part already exists for the specified location: type 'METHOD', path '/', method 'GET'.");
  r = c.Call("POST", parts, R"({"location":{"type":"API","path":"/pets"},"properties":"{}"})");
  CHECK(r.status == 400);
  r = c.Call("POST", parts, R"({"location":{"type":"MODEL"},"properties":"{}"})");
  CHECK(r.status == 400);
  r = c.Call("POST", parts, R"({"location":{"type":"MODEL","name":"Pet"},"properties":""})");
  CHECK(r.status == 400);
  CHECK(r.message == "Documentation part properties must be non-empty");
  r = c.Call("POST", parts, R"({"location":{"type":"MODEL","name":"Pet"},"properties":"{}"})");
  CHECK(r.status == 201);
  const std::string model = r.Str("id");
  CHECK(c.Call("GET", parts + "?type=MODEL").Json("item") == "[" + r.body + "]");
  CHECK(c.Call("GET", parts + "?name=Pe").Json("item") == "[" + r.body + "]");
  CHECK(c.Call("GET", parts + "?locationStatus=UNDOCUMENTED").Json("item") == "[]");
  Reply page = c.Call("GET", parts + "?limit=2");
  CHECK(page.Json("item").find(model) == std::string::npos);
  Reply rest = c.Call("GET", parts + "?limit=2&position=" + page.Str("position"));
  CHECK(rest.Json("item") == "[" + r.body + "]");
}

TEST_CASE("ImportDocumentationParts: overwrite, merge, unreadable bodies (test_import_documentation_parts*)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string parts = "/restapis/" + api + "/documentation/parts";
  const std::string definition = R"({"openapi":"3.0.0","paths":{},"x-amazon-apigateway-documentation":{"documentationParts":[
      {"location":{"type":"API"},"properties":{"description":"API description"}},
      {"location":{"type":"RESPONSE","method":"GET","statusCode":"200"},"properties":{"description":"200 response"}}]}})";
  Reply r = c.Call("PUT", parts + "?mode=overwrite", definition);
  CHECK(r.status == 200);
  auto ids = ParseJson(r.Json("ids"));
  REQUIRE(ids.ok());
  REQUIRE(ids->Size() == 2);
  Reply all = c.Call("GET", parts);
  CheckJson(all.Json("item"), std::string(R"([{"id":")") + (*ids)[0].GetString() +
                                  R"(","location":{"type":"API"},"properties":"{\"description\":\"API description\"}"},)"
                                  R"({"id":")" + (*ids)[1].GetString() +
                                  R"(","location":{"type":"RESPONSE","path":"/","method":"GET","statusCode":"200"},)"
                                  R"("properties":"{\"description\":\"200 response\"}"}])");
  // merge keeps the part at an imported location and its id
  r = c.Call("PUT", parts, R"({"x-amazon-apigateway-documentation":{"documentationParts":[{"location":{"type":"API"},"properties":{"a":1}}]}})");
  CHECK(r.Json("ids") == std::string("[\"") + (*ids)[0].GetString() + "\"]");
  CHECK(c.Call("GET", parts + "/" + (*ids)[0].GetString()).Str("properties") == R"({"a":1})");
  CHECK(c.Call("GET", parts + "/" + (*ids)[1].GetString()).status == 200);
  r = c.Call("PUT", parts + "?mode=overwrite", R"({"x-amazon-apigateway-documentation":{"documentationParts":[]}})");
  CHECK(r.Json("ids") == "[]");
  CHECK(c.Call("GET", parts).Json("item") == "[]");
  // an invalid location is a warning, or the failure with failonwarnings=true
  const std::string bad = R"({"x-amazon-apigateway-documentation":{"documentationParts":[{"location":{"type":"MODEL"},"properties":{}}]}})";
  r = c.Call("PUT", parts, bad);
  CHECK(r.status == 200);
  CHECK(r.Has("warnings"));
  CHECK(c.Call("PUT", parts + "?failonwarnings=true", bad).status == 400);
  for (const char* body : {"test:\n    value:\n        - \"value\"\n", "{'key:value}"}) {
    r = c.Call("PUT", parts + "?mode=overwrite", body);
    CHECK(r.status == 400);
    CHECK(r.message == "Unable to build importer with provided input.");
  }
}

TEST_CASE("documentation versions (test_documentation_parts_and_versions)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string versions = "/restapis/" + api + "/documentation/versions";
  Reply r = c.Call("POST", versions, R"({"documentationVersion":"v123"})");
  CHECK(r.status == 201);
  CheckJson(r.body, R"({"version":"v123","createdDate":1700000000})");
  r = c.Call("PATCH", versions + "/v123", Patch(R"({"op":"replace","path":"/description","value":"doc version new"})"));
  CHECK(r.status == 200);
  CheckJson(r.body, R"({"version":"v123","createdDate":1700000000,"description":"doc version new"})");
  CHECK(c.Call("GET", versions + "/v123").body == r.body);
  CheckJson(c.Call("GET", versions).body, "{\"item\":[" + r.body + "]}");
  CHECK(c.Call("POST", versions, R"({"documentationVersion":"v123"})").status == 409);
  CHECK(c.Call("DELETE", versions + "/v123").status == 202);
  for (const char* method : {"GET", "DELETE"}) {
    Reply missing = c.Call(method, versions + "/v123");
    CHECK(missing.status == 404);
    CHECK(missing.message == "Invalid Documentation version specified");
  }
  CHECK(c.Call("GET", "/restapis/nope/documentation/versions").message ==
        "Invalid API identifier specified 111111111111:nope");
}

TEST_CASE("a documentation version created for a stage becomes the stage's") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  c.Call("PUT", "/restapis/" + api + "/resources/" + root + "/methods/GET", R"({"authorizationType":"NONE"})");
  c.Call("PUT", "/restapis/" + api + "/resources/" + root + "/methods/GET/integration", R"({"type":"MOCK"})");
  REQUIRE(c.Call("POST", "/restapis/" + api + "/deployments", R"({"stageName":"s1"})").status == 201);
  Reply r = c.Call("POST", "/restapis/" + api + "/documentation/versions", R"({"documentationVersion":"v1","stageName":"s1"})");
  CHECK(r.status == 201);
  CHECK(c.Call("GET", "/restapis/" + api + "/stages/s1").Str("documentationVersion") == "v1");
  r = c.Call("POST", "/restapis/" + api + "/documentation/versions", R"({"documentationVersion":"v2","stageName":"nope"})");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Stage identifier specified");
  CHECK(c.Call("GET", "/restapis/" + api + "/documentation/versions/v2").status == 404);
}

}  // namespace
}  // namespace apigw::testing
