// CreateResource, GetResource(s), UpdateResource and DeleteResource through
// the real dispatcher; expected answers are AWS's as recorded.
#include <doctest/doctest.h>

#include "control-plane/apigateway/rest_test_client.h"

namespace apigw::testing {
namespace {

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }
std::string Replace(const std::string& path, const std::string& value) {
  return Patch(R"({"op":"replace","path":")" + path + R"(","value":")" + value + "\"}");
}

// "path" of every resource of `api`, in the order GetResources lists them.
std::vector<std::string> Paths(RestTestClient& c, const std::string& api) {
  std::vector<std::string> out;
  Reply r = c.Call("GET", "/restapis/" + api + "/resources?limit=500");
  for (const JsonValue& item : Member(r.json, "item")->GetArray()) out.push_back(*GetString(item, "path"));
  return out;
}

TEST_CASE("resource lifecycle: create, list, rename (re-pathing the subtree), delete (the subtree)") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  Reply pets = c.Call("POST", "/restapis/" + api + "/resources/" + root, R"({"pathPart":"pets"})");
  CHECK(pets.status == 201);
  CHECK(pets.Str("id").size() == 6);
  CHECK(pets.Str("parentId") == root);
  CHECK(pets.Str("path") == "/pets");
  CHECK(pets.Str("pathPart") == "pets");
  CHECK_FALSE(pets.Has("resourceMethods"));
  std::string pets_id = pets.Str("id");
  std::string sub_id = c.CreateResource(api, pets_id, "subpets");
  CHECK(Paths(c, api) == std::vector<std::string>{"/", "/pets", "/pets/subpets"});

  Reply renamed = c.Call("PATCH", "/restapis/" + api + "/resources/" + pets_id, Replace("/pathPart", "dogs"));
  CHECK(renamed.status == 200);
  CHECK(renamed.Str("path") == "/dogs");
  CHECK(renamed.Str("pathPart") == "dogs");
  CHECK(c.Call("GET", "/restapis/" + api + "/resources/" + sub_id).Str("path") == "/dogs/subpets");

  Reply deleted = c.Call("DELETE", "/restapis/" + api + "/resources/" + pets_id);
  CHECK(deleted.status == 202);
  CHECK(Paths(c, api) == std::vector<std::string>{"/"});
  Reply gone = c.Call("DELETE", "/restapis/" + api + "/resources/" + sub_id);
  CHECK(gone.status == 404);
  CHECK(gone.message == "Invalid Resource identifier specified");
}

TEST_CASE("UpdateResource moves a resource with AWS's checks and messages") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  std::string base = "/restapis/" + api + "/resources/";
  std::string pets = c.CreateResource(api, root, "pets");

  Reply r = c.Call("PATCH", base + "fake-resource", Replace("/pathPart", "dogs"));
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Resource identifier specified");
  r = c.Call("PATCH", base + pets, Replace("/invalid", "dogs"));
  CHECK(r.status == 400);
  CHECK(r.message == "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]");
  r = c.Call("PATCH", base + pets, Replace("/parentId", "fake-parent-id"));
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Resource identifier specified");

  std::string sub = c.CreateResource(api, pets, "subpets");
  std::string child = c.CreateResource(api, sub, "pets");
  r = c.Call("PATCH", base + child, Replace("/parentId", root));
  CHECK(r.status == 409);
  CHECK(r.error_type == "ConflictException");
  CHECK(r.message == "Another resource with the same parent already has this name: pets");
  c.Call("DELETE", base + child);

  r = c.Call("PATCH", base + pets, Replace("/parentId", sub));
  CHECK(r.status == 400);
  CHECK(r.message == "Resources cannot be cyclical.");
  r = c.Call("PATCH", base + pets, Replace("/parentId", pets));
  CHECK(r.message == "Resources cannot be cyclical.");

  r = c.Call("PATCH", base + sub, Replace("/parentId", root));
  CHECK(r.status == 200);
  CHECK(r.Str("parentId") == root);
  CHECK(r.Str("path") == "/subpets");

  r = c.Call("PATCH", base + sub, Replace("/pathPart", "pets"));
  CHECK(r.status == 409);
  CHECK(r.message == "Another resource with the same parent already has this name: pets");

  // Deleting /pets no longer deletes its former child.
  c.Call("DELETE", base + pets);
  CHECK(Paths(c, api) == std::vector<std::string>{"/", "/subpets"});

  r = c.Call("PATCH", base + sub, Patch(R"({"op":"remove","path":"/pathPart"})"));
  CHECK(r.message == "Invalid patch path  '/pathPart' specified for op 'remove'. Please choose supported operations");
  r = c.Call("PATCH", base + sub, Patch(R"({"op":"add","path":"/pathPart","value":"added-pets"})"));
  CHECK(r.message == "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations");

  r = c.Call("PATCH", base + root, Replace("/pathPart", "dogs"));
  CHECK(r.message == "Root resource cannot update its pathPart.");
  r = c.Call("PATCH", base + root, Replace("/parentId", root));
  CHECK(r.message == "Root resource cannot update its parentId.");
}

TEST_CASE("moving a resource re-paths everything below it") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  std::string a = c.CreateResource(api, root, "a");
  std::string b = c.CreateResource(api, root, "b");
  std::string a1 = c.CreateResource(api, a, "{id}");
  c.CreateResource(api, a1, "x");
  Reply r = c.Call("PATCH", "/restapis/" + api + "/resources/" + a, Replace("/parentId", b));
  REQUIRE(r.status == 200);
  CHECK(r.Str("path") == "/b/a");
  CHECK(Paths(c, api) == std::vector<std::string>{"/", "/b/a", "/b", "/b/a/{id}", "/b/a/{id}/x"});
  // Moving and renaming in one request.
  r = c.Call("PATCH", "/restapis/" + api + "/resources/" + a,
             Patch(R"({"op":"replace","path":"/parentId","value":")" + root +
                   R"("},{"op":"replace","path":"/pathPart","value":"c"})"));
  REQUIRE(r.status == 200);
  CHECK(Paths(c, api) == std::vector<std::string>{"/", "/c", "/b", "/c/{id}", "/c/{id}/x"});
}

TEST_CASE("proxy resources: one variable part among siblings, nothing below a greedy one") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  std::string base = "/restapis/" + api + "/resources/";
  Reply proxy = c.Call("POST", base + root, R"({"pathPart":"{proxy+}"})");
  REQUIRE(proxy.status == 201);
  CHECK(proxy.Str("path") == "/{proxy+}");

  Reply r = c.Call("POST", base + root, R"({"pathPart":"{dynamic}"})");
  CHECK(r.status == 400);
  CHECK(r.message == "A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed");
  r = c.Call("POST", base + proxy.Str("id"), R"({"pathPart":"child"})");
  CHECK(r.message == "Cannot create a child of a resource with a greedy path variable: {proxy+}");
  r = c.Call("POST", base + proxy.Str("id"), R"({"pathPart":"{child}"})");
  CHECK(r.message == "Cannot create a child of a resource with a greedy path variable: {proxy+}");

  std::string parent = c.CreateResource(api, root, "parent");
  r = c.Call("POST", base + parent, R"({"pathPart":"{child+}"})");
  CHECK(r.status == 201);
  CHECK(r.Str("path") == "/parent/{child+}");
  // A static sibling next to a variable one is fine.
  CHECK(c.Call("POST", base + parent, R"({"pathPart":"static"})").status == 201);
  r = c.Call("POST", base + parent, R"({"pathPart":"static"})");
  CHECK(r.status == 409);
}

TEST_CASE("CreateResource checks the API, the parent and the path part") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  Reply r = c.Call("POST", "/restapis/nope/resources/" + root, R"({"pathPart":"a"})");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid API identifier specified 111111111111:nope");
  r = c.Call("POST", "/restapis/" + api + "/resources/fake-resource-id", R"({"pathPart":"a"})");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Resource identifier specified");
  r = c.Call("POST", "/restapis/" + api + "/resources/" + root, R"({"pathPart":""})");
  CHECK(r.status == 400);
  CHECK(r.message == "Resource's path part must be specified");
  for (const char* bad : {"a/b", "{a", "a b", "{}", "{+}", "{a}b}"}) {
    r = c.Call("POST", "/restapis/" + api + "/resources/" + root, std::string(R"({"pathPart":")") + bad + "\"}");
    CHECK_MESSAGE(r.status == 400, bad);
    CHECK(r.message ==
          "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an "
          "optional plus sign before the closing brace.");
  }
  CHECK(c.Call("POST", "/restapis/" + api + "/resources/" + root, R"({"pathPart":"events:batch"})").status == 201);
  CHECK(c.Call("POST", "/restapis/" + api + "/resources/" + root, R"({"pathPart":"v1.2_x-y"})").status == 201);
  r = c.Call("POST", "/restapis/" + api + "/resources/" + root, "{}");
  CHECK(r.status == 400);
}

TEST_CASE("GetResource(s) name methods, or embed them whole with embed=methods") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  REQUIRE(c.PutMethod(api, root, "GET").status == 201);
  REQUIRE(c.Call("PUT", c.MethodPath(api, root, "GET") + "/integration", R"({"type":"MOCK"})").status == 201);
  std::string path = "/restapis/" + api + "/resources/" + root;
  CHECK(c.Call("GET", path).Json("resourceMethods") == R"({"GET":{}})");
  Reply embedded = c.Call("GET", path + "?embed=methods");
  CHECK(embedded.Json("resourceMethods") ==
        R"({"GET":{"httpMethod":"GET","authorizationType":"NONE","apiKeyRequired":false,)"
        R"("methodIntegration":{"type":"MOCK","passthroughBehavior":"WHEN_NO_MATCH","timeoutInMillis":29000,)"
        R"("cacheNamespace":")" + root + R"(","cacheKeyParameters":[]}}})");
  Reply list = c.Call("GET", "/restapis/" + api + "/resources?embed=methods");
  CHECK(ToJson((*Member(list.json, "item"))[0]) == embedded.body);
  list = c.Call("GET", "/restapis/" + api + "/resources");
  CHECK(ToJson((*Member(list.json, "item"))[0]) == R"({"id":")" + root + R"(","path":"/","resourceMethods":{"GET":{}}})");

  // The last method gone, "resourceMethods" goes too.
  CHECK(c.Call("DELETE", c.MethodPath(api, root, "GET")).status == 204);
  CHECK_FALSE(c.Call("GET", path).Has("resourceMethods"));
}

TEST_CASE("GetResources pages; unknown APIs and resources are not found") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  for (int i = 0; i < 30; ++i) c.CreateResource(api, root, "r" + std::to_string(i));
  Reply first = c.Call("GET", "/restapis/" + api + "/resources");
  CHECK(Member(first.json, "item")->Size() == 25);  // AWS's default page
  REQUIRE(first.Has("position"));
  Reply second = c.Call("GET", "/restapis/" + api + "/resources?position=" + first.Str("position"));
  CHECK(Member(second.json, "item")->Size() == 6);
  CHECK(Paths(c, api).size() == 31);

  Reply r = c.Call("GET", "/restapis/nope/resources");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid API identifier specified 111111111111:nope");
  r = c.Call("GET", "/restapis/nope/resources/" + root);
  CHECK(r.message == "Invalid Resource identifier specified");
  r = c.Call("DELETE", "/restapis/" + api + "/resources/" + root);
  CHECK(r.status == 400);
  CHECK(r.message == "Cannot delete root resource");
}

}  // namespace
}  // namespace apigw::testing
