// CreateRestApi, GetRestApi(s), UpdateRestApi and DeleteRestApi through the
// real dispatcher; expected answers are AWS's as recorded (LocalStack's
// test_apigateway_api.snapshot.json).
#include <doctest/doctest.h>

#include "control-plane/apigateway/rest_records.h"
#include "control-plane/apigateway/rest_test_client.h"

namespace apigw::testing {
namespace {

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }

TEST_CASE("CreateRestApi refuses tag keys starting with aws: (any case), creating nothing") {
  RestTestClient c;
  Reply r = c.Call("POST", "/restapis", R"({"name":"pets","tags":{"team":"a","AWS:stack":"b"}})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "BadRequestException");
  CHECK(r.message == "Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)");
  CHECK(c.Call("GET", "/restapis").Json("item") == "[]");
}

TEST_CASE("CreateRestApi answers 201 with AWS's defaults, a root resource and the two default models") {
  RestTestClient c;
  Reply r = c.Call("POST", "/restapis", R"({"name":"pets"})");
  CHECK(r.status == 201);
  CHECK(r.Str("id") == "a000000001");
  CHECK(r.Str("name") == "pets");
  CHECK(r.Str("rootResourceId") == "a000000002");
  CHECK(r.Str("apiKeySource") == "HEADER");
  CHECK(r.Json("disableExecuteApiEndpoint") == "false");
  CHECK(r.Json("endpointConfiguration") == R"({"types":["EDGE"],"ipAddressType":"ipv4"})");
  CHECK(r.Json("createdDate") == "1700000000");
  CHECK_FALSE(r.Has("description"));
  CHECK_FALSE(r.Has("tags"));
  CHECK_FALSE(r.Has("binaryMediaTypes"));

  Reply resources = c.Call("GET", "/restapis/a000000001/resources");
  CHECK(resources.status == 200);
  CHECK(resources.Json("item") == R"([{"id":"a000000002","path":"/"}])");

  Reply models = c.Call("GET", "/restapis/a000000001/models");
  REQUIRE(models.status == 200);
  const JsonValue& items = *Member(models.json, "item");
  REQUIRE(items.Size() == 2);
  CHECK(GetString(items[0], "name") == "Empty");
  CHECK(GetString(items[0], "description") == "This is a default empty schema model");
  CHECK(GetString(items[0], "contentType") == "application/json");
  CHECK(GetString(items[0], "schema") ==
        "{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Empty Schema\",\n"
        "  \"type\" : \"object\"\n}");
  CHECK(GetString(items[0], "id")->size() == 6);
  CHECK(GetString(items[1], "name") == "Error");
  CHECK(GetString(items[1], "description") == "This is a default error schema model");
  CHECK(GetString(items[1], "schema") ==
        "{\n  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Error Schema\",\n"
        "  \"type\" : \"object\",\n  \"properties\" : {\n    \"message\" : { \"type\" : \"string\" }\n  }\n}");
}

TEST_CASE("CreateRestApi keeps the optional members it is given") {
  RestTestClient c;
  Reply r = c.Call("POST", "/restapis",
                   R"({"name":"a","description":"d","version":"v1","binaryMediaTypes":["image/png"],)"
                   R"("minimumCompressionSize":0,"apiKeySource":"AUTHORIZER","tags":{"MY_TAG1":"MY_VALUE1"},)"
                   R"("disableExecuteApiEndpoint":true,"policy":"{}"})");
  REQUIRE(r.status == 201);
  CHECK(r.Str("description") == "d");
  CHECK(r.Str("version") == "v1");
  CHECK(r.Json("binaryMediaTypes") == R"(["image/png"])");
  CHECK(r.Json("minimumCompressionSize") == "0");
  CHECK(r.Str("apiKeySource") == "AUTHORIZER");
  CHECK(r.Json("tags") == R"({"MY_TAG1":"MY_VALUE1"})");
  CHECK(r.Json("disableExecuteApiEndpoint") == "true");
  CHECK(r.Str("policy") == "{}");

  Reply got = c.Call("GET", "/restapis/" + r.Str("id"));
  CHECK(got.status == 200);
  CHECK(got.body == r.body);

  // An empty binaryMediaTypes list is not kept.
  Reply empty = c.Call("POST", "/restapis", R"({"name":"b","binaryMediaTypes":[]})");
  CHECK(empty.status == 201);
  CHECK_FALSE(empty.Has("binaryMediaTypes"));
}

TEST_CASE("CreateRestApi chooses the IP address type from the endpoint type") {
  RestTestClient c;
  CHECK(c.Call("POST", "/restapis", R"({"name":"a","endpointConfiguration":{"types":["REGIONAL"]}})")
            .Json("endpointConfiguration") == R"({"types":["REGIONAL"],"ipAddressType":"ipv4"})");
  CHECK(c.Call("POST", "/restapis", R"({"name":"a","endpointConfiguration":{"types":["PRIVATE"]}})")
            .Json("endpointConfiguration") == R"({"types":["PRIVATE"],"ipAddressType":"dualstack"})");
  CHECK(c.Call("POST", "/restapis", R"({"name":"a","endpointConfiguration":{"types":["EDGE"],"ipAddressType":"dualstack"}})")
            .Json("endpointConfiguration") == R"({"types":["EDGE"],"ipAddressType":"dualstack"})");
}

TEST_CASE("CreateRestApi rejects bad input with AWS's messages, in AWS's order") {
  RestTestClient c;
  auto create = [&](const std::string& body) { return c.Call("POST", "/restapis", body); };

  Reply r = create(R"({"name":"a","description":""})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "BadRequestException");
  CHECK(r.message == "Description cannot be an empty string");

  r = create(R"({"name":"a","endpointConfiguration":{"types":[]}})");
  CHECK(r.status == 400);
  CHECK(r.message == "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.");

  r = create(R"({"name":"a","endpointConfiguration":{"types":["EDGE","REGIONAL"]}})");
  CHECK(r.message == "Cannot create an api with multiple Endpoint Types.");

  r = create(R"({"name":"a","endpointConfiguration":{"types":["PRIVATE"],"ipAddressType":"ipv4"}})");
  CHECK(r.message == "Only dualstack ipAddressType is supported for Private APIs.");

  // The empty description is reported before the private/ipv4 conflict.
  r = create(R"({"name":"a","description":"","endpointConfiguration":{"types":["PRIVATE"],"ipAddressType":"ipv4"}})");
  CHECK(r.message == "Description cannot be an empty string");

  for (const char* size : {"-1", "10485761"}) {
    r = create(std::string(R"({"name":"a","minimumCompressionSize":)") + size + "}");
    CHECK(r.status == 400);
    CHECK(r.message == "Invalid minimum compression size, must be between 0 and 10485760");
  }
  CHECK(create(R"({"name":"a","minimumCompressionSize":10485760})").status == 201);

  // Enum values are checked by model validation, before everything else.
  r = create(R"({"name":"a","description":"","minimumCompressionSize":-1,)"
             R"("endpointConfiguration":{"ipAddressType":"wrong","types":["wrong"]}})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "ValidationException");
  CHECK(r.message ==
        "2 validation errors detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed "
        "to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, "
        "EDGE, REGIONAL]]; Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to "
        "satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack]");

  // Nothing was created by the failures.
  CHECK(c.Call("GET", "/restapis").Json("item") != "[]");
  CHECK(Member(c.Call("GET", "/restapis").json, "item")->Size() == 1);
}

TEST_CASE("CreateRestApi survives malformed and incomplete bodies") {
  RestTestClient c;
  Reply r = c.Call("POST", "/restapis", "{\"name\":");
  CHECK(r.status == 400);
  r = c.Call("POST", "/restapis", "{}");
  CHECK(r.status == 400);
  CHECK(r.error_type == "ValidationException");
  r = c.Call("POST", "/restapis", R"({"name":"a","endpointConfiguration":"EDGE"})");
  CHECK(r.status == 400);
  r = c.Call("POST", "/restapis", R"({"name":"a","tags":{"_custom_id_":""}})");
  CHECK(r.status == 400);
}

TEST_CASE("cloneFrom copies the source API's resources, methods and models") {
  RestTestClient c;
  auto [source, root] = c.CreateApi("source");
  std::string pets = c.CreateResource(source, root, "pets");
  REQUIRE(c.PutMethod(source, pets, "GET").status == 201);
  REQUIRE(c.Call("POST", "/restapis/" + source + "/models",
                 R"({"name":"Pet","contentType":"application/json","schema":"{}"})").status == 201);
  Reply clone = c.Call("POST", "/restapis", R"({"name":"clone","cloneFrom":")" + source + "\"}");
  REQUIRE(clone.status == 201);
  const std::string id = clone.Str("id");
  CHECK(id != source);
  CHECK(clone.Str("rootResourceId") == root);
  CHECK(c.Call("GET", c.MethodPath(id, pets, "GET")).Str("authorizationType") == "NONE");
  CHECK(c.Call("GET", "/restapis/" + id + "/resources/" + pets).Str("path") == "/pets");
  CHECK(Member(c.Call("GET", "/restapis/" + id + "/models").json, "item")->Size() == 3);
  // The copies are independent of the source.
  REQUIRE(c.Call("DELETE", "/restapis/" + source + "/resources/" + pets).status == 202);
  CHECK(c.Call("GET", "/restapis/" + id + "/resources/" + pets).status == 200);

  Reply missing = c.Call("POST", "/restapis", R"({"name":"x","cloneFrom":"nope"})");
  CHECK(missing.status == 404);
  CHECK(missing.message == "Invalid API identifier specified 111111111111:nope");
}

TEST_CASE("the _custom_id_ tag pins the API id, which must be free in every region") {
  RestTestClient c;
  Reply r = c.Call("POST", "/restapis", R"({"name":"a","tags":{"_custom_id_":"myapi"}})");
  REQUIRE(r.status == 201);
  CHECK(r.Str("id") == "myapi");
  CHECK(c.Call("GET", "/restapis/myapi").status == 200);

  r = c.Call("POST", "/restapis", R"({"name":"b","tags":{"_custom_id_":"myapi"}})", "eu-west-1");
  CHECK(r.status == 409);
  CHECK(r.error_type == "ConflictException");

  r = c.Call("POST", "/restapis", R"({"name":"b","tags":{"_custom_id_":"testId123"}})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "BadRequestException");
  // LocalStack's wording (test_create_rest_api_with_invalid_custom_id)
  CHECK(r.message == "The RestApiId 'testId123' cannot contain uppercase characters");
  r = c.Call("POST", "/restapis", R"({"name":"b","tags":{"_custom_id_":"a/b"}})");
  CHECK(r.status == 400);
}

TEST_CASE("GetRestApi and GetRestApis see only the caller's region; ids are case-sensitive") {
  RestTestClient c;
  auto [id, root] = c.CreateApi("one");
  Reply r = c.Call("GET", "/restapis/" + id, "", "eu-west-1");
  CHECK(r.status == 404);
  CHECK(r.error_type == "NotFoundException");
  CHECK(r.message == "Invalid API identifier specified 111111111111:" + id);
  CHECK(c.Call("GET", "/restapis", "", "eu-west-1").Json("item") == "[]");
  CHECK(c.Call("GET", "/restapis/A000000001").status == 404);
  CHECK(c.Call("GET", "/restapis/nope").message == "Invalid API identifier specified 111111111111:nope");
}

TEST_CASE("GetRestApis lists in creation order and pages with limit and position") {
  RestTestClient c;
  for (const char* name : {"one", "two", "three"}) c.CreateApi(name);
  Reply all = c.Call("GET", "/restapis");
  REQUIRE(all.status == 200);
  const JsonValue& items = *Member(all.json, "item");
  REQUIRE(items.Size() == 3);
  CHECK(GetString(items[0], "name") == "one");
  CHECK(GetString(items[2], "name") == "three");
  CHECK_FALSE(all.Has("position"));

  Reply page = c.Call("GET", "/restapis?limit=2");
  CHECK(Member(page.json, "item")->Size() == 2);
  REQUIRE(page.Has("position"));
  Reply rest = c.Call("GET", "/restapis?limit=2&position=" + page.Str("position"));
  REQUIRE(Member(rest.json, "item")->Size() == 1);
  CHECK(GetString((*Member(rest.json, "item"))[0], "name") == "three");
  CHECK_FALSE(rest.Has("position"));
  CHECK(c.Call("GET", "/restapis?position=garbage").status == 400);
}

TEST_CASE("UpdateRestApi edits binaryMediaTypes like a set keyed by the escaped type") {
  RestTestClient c;
  std::string id = c.Call("POST", "/restapis", R"({"name":"a","description":"this is my api"})").Str("id");
  std::string path = "/restapis/" + id;
  Reply r = c.Call("PATCH", path,
                   Patch(R"({"op":"add","path":"/binaryMediaTypes/image~1png"},)"
                         R"({"op":"add","path":"/binaryMediaTypes/image~1jpeg"})"));
  CHECK(r.status == 200);
  CHECK(r.Json("binaryMediaTypes") == R"(["image/png","image/jpeg"])");
  CHECK(r.Str("description") == "this is my api");
  // AWS answers an update with "tags" even when there are none.
  CHECK(r.Json("tags") == "{}");

  // A replace removes the old type and appends the new one.
  r = c.Call("PATCH", path, Patch(R"({"op":"replace","path":"/binaryMediaTypes/image~1png","value":"image/gif"})"));
  CHECK(r.Json("binaryMediaTypes") == R"(["image/jpeg","image/gif"])");

  r = c.Call("PATCH", path,
             Patch(R"({"op":"remove","path":"/binaryMediaTypes/image~1gif"},{"op":"remove","path":"/description"})"));
  CHECK(r.Json("binaryMediaTypes") == R"(["image/jpeg"])");
  CHECK_FALSE(r.Has("description"));
  CHECK(c.Call("GET", path).Json("binaryMediaTypes") == R"(["image/jpeg"])");

  for (const char* op : {"add", "replace", "remove"}) {
    r = c.Call("PATCH", path,
               Patch(std::string(R"({"op":")") + op + R"(","path":"/binaryMediaTypes","value":"image/gif"})"));
    CHECK(r.status == 400);
    CHECK(r.message == "Invalid patch path /binaryMediaTypes");
  }
  // "-" is taken as a media type, not as the end of an array.
  std::string other = c.CreateApi("b").first;
  r = c.Call("PATCH", "/restapis/" + other, Patch(R"({"op":"add","path":"/binaryMediaTypes/-","value":"image/png"})"));
  CHECK(r.Json("binaryMediaTypes") == R"(["-"])");
}

TEST_CASE("UpdateRestApi sets and clears minimumCompressionSize with replace only") {
  RestTestClient c;
  std::string path = "/restapis/" + c.CreateApi().first;
  auto patch = [&](const std::string& op, const std::string& value) {
    return c.Call("PATCH", path,
                  Patch(R"({"op":")" + op + R"(","path":"/minimumCompressionSize","value":")" + value + "\"}"));
  };
  CHECK(patch("replace", "10").Json("minimumCompressionSize") == "10");
  CHECK_FALSE(patch("replace", "").Has("minimumCompressionSize"));
  CHECK(patch("replace", "0").Json("minimumCompressionSize") == "0");
  for (const char* bad : {"-1", "test", "10485761"}) {
    Reply r = patch("replace", bad);
    CHECK(r.status == 400);
    CHECK(r.message == "Invalid minimum compression size, must be between 0 and 10485760");
  }
  Reply r = patch("add", "10");
  CHECK(r.status == 400);
  CHECK(r.message == "Invalid patch operation specified. Must be one of: [replace]");
  CHECK(c.Call("GET", path).Json("minimumCompressionSize") == "0");
}

TEST_CASE("UpdateRestApi edits the endpoint configuration with AWS's rules") {
  RestTestClient c;
  std::string path = "/restapis/" + c.CreateApi().first;
  Reply r = c.Call("PATCH", path,
                   Patch(R"({"op":"replace","path":"/endpointConfiguration/types/0","value":"EDGE"},)"
                         R"({"op":"replace","path":"/endpointConfiguration/types/0","value":"REGIONAL"},)"
                         R"({"op":"replace","path":"/endpointConfiguration/types/0","value":"PRIVATE"})"));
  CHECK(r.status == 200);
  CHECK(r.Json("endpointConfiguration") == R"({"types":["PRIVATE"],"ipAddressType":"dualstack"})");

  auto one = [&](const std::string& op) { return c.Call("PATCH", path, Patch(op)); };
  r = one(R"({"op":"replace","path":"/endpointConfiguration/ipAddressType","value":"ipv4"})");
  CHECK(r.message == "Only dualstack ipAddressType is supported for Private APIs.");
  r = one(R"({"op":"replace","path":"/endpointConfiguration/ipAddressType","value":"wrong"})");
  CHECK(r.message == "ipAddressType must be either ipv4 or dualstack.");
  r = one(R"({"op":"replace","path":"/endpointConfiguration/types/0","value":"wrong"})");
  CHECK(r.message == "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
  r = one(R"({"op":"remove","path":"/endpointConfiguration/ipAddressType","value":"dualstack"})");
  CHECK(r.message == "Invalid patch operation specified. Must be one of: [replace]");
  r = one(R"({"op":"remove","path":"/endpointConfiguration/types/0","value":"EDGE"})");
  CHECK(r.message == "Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
  r = one(R"({"op":"replace","path":"/endpointConfiguration/ipAddressType","value":"dualstack"})");
  CHECK(r.status == 200);

  r = one(R"({"op":"replace","path":"/endpointConfiguration/types/0","value":"REGIONAL"},)"
          R"({"op":"replace","path":"/endpointConfiguration/ipAddressType","value":"ipv4"})");
  CHECK(r.Json("endpointConfiguration") == R"({"types":["REGIONAL"],"ipAddressType":"ipv4"})");
}

TEST_CASE("UpdateRestApi applies all operations or none, and checks ops by model validation") {
  RestTestClient c;
  std::string path = "/restapis/" + c.Call("POST", "/restapis", R"({"name":"a","description":"old"})").Str("id");
  Reply r = c.Call("PATCH", path,
                   Patch(R"({"op":"replace","path":"/description","value":"new"},)"
                         R"({"op":"replace","path":"/nonsense","value":"x"})"));
  CHECK(r.status == 400);
  CHECK(r.message == "Invalid patch path /nonsense");
  CHECK(c.Call("GET", path).Str("description") == "old");

  r = c.Call("PATCH", path,
             Patch(R"({"op":"wrong","path":"/endpointConfiguration/ipAddressType","value":"dualstack"},)"
                   R"({"op":"wrong","path":"/endpointConfiguration/types/0","value":"EDGE"})"));
  CHECK(r.status == 400);
  CHECK(r.error_type == "ValidationException");
  CHECK(r.message ==
        "2 validation errors detected: Value 'wrong' at 'updateRestApiInput.patchOperations.1.member.op' failed to "
        "satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; Value "
        "'wrong' at 'updateRestApiInput.patchOperations.2.member.op' failed to satisfy constraint: Member must "
        "satisfy enum value set: [add, remove, move, test, replace, copy]");

  r = c.Call("PATCH", path,
             Patch(R"({"op":"replace","path":"/name","value":"renamed"},)"
                   R"({"op":"replace","path":"/apiKeySource","value":"AUTHORIZER"},)"
                   R"({"op":"replace","path":"/disableExecuteApiEndpoint","value":"true"},)"
                   R"({"op":"replace","path":"/version","value":"v2"})"));
  CHECK(r.status == 200);
  CHECK(r.Str("name") == "renamed");
  CHECK(r.Str("apiKeySource") == "AUTHORIZER");
  CHECK(r.Json("disableExecuteApiEndpoint") == "true");
  CHECK(r.Str("version") == "v2");

  r = c.Call("PATCH", "/restapis/api_id", Patch(R"({"op":"replace","path":"/apiKeySource","value":"AUTHORIZER"})"));
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid API identifier specified 111111111111:api_id");
}

TEST_CASE("DeleteRestApi removes the API and everything under it, and unpublishes it") {
  RestTestClient c;
  auto [id, root] = c.CreateApi("gone");
  auto [kept, kept_root] = c.CreateApi("kept");
  c.CreateResource(id, root, "pets");
  Reply r = c.Call("DELETE", "/restapis/" + id);
  CHECK(r.status == 202);
  CHECK(c.Call("GET", "/restapis/" + id).status == 404);
  CHECK(c.store().List(cp::apigateway::kind::kResource, id)->empty());
  CHECK(c.store().List(cp::apigateway::kind::kModel, id)->empty());
  CHECK(c.store().List(cp::apigateway::kind::kResource, kept)->size() == 1);
  CHECK(c.sink().unpublished_apis == std::vector<std::string>{id});
  Reply again = c.Call("DELETE", "/restapis/" + id);
  CHECK(again.status == 404);
  CHECK(again.message == "Invalid API identifier specified 111111111111:" + id);
  CHECK(Member(c.Call("GET", "/restapis").json, "item")->Size() == 1);
}

}  // namespace
}  // namespace apigw::testing
