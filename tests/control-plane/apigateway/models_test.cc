// CreateModel, GetModel(s), UpdateModel and DeleteModel through the real
// dispatcher; expected answers are AWS's as recorded.
#include <doctest/doctest.h>

#include "control-plane/apigateway/rest_test_client.h"

namespace apigw::testing {
namespace {

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }

TEST_CASE("model lifecycle") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  const std::string models = "/restapis/" + api + "/models";
  const std::string schema = R"({\"title\": \"Calc output\", \"type\": \"object\"})";
  Reply r = c.Call("POST", models,
                   R"({"name":"CalcOutput","contentType":"application/json","description":"Calc output model",)"
                   R"("schema":")" + schema + "\"}");
  CHECK(r.status == 201);
  CHECK(r.Str("id").size() == 6);
  CHECK(r.Str("name") == "CalcOutput");
  CHECK(r.Str("description") == "Calc output model");
  CHECK(r.Str("schema") == R"({"title": "Calc output", "type": "object"})");  // the text as given
  CHECK(r.Str("contentType") == "application/json");
  CHECK(c.Call("GET", models + "/CalcOutput").body == r.body);

  Reply all = c.Call("GET", models);
  const JsonValue& items = *Member(all.json, "item");
  REQUIRE(items.Size() == 3);
  CHECK(GetString(items[2], "name") == "CalcOutput");

  CHECK(c.Call("DELETE", models + "/CalcOutput").status == 202);
  CHECK(c.Call("GET", models + "/CalcOutput").message == "Invalid model name specified: CalcOutput");
  CHECK(Member(c.Call("GET", models).json, "item")->Size() == 2);
}

TEST_CASE("CreateModel validates with AWS's messages") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  const std::string body = R"({"name":"MySchema","contentType":"application/json","description":"","schema":"{}"})";
  Reply r = c.Call("POST", "/restapis/abcde0/models", body);
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid API identifier specified 111111111111:abcde0");
  CHECK(c.Call("GET", "/restapis/abcde0/models").message == "Invalid API identifier specified 111111111111:abcde0");
  CHECK(c.Call("GET", "/restapis/abcde0/models/MySchema").message == "Invalid model name specified: MySchema");
  CHECK(c.Call("DELETE", "/restapis/abcde0/models/MySchema").message == "Invalid model name specified: MySchema");

  const std::string models = "/restapis/" + api + "/models";
  r = c.Call("POST", models, body);
  CHECK(r.status == 201);
  CHECK_FALSE(r.Has("description"));  // an empty description is not kept
  r = c.Call("POST", models, body);
  CHECK(r.status == 409);
  CHECK(r.message == "Model name already exists for this REST API");
  r = c.Call("POST", models, R"({"name":"","contentType":"application/json","schema":"{}"})");
  CHECK(r.status == 400);
  CHECK(r.message == "Model name must be non-empty");
  for (const std::string& b : {std::string(R"({"name":"E","contentType":"application/json","schema":""})"),
                               std::string(R"({"name":"E","contentType":"application/json"})"),
                               std::string(R"({"name":"E","contentType":"application/xml"})")}) {
    r = c.Call("POST", models, b);
    CHECK(r.status == 400);
    CHECK(r.message == "Model schema must have at least 1 property or array items defined");
  }
  r = c.Call("POST", models, R"({"name":"E","contentType":"application/json","schema":"{not json"})");
  CHECK(r.status == 400);
  // Model names are alphanumeric ("Model name must be alphanumeric: body_1",
  // as AWS's importer relays it), whatever the schema.
  for (std::string bad : {"body_1", "bad-name", "a.b", "x y"}) {
    r = c.Call("POST", models, R"({"name":")" + bad + R"(","contentType":"application/json","schema":"{}"})");
    CHECK(r.status == 400);
    CHECK(r.error_type == "BadRequestException");
    CHECK(r.message == "Model name must be alphanumeric: " + bad);
  }
  CHECK(c.Call("POST", models, R"({"name":"E"})").error_type == "ValidationException");  // contentType is required
  CHECK(Member(c.Call("GET", models).json, "item")->Size() == 3);
}

TEST_CASE("UpdateModel replaces the schema and description only") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  const std::string ops =
      Patch(R"({"op":"replace","path":"/schema","value":"{\"title\": \"Updated schema\", \"type\": \"object\"}"},)"
            R"({"op":"replace","path":"/description","value":""})");
  Reply r = c.Call("PATCH", "/restapis/abcde0/models/mySchema", ops);
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid model name specified: mySchema");

  const std::string model = "/restapis/" + api + "/models/MySchema";
  REQUIRE(c.Call("POST", "/restapis/" + api + "/models",
                 R"({"name":"MySchema","contentType":"application/json","description":"d","schema":"{}"})")
              .status == 201);
  r = c.Call("PATCH", model, ops);
  CHECK(r.status == 200);
  CHECK(r.Str("schema") == R"({"title": "Updated schema", "type": "object"})");
  CHECK_FALSE(r.Has("description"));
  CHECK(c.Call("GET", model).body == r.body);

  r = c.Call("PATCH", model, Patch(R"({"op":"add","path":"/wrong-path","value":"not supported op"})"));
  CHECK(r.message == "Invalid patch path  '/wrong-path' specified for op 'add'. Please choose supported operations");
  r = c.Call("PATCH", model, Patch(R"({"op":"replace","path":"/name","value":"invalid"})"));
  CHECK(r.message == "Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]");
  r = c.Call("PATCH", model, Patch(R"({"op":"replace","path":"/schema","value":""})"));
  CHECK(r.message == "Model schema must have at least 1 property or array items defined");
  CHECK(c.Call("GET", model).Str("schema") == R"({"title": "Updated schema", "type": "object"})");
}

}  // namespace
}  // namespace apigw::testing
