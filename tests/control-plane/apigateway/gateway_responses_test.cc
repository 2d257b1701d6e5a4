// PutGatewayResponse, GetGatewayResponse(s), UpdateGatewayResponse and
// DeleteGatewayResponse through the real dispatcher; the expected answers are
// AWS's as recorded in LocalStack's test_apigateway_api snapshot
// (test_gateway_response_crud, _put, _validation, test_update_gateway_response).
#include <doctest/doctest.h>

#include "control-plane/apigateway/deployment_snapshot.h"
#include "control-plane/apigateway/service_client.h"

namespace apigw::testing {
namespace {

const char kDefaultTemplate[] = R"({"application/json":"{\"message\":$context.error.messageString}"})";
// The template of the recorded tests, as JSON text.
const char kCustomTemplate[] =
    R"("{\n     \"message\": $context.error.messageString,\n     \"type\":  \"$context.error.responseType\",\n     \"stage\":  \"$context.stage\",\n     \"resourcePath\":  \"$context.resourcePath\",\n     \"stageVariables.a\":  \"$stageVariables.a\",\n     \"statusCode\": \"'404'\"\n}")";
const char kFourParams[] =
    R"({"gatewayresponse.header.x-request-path":"method.request.path.petId",)"
    R"("gatewayresponse.header.Access-Control-Allow-Origin":"'a.b.c'",)"
    R"("gatewayresponse.header.x-request-query":"method.request.querystring.q",)"
    R"("gatewayresponse.header.x-request-header":"method.request.header.Accept"})";

JsonDoc Parse(const std::string& text) {
  auto doc = ParseJson(text);
  REQUIRE_MESSAGE(doc.ok(), text);
  return std::move(doc).value();
}

// Order-insensitive comparison of a reply's body with the expected JSON.
void CheckBody(const Reply& r, const std::string& expected) {
  JsonDoc want = Parse(expected);
  INFO("got: " << r.body);
  INFO("want: " << ToJson(want));
  CHECK(r.json == want);
}

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }

// The item of `type` in a GetGatewayResponses answer (null when absent).
JsonDoc Item(const Reply& all, const std::string& type) {
  const JsonValue* items = Member(all.json, "item");
  JsonDoc out;
  if (!items || !items->IsArray()) return out;
  for (const JsonValue& item : items->GetArray())
    if (GetString(item, "responseType") == type) out.CopyFrom(item, out.GetAllocator());
  return out;
}

std::string DefaultItem(const std::string& type, const std::string& status) {
  return R"({"defaultResponse":true,"responseParameters":{},"responseTemplates":)" + std::string(kDefaultTemplate) +
         R"(,"responseType":")" + type + "\"" + (status.empty() ? "" : R"(,"statusCode":")" + status + "\"") + "}";
}

TEST_CASE("gateway response lifecycle (test_gateway_response_crud)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string responses = "/restapis/" + api + "/gatewayresponses";

  Reply r = c.Call("GET", responses + "/MISSING_AUTHENTICATION_TOKEN");
  CHECK(r.status == 200);
  CheckBody(r, DefaultItem("MISSING_AUTHENTICATION_TOKEN", "403"));

  const std::string put = R"({"statusCode":"404","responseParameters":)" + std::string(kFourParams) +
                          R"(,"responseTemplates":{"application/json":)" + kCustomTemplate + "}}";
  const std::string customized = R"({"defaultResponse":false,"responseParameters":)" + std::string(kFourParams) +
                                 R"(,"responseTemplates":{"application/json":)" + kCustomTemplate +
                                 R"(},"responseType":"MISSING_AUTHENTICATION_TOKEN","statusCode":"404"})";
  r = c.Call("PUT", responses + "/MISSING_AUTHENTICATION_TOKEN", put);
  CHECK(r.status == 201);
  CheckBody(r, customized);

  // Every type, in alphabetical order, the untouched ones as defaults.
  Reply all = c.Call("GET", responses);
  CHECK(all.status == 200);
  const JsonValue* items = Member(all.json, "item");
  REQUIRE(items != nullptr);
  REQUIRE(items->Size() == 21);
  CHECK(GetString((*items)[0], "responseType") == "ACCESS_DENIED");
  CHECK(GetString((*items)[20], "responseType") == "WAF_FILTERED");
  for (rapidjson::SizeType i = 1; i < items->Size(); ++i)
    CHECK(*GetString((*items)[i - 1], "responseType") < *GetString((*items)[i], "responseType"));
  CHECK(Item(all, "MISSING_AUTHENTICATION_TOKEN") == Parse(customized));
  CHECK(Item(all, "DEFAULT_4XX") == Parse(DefaultItem("DEFAULT_4XX", "")));  // no status code
  CHECK(Item(all, "DEFAULT_5XX") == Parse(DefaultItem("DEFAULT_5XX", "")));
  CHECK(Item(all, "INTEGRATION_TIMEOUT") == Parse(DefaultItem("INTEGRATION_TIMEOUT", "504")));
  CHECK(Item(all, "REQUEST_TOO_LARGE") == Parse(DefaultItem("REQUEST_TOO_LARGE", "413")));
  CHECK(Item(all, "UNSUPPORTED_MEDIA_TYPE") == Parse(DefaultItem("UNSUPPORTED_MEDIA_TYPE", "415")));
  CHECK(Item(all, "UNAUTHORIZED") == Parse(DefaultItem("UNAUTHORIZED", "401")));
  // The collection is not paged: limit and position change nothing.
  CHECK(Member(c.Call("GET", responses + "?limit=2&position=abc").json, "item")->Size() == 21);

  CheckBody(c.Call("GET", responses + "/MISSING_AUTHENTICATION_TOKEN"), customized);
  r = c.Call("DELETE", responses + "/MISSING_AUTHENTICATION_TOKEN");
  CHECK(r.status == 202);
  CheckBody(c.Call("GET", responses + "/MISSING_AUTHENTICATION_TOKEN"), DefaultItem("MISSING_AUTHENTICATION_TOKEN", "403"));
}

TEST_CASE("gateway responses: missing API, undefined and unknown types (test_gateway_response_validation)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string missing = "/restapis/apiid123abc/gatewayresponses";
  const std::string want = "Invalid API identifier specified 111111111111:apiid123abc";
  for (const Reply& r : {c.Call("GET", missing), c.Call("GET", missing + "/DEFAULT_4XX"),
                         c.Call("DELETE", missing + "/DEFAULT_4XX"),
                         c.Call("PATCH", missing + "/DEFAULT_4XX", Patch("")),
                         c.Call("PUT", missing + "/DEFAULT_4XX", R"({"statusCode":"404"})")}) {
    CHECK(r.status == 404);
    CHECK(r.error_type == "NotFoundException");
    CHECK(r.message == want);
  }
  const std::string responses = "/restapis/" + api + "/gatewayresponses";
  Reply r = c.Call("DELETE", responses + "/DEFAULT_4XX");
  CHECK(r.status == 404);
  CHECK(r.message == "Gateway response type not defined on api");
  for (const Reply& bad :
       {c.Call("GET", responses + "/FAKE_RESPONSE_TYPE"), c.Call("DELETE", responses + "/FAKE_RESPONSE_TYPE"),
        c.Call("PATCH", responses + "/FAKE_RESPONSE_TYPE", Patch("")),
        c.Call("PUT", responses + "/FAKE_RESPONSE_TYPE",
               R"({"statusCode":"404","responseParameters":{},"responseTemplates":{}})")}) {
    CHECK(bad.status == 400);
  }
  // The model's pattern for status codes.
  CHECK(c.Call("PUT", responses + "/DEFAULT_4XX", R"({"statusCode":"abc"})").status == 400);
  CHECK(c.Call("PUT", responses + "/DEFAULT_4XX", R"({"statusCode":"600"})").status == 400);
  // Nothing was stored by the refused calls.
  CHECK(c.Call("DELETE", responses + "/DEFAULT_4XX").status == 404);
}

TEST_CASE("PutGatewayResponse defaults, and DEFAULT_5XX shows through untouched 5xx types (test_gateway_response_put)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string token = "/restapis/" + api + "/gatewayresponses/MISSING_AUTHENTICATION_TOKEN";
  Reply r = c.Call("PUT", token, R"({"statusCode":"404"})");
  CHECK(r.status == 201);
  CheckBody(r, R"({"defaultResponse":false,"responseParameters":{},"responseTemplates":)" +
                   std::string(kDefaultTemplate) + R"(,"responseType":"MISSING_AUTHENTICATION_TOKEN","statusCode":"404"})");
  // A second put replaces the first whole: the status code is the default again.
  r = c.Call("PUT", token, R"({"responseParameters":{"gatewayresponse.header.x-request-header":"method.request.header.Accept"}})");
  CheckBody(r, R"({"defaultResponse":false,"responseParameters":{"gatewayresponse.header.x-request-header":)"
               R"("method.request.header.Accept"},"responseTemplates":)" +
                   std::string(kDefaultTemplate) + R"(,"responseType":"MISSING_AUTHENTICATION_TOKEN","statusCode":"403"})");
  r = c.Call("PUT", token, R"({"responseTemplates":{"application/json":)" + std::string(kCustomTemplate) + "}}");
  CheckBody(r, R"({"defaultResponse":false,"responseParameters":{},"responseTemplates":{"application/json":)" +
                   std::string(kCustomTemplate) + R"(},"responseType":"MISSING_AUTHENTICATION_TOKEN","statusCode":"403"})");

  const std::string five = R"({"statusCode":"599","responseParameters":{"gatewayresponse.header.x-request-header":)"
                           R"("method.request.header.Accept"},"responseTemplates":{"application/json":)" +
                           std::string(kCustomTemplate) + "}}";
  r = c.Call("PUT", "/restapis/" + api + "/gatewayresponses/DEFAULT_5XX", five);
  CHECK(r.status == 201);
  CHECK(r.Str("statusCode") == "599");
  CHECK(r.Json("defaultResponse") == "false");
  // A 5xx type put after DEFAULT_5XX takes its own defaults, not DEFAULT_5XX's.
  r = c.Call("PUT", "/restapis/" + api + "/gatewayresponses/AUTHORIZER_FAILURE",
             R"({"responseParameters":{"gatewayresponse.header.foo":"'bar'"}})");
  CheckBody(r, R"({"defaultResponse":false,"responseParameters":{"gatewayresponse.header.foo":"'bar'"},)"
               R"("responseTemplates":)" +
                   std::string(kDefaultTemplate) + R"(,"responseType":"AUTHORIZER_FAILURE","statusCode":"500"})");

  Reply all = c.Call("GET", "/restapis/" + api + "/gatewayresponses");
  const std::string inherited_tail =
      R"(,"responseParameters":{"gatewayresponse.header.x-request-header":"method.request.header.Accept"},)"
      R"("responseTemplates":{"application/json":)" + std::string(kCustomTemplate) + R"(},"statusCode":"599"})";
  for (const char* type : {"API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "INTEGRATION_FAILURE",
                           "INTEGRATION_TIMEOUT"}) {
    INFO(type);
    CHECK(Item(all, type) ==
          Parse(R"({"defaultResponse":true,"responseType":")" + std::string(type) + "\"" + inherited_tail));
  }
  CHECK(Item(all, "AUTHORIZER_FAILURE") == Parse(r.body));
  // 4xx types are untouched by DEFAULT_5XX.
  CHECK(Item(all, "BAD_REQUEST_BODY") == Parse(DefaultItem("BAD_REQUEST_BODY", "400")));
  CHECK(Item(all, "DEFAULT_4XX") == Parse(DefaultItem("DEFAULT_4XX", "")));
  // GetGatewayResponse answers the same view.
  CHECK(c.Call("GET", "/restapis/" + api + "/gatewayresponses/INTEGRATION_TIMEOUT").json ==
        Item(all, "INTEGRATION_TIMEOUT"));
}

TEST_CASE("a customized DEFAULT_4XX without a status code leaves each type its own") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  Reply r = c.Call("PUT", "/restapis/" + api + "/gatewayresponses/DEFAULT_4XX",
                   R"({"responseParameters":{"gatewayresponse.header.x":"'y'"}})");
  CHECK(r.status == 201);
  CHECK_FALSE(r.Has("statusCode"));
  Reply all = c.Call("GET", "/restapis/" + api + "/gatewayresponses");
  JsonDoc throttled = Item(all, "THROTTLED");
  CHECK(GetString(throttled, "statusCode") == "429");
  CHECK(GetBool(throttled, "defaultResponse") == true);
  CHECK(ToJson(*Member(throttled, "responseParameters")) == R"({"gatewayresponse.header.x":"'y'"})");
}

TEST_CASE("UpdateGatewayResponse paths and AWS's messages (test_update_gateway_response)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string four = "/restapis/" + api + "/gatewayresponses/DEFAULT_4XX";
  // Updating a type never put customizes it.
  Reply r = c.Call("PATCH", four, Patch(R"({"op":"replace","path":"/statusCode","value":"444"})"));
  CHECK(r.status == 200);
  const std::string not_set = R"({"defaultResponse":false,"responseParameters":{},"responseTemplates":)" +
                              std::string(kDefaultTemplate) + R"(,"responseType":"DEFAULT_4XX","statusCode":"444"})";
  CheckBody(r, not_set);
  CheckBody(c.Call("GET", four), not_set);

  REQUIRE(c.Call("PUT", four,
                 R"({"statusCode":"404","responseParameters":)" + std::string(kFourParams) +
                     R"(,"responseTemplates":{"application/json":"{\"application/json\": \"{\\\"message\\\":$context.error.messageString}\"}"}})")
              .status == 201);
  r = c.Call("PATCH", four,
             Patch(R"({"op":"replace","path":"/statusCode","value":"444"},)"
                   R"({"op":"replace","path":"/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin","value":"'example.com'"},)"
                   R"({"op":"add","path":"/responseTemplates/application~1xml","value":"<gatewayResponse><message>$context.error.messageString</message><type>$context.error.responseType</type></gatewayResponse>"})"));
  CHECK(r.status == 200);
  CHECK(r.Str("statusCode") == "444");
  CHECK(GetString(*Member(r.json, "responseParameters"), "gatewayresponse.header.Access-Control-Allow-Origin") ==
        "'example.com'");
  CHECK(Member(r.json, "responseParameters")->MemberCount() == 4);
  CHECK(GetString(*Member(r.json, "responseTemplates"), "application/xml") ==
        "<gatewayResponse><message>$context.error.messageString</message><type>$context.error.responseType</type></gatewayResponse>");
  CHECK(GetString(*Member(r.json, "responseTemplates"), "application/json") ==
        R"({"application/json": "{\"message\":$context.error.messageString}"})");
  CHECK(c.Call("GET", four).json == r.json);
  const std::string after = r.body;

  struct Case {
    std::string ops;
    int status;
    std::string message;
  };
  for (const Case& k : std::vector<Case>{
           {R"({"op":"add","path":"/statusCode","value":"444"})", 400, "Invalid patch path /statusCode"},
           {R"({"op":"remove","path":"/statusCode"})", 400, "Invalid patch path /statusCode"},
           {R"({"op":"add","value":"'example.com'"})", 400, "Invalid patch path null"},
           {R"({"op":"add","path":"/wrongPath","value":"'example.com'"})", 400, "Invalid patch path /wrongPath"},
           {R"({"op":"replace","path":"/responseTemplates/application~1xml"})", 400,
            "Invalid null or empty value in responseTemplates"},
           {R"({"op":"replace","path":"/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin"})", 400,
            "Invalid null or empty value in responseParameters"},
           {R"({"op":"replace","path":"/responseParameters/gatewayresponse.header.nope","value":"'x'"})", 404,
            "Invalid parameter name specified"},
           {R"({"op":"copy","path":"/statusCode","from":"/statusCode"})", 400, "Invalid patch path /statusCode"},
           // A failing second operation leaves the first undone.
           {R"({"op":"replace","path":"/statusCode","value":"401"},{"op":"add","path":"/wrongPath","value":"x"})", 400,
            "Invalid patch path /wrongPath"},
       }) {
    INFO(k.ops);
    Reply bad = c.Call("PATCH", four, Patch(k.ops));
    CHECK(bad.status == k.status);
    CHECK(bad.message == k.message);
  }
  CHECK(c.Call("PATCH", four, Patch(R"({"op":"wrong-op","path":"/statusCode","value":"'example.com'"})")).status == 400);
  CHECK(c.Call("GET", four).body == after);

  // DEFAULT_5XX was never put: it has no parameter to replace.
  r = c.Call("PATCH", "/restapis/" + api + "/gatewayresponses/DEFAULT_5XX",
             Patch(R"({"op":"replace","path":"/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin","value":"'example.com'"})"));
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid parameter name specified");
  CHECK(c.Call("DELETE", "/restapis/" + api + "/gatewayresponses/DEFAULT_5XX").status == 404);  // still not put

  // remove drops one entry and keeps the (possibly empty) map.
  r = c.Call("PATCH", four, Patch(R"({"op":"remove","path":"/responseTemplates/application~1xml"},)"
                                  R"({"op":"remove","path":"/responseTemplates/application~1json"})"));
  CHECK(r.status == 200);
  CHECK(r.Json("responseTemplates") == "{}");
}

TEST_CASE("customized gateway responses are frozen into deployments; defaults are not") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  REQUIRE(c.Call("PUT", "/restapis/" + api + "/resources/" + root + "/methods/GET", R"({"authorizationType":"NONE"})")
              .status == 201);
  REQUIRE(c.Call("PUT", "/restapis/" + api + "/resources/" + root + "/methods/GET/integration", R"({"type":"MOCK"})")
              .status == 201);
  REQUIRE(c.Call("PUT", "/restapis/" + api + "/gatewayresponses/MISSING_AUTHENTICATION_TOKEN",
                 R"({"statusCode":"404","responseParameters":{"gatewayresponse.header.x-a":"'b'"}})")
              .status == 201);
  Reply deployment = c.Call("POST", "/restapis/" + api + "/deployments", R"({"stageName":"dev"})");
  REQUIRE(deployment.status == 201);
  auto snapshot = cp::apigateway::LoadDeploymentSnapshot(c.store(), api, deployment.Str("id"));
  REQUIRE(snapshot.ok());
  const JsonValue* frozen = Member(**snapshot, "gatewayResponses");
  REQUIRE(frozen != nullptr);
  REQUIRE(frozen->Size() == 1);
  CHECK(GetString((*frozen)[0], "responseType") == "MISSING_AUTHENTICATION_TOKEN");
  CHECK(GetString((*frozen)[0], "statusCode") == "404");
  CHECK(GetBool((*frozen)[0], "defaultResponse") == false);

  // Deleting the API deletes its gateway responses.
  CHECK(c.Call("DELETE", "/restapis/" + api).status == 202);
  auto left = c.store().List("gatewayresponse", api);
  REQUIRE(left.ok());
  CHECK(left->empty());
}

TEST_CASE("gateway responses: malformed input never crashes") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string four = "/restapis/" + api + "/gatewayresponses/DEFAULT_4XX";
  for (const std::string& body : {std::string("{not json"), std::string(R"({"responseParameters":"x"})"),
                                  std::string(R"({"responseTemplates":{"a":1}})"), std::string("[]")}) {
    INFO(body);
    CHECK(c.Call("PUT", four, body).status == 400);
  }
  for (const std::string& body : {std::string(R"({"patchOperations":"x"})"), std::string(R"({"patchOperations":[1]})"),
                                  std::string(R"({"patchOperations":[{"op":"replace","path":""}]})"),
                                  std::string(R"({"patchOperations":[{"op":"replace","path":"/"}]})"),
                                  std::string(R"({"patchOperations":[{"op":"add","path":"/responseParameters/"}]})")}) {
    INFO(body);
    CHECK(c.Call("PATCH", four, body).status == 400);
  }
  CHECK(c.Call("DELETE", four).status == 404);  // nothing stored
}

}  // namespace
}  // namespace apigw::testing
