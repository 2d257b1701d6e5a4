// PutIntegration, GetIntegration, UpdateIntegration and DeleteIntegration,
// and the integration response family, through the real dispatcher; expected
// answers are AWS's as recorded.
#include <doctest/doctest.h>

#include "control-plane/apigateway/rest_test_client.h"

namespace apigw::testing {
namespace {

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }

// An API whose root has a GET method; `integration` is its integration path.
struct Fixture {
  RestTestClient c;
  std::string api, root, integration;
  Fixture() {
    std::tie(api, root) = c.CreateApi();
    c.PutMethod(api, root, "GET");
    integration = c.MethodPath(api, root, "GET") + "/integration";
  }
  Reply Put(const std::string& body) { return c.Call("PUT", integration, body); }
};

TEST_CASE("PutIntegration fills in AWS's defaults per type") {
  Fixture f;
  Reply r = f.Put(R"({"type":"HTTP","httpMethod":"POST","uri":"http://example.com"})");
  CHECK(r.status == 201);
  CHECK(r.body == R"({"type":"HTTP","httpMethod":"POST","uri":"http://example.com","connectionType":"INTERNET",)"
                  R"("passthroughBehavior":"WHEN_NO_MATCH","timeoutInMillis":29000,"cacheNamespace":")" +
                      f.root + R"(","cacheKeyParameters":[]})");
  CHECK(f.c.Call("GET", f.integration).body == r.body);

  // MOCK keeps neither method nor URI; AWS integrations have no connection type.
  r = f.Put(R"({"type":"MOCK","httpMethod":"POST","uri":"http://example.com",)"
            R"("requestTemplates":{"application/json":"{statusCode: 200}"}})");
  CHECK(r.body == R"({"type":"MOCK","requestTemplates":{"application/json":"{statusCode: 200}"},)"
                  R"("passthroughBehavior":"WHEN_NO_MATCH","timeoutInMillis":29000,"cacheNamespace":")" +
                      f.root + R"(","cacheKeyParameters":[]})");
  const std::string lambda =
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:"
      "function:MyLambda/invocations";
  r = f.Put(R"({"type":"AWS_PROXY","httpMethod":"POST","uri":")" + lambda + R"("})");
  CHECK(r.status == 201);
  CHECK_FALSE(r.Has("connectionType"));
  CHECK(r.Str("uri") == lambda);

  r = f.Put(R"({"type":"HTTP_PROXY","httpMethod":"GET","uri":"http://nlb.example.com","connectionType":"VPC_LINK",)"
            R"("connectionId":"${stageVariables.vpcLinkId}","timeoutInMillis":50,"cacheKeyParameters":["a"],)"
            R"("passthroughBehavior":"NEVER","contentHandling":"CONVERT_TO_TEXT","credentials":"arn:aws:iam::1:role/r"})");
  CHECK(r.status == 201);
  CHECK(r.Str("connectionType") == "VPC_LINK");
  CHECK(r.Str("connectionId") == "${stageVariables.vpcLinkId}");
  CHECK(r.Json("timeoutInMillis") == "50");
  CHECK(r.Json("cacheKeyParameters") == R"(["a"])");
  CHECK(r.Str("passthroughBehavior") == "NEVER");
  CHECK(r.Str("contentHandling") == "CONVERT_TO_TEXT");
  CHECK(r.Str("credentials") == "arn:aws:iam::1:role/r");
}

TEST_CASE("PutIntegration validates the target as AWS does") {
  Fixture f;
  for (const char* type : {"HTTP", "HTTP_PROXY", "AWS"}) {
    Reply r = f.Put(std::string(R"({"type":")") + type + R"(","uri":"http://example.com"})");
    CHECK(r.status == 400);
    CHECK(r.message == "Enumeration value for HttpMethod must be non-empty");
  }
  for (const char* type : {"HTTP", "HTTP_PROXY"}) {
    Reply r = f.Put(std::string(R"({"type":")") + type + R"(","httpMethod":"POST","uri":"non-valid-http"})");
    CHECK(r.message == "Invalid HTTP endpoint specified for URI");
  }
  Reply r = f.Put(R"({"type":"AWS","httpMethod":"POST","uri":"non-valid-arn"})");
  CHECK(r.message == "Invalid ARN specified in the request");
  r = f.Put(R"({"type":"AWS","httpMethod":"POST","uri":"arn:aws:iam::0000000000:role/service-role/asdf"})");
  CHECK(r.message == "AWS ARN for integration must contain path or action");
  r = f.Put(R"({"type":"AWS_PROXY","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:s3:path/b/k"})");
  CHECK(r.message ==
        "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
  CHECK(f.Put(R"({"type":"AWS","httpMethod":"POST","uri":"arn:aws:apigateway:us-east-1:s3:path/b/k"})").status == 201);
  for (const char* timeout : {"49", "29001"}) {
    r = f.Put(std::string(R"({"type":"MOCK","timeoutInMillis":)") + timeout + "}");
    CHECK(r.message == "Timeout should be between 50 ms and 29000 ms");
  }
  r = f.Put(R"({"type":"HTTPS_PROXY"})");
  CHECK(r.error_type == "ValidationException");
  CHECK(r.message ==
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy "
        "constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]");
  r = f.Put(R"({"type":"HTTP_PROXY","requestParameters":{"integration.request.path.testPath":true}})");
  CHECK(r.error_type == "SerializationException");

  r = f.c.Call("PUT", f.c.MethodPath(f.api, f.root, "POST") + "/integration", R"({"type":"MOCK"})");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Method identifier specified");
  r = f.c.Call("PUT", f.c.MethodPath(f.api, "badresource", "GET") + "/integration", R"({"type":"MOCK"})");
  CHECK(r.message == "Invalid Resource identifier specified");
}

TEST_CASE("GetIntegration and DeleteIntegration name what is missing") {
  Fixture f;
  Reply r = f.c.Call("GET", f.c.MethodPath("nope", f.root, "GET") + "/integration");
  CHECK(r.message == "Invalid Resource identifier specified");
  r = f.c.Call("GET", f.c.MethodPath(f.api, "nope", "GET") + "/integration");
  CHECK(r.message == "Invalid Resource identifier specified");
  r = f.c.Call("GET", f.c.MethodPath(f.api, f.root, "PUT") + "/integration");
  CHECK(r.message == "Invalid Method identifier specified");
  r = f.c.Call("GET", f.integration);
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Integration identifier specified");
  CHECK(f.c.Call("DELETE", f.integration).message == "Invalid Integration identifier specified");
  REQUIRE(f.Put(R"({"type":"MOCK"})").status == 201);
  CHECK(f.c.Call("DELETE", f.integration).status == 204);
  CHECK(f.c.Call("GET", f.integration).status == 404);
  CHECK_FALSE(f.c.Call("GET", f.c.MethodPath(f.api, f.root, "GET")).Has("methodIntegration"));
}

TEST_CASE("UpdateIntegration patches members, maps and cache keys, and re-checks the result") {
  Fixture f;
  REQUIRE(f.Put(R"({"type":"HTTP_PROXY","httpMethod":"GET","uri":"http://a.example.com","connectionType":"VPC_LINK",)"
                R"("connectionId":"${stageVariables.vpcLinkId}"})").status == 201);
  Reply r = f.c.Call("PATCH", f.integration,
                     Patch(R"({"op":"replace","path":"/connectionId","value":"${stageVariables.vpcLinkIdBeta}"},)"
                           R"({"op":"replace","path":"/timeoutInMillis","value":"1000"},)"
                           R"({"op":"add","path":"/requestParameters/integration.request.header.x","value":"'v'"},)"
                           R"({"op":"add","path":"/requestTemplates/application~1json","value":"{}"},)"
                           R"({"op":"add","path":"/cacheKeyParameters/method.request.path.id"})"));
  CHECK(r.status == 200);
  CHECK(r.Str("connectionId") == "${stageVariables.vpcLinkIdBeta}");
  CHECK(r.Json("timeoutInMillis") == "1000");
  CHECK(r.Json("requestParameters") == R"({"integration.request.header.x":"'v'"})");
  CHECK(r.Json("requestTemplates") == R"({"application/json":"{}"})");
  CHECK(r.Json("cacheKeyParameters") == R"(["method.request.path.id"])");
  CHECK(f.c.Call("GET", f.integration).body == r.body);

  r = f.c.Call("PATCH", f.integration,
               Patch(R"({"op":"remove","path":"/requestParameters/integration.request.header.x"},)"
                     R"({"op":"remove","path":"/cacheKeyParameters/method.request.path.id"})"));
  CHECK_FALSE(r.Has("requestParameters"));
  CHECK(r.Json("cacheKeyParameters") == "[]");

  auto one = [&](const std::string& op) { return f.c.Call("PATCH", f.integration, Patch(op)); };
  CHECK(one(R"({"op":"replace","path":"/timeoutInMillis","value":"30000"})").message ==
        "Timeout should be between 50 ms and 29000 ms");
  CHECK(one(R"({"op":"replace","path":"/timeoutInMillis","value":"soon"})").message ==
        "Timeout should be between 50 ms and 29000 ms");
  CHECK(one(R"({"op":"replace","path":"/uri","value":"not-a-url"})").message ==
        "Invalid HTTP endpoint specified for URI");
  CHECK(one(R"({"op":"replace","path":"/nonsense","value":"x"})").message == "Invalid patch path /nonsense");
  CHECK(one(R"({"op":"add","path":"/uri","value":"http://b.example.com"})").message ==
        "Invalid patch operation specified. Must be one of: [replace]");
  CHECK(f.c.Call("GET", f.integration).Str("uri") == "http://a.example.com");
  CHECK(f.c.Call("PATCH", f.c.MethodPath(f.api, f.root, "PUT") + "/integration", Patch("")).message ==
        "Invalid Method identifier specified");
}

TEST_CASE("integration response lifecycle") {
  Fixture f;
  REQUIRE(f.Put(R"({"type":"MOCK","requestTemplates":{"application/json":"{\"statusCode\": 200}"}})").status == 201);
  std::string path = f.integration + "/responses/200";
  Reply r = f.c.Call("PUT", path, R"({"selectionPattern":"","responseTemplates":{"application/json":"\"created\""}})");
  CHECK(r.status == 201);
  CHECK(r.body == R"({"statusCode":"200","selectionPattern":"","responseTemplates":{"application/json":"\"created\""}})");
  CHECK(f.c.Call("GET", path).body == r.body);

  r = f.c.Call("PATCH", path, Patch(R"({"op":"replace","path":"/selectionPattern","value":"updated-pattern"})"));
  CHECK(r.status == 200);
  CHECK(r.Str("selectionPattern") == "updated-pattern");

  // A put overwrites.
  r = f.c.Call("PUT", path, R"({"selectionPattern":"overwrite-pattern","responseTemplates":{"application/json":"overwrite"}})");
  CHECK(r.status == 201);
  CHECK(r.body == R"({"statusCode":"200","selectionPattern":"overwrite-pattern","responseTemplates":{"application/json":"overwrite"}})");
  Reply method = f.c.Call("GET", f.c.MethodPath(f.api, f.root, "GET"));
  CHECK(ToJson(*Member(*Member(method.json, "methodIntegration"), "integrationResponses")) == R"({"200":)" + r.body + "}");

  CHECK(f.c.Call("DELETE", path).status == 204);
  CHECK(f.c.Call("GET", path).message == "Invalid Response status code specified");
  CHECK_FALSE(Member(*Member(f.c.Call("GET", f.c.MethodPath(f.api, f.root, "GET")).json, "methodIntegration"),
                     "integrationResponses"));
}

TEST_CASE("integration responses keep empty templates as null and check content types") {
  Fixture f;
  REQUIRE(f.Put(R"({"type":"MOCK"})").status == 201);
  std::string path = f.integration + "/responses/200";
  CHECK(f.c.Call("PUT", path, R"({"selectionPattern":"","responseTemplates":{"application/json":null}})").body ==
        R"({"statusCode":"200","selectionPattern":"","responseTemplates":{"application/json":null}})");
  CHECK(f.c.Call("PUT", path, R"({"selectionPattern":"","responseTemplates":{"application/json":""}})").body ==
        R"({"statusCode":"200","selectionPattern":"","responseTemplates":{"application/json":null}})");
  CHECK(f.c.Call("PUT", path, R"({"selectionPattern":""})").body == R"({"statusCode":"200","selectionPattern":""})");
  CHECK(f.c.Call("PUT", path, R"({"selectionPattern":"2\\d{2}","responseTemplates":{}})").body ==
        R"({"statusCode":"200","selectionPattern":"2\\d{2}","responseTemplates":{}})");
  Reply r = f.c.Call("PUT", path, R"({"responseTemplates":{"123":"{}"}})");
  CHECK(r.status == 400);
  CHECK(r.message == "Validation Result: warnings : [], errors : [Invalid content type specified: 123]");
  r = f.c.Call("PUT", path, R"({"responseTemplates":{"application/json":123}})");
  CHECK(r.error_type == "SerializationException");
  r = f.c.Call("PUT", f.integration + "/responses/wrong", "{}");
  CHECK(r.error_type == "ValidationException");
  CHECK(r.message ==
        "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must "
        "satisfy regular expression pattern: [1-5]\\d\\d");

  // The header mapped below is declared by the method response first, as AWS requires.
  REQUIRE(f.c.Call("PUT", f.c.MethodPath(f.api, f.root, "GET") + "/responses/200",
                   R"({"responseParameters":{"method.response.header.h":false}})").status == 201);
  r = f.c.Call("PATCH", path,
               Patch(R"({"op":"add","path":"/responseTemplates/text~1plain","value":"hi"},)"
                     R"({"op":"replace","path":"/contentHandling","value":"CONVERT_TO_BINARY"},)"
                     R"({"op":"add","path":"/responseParameters/method.response.header.h","value":"'x'"})"));
  CHECK(r.status == 200);
  CHECK(r.Json("responseTemplates") == R"({"text/plain":"hi"})");
  CHECK(r.Str("contentHandling") == "CONVERT_TO_BINARY");
  CHECK(r.Json("responseParameters") == R"({"method.response.header.h":"'x'"})");
  CHECK(f.c.Call("PATCH", path, Patch(R"({"op":"add","path":"/statusCode","value":"201"})")).message ==
        "Invalid patch path /statusCode");
}

TEST_CASE("integration responses name what is missing, as AWS does per operation") {
  Fixture f;
  std::string root_get = f.c.MethodPath(f.api, f.root, "GET");
  Reply r = f.c.Call("PUT", f.c.MethodPath("wrong-api", "dummy", "GET") + "/integration/responses/200", "{}");
  CHECK(r.message == "Invalid Resource identifier specified");
  r = f.c.Call("GET", f.c.MethodPath(f.api, "wrong-resource", "GET") + "/integration/responses/200");
  CHECK(r.message == "Invalid Resource identifier specified");
  r = f.c.Call("PUT", f.c.MethodPath(f.api, f.root, "wrong-method") + "/integration/responses/200", "{}");
  CHECK(r.message == "Invalid Method identifier specified");
  r = f.c.Call("GET", root_get + "/integration/responses/200");
  CHECK(r.message == "Invalid Integration identifier specified");
  REQUIRE(f.Put(R"({"type":"MOCK"})").status == 201);
  r = f.c.Call("GET", root_get + "/integration/responses/201");
  CHECK(r.message == "Invalid Response status code specified");

  REQUIRE(f.c.Call("PUT", root_get + "/integration/responses/200", "{}").status == 201);
  r = f.c.Call("DELETE", f.c.MethodPath(f.api, "bad-resource", "GET") + "/integration/responses/200");
  CHECK(r.message == "Invalid Resource identifier specified");
  r = f.c.Call("DELETE", f.c.MethodPath("bad-api-id", f.root, "GET") + "/integration/responses/200");
  CHECK(r.message == "Invalid Resource identifier specified");
  r = f.c.Call("DELETE", f.c.MethodPath(f.api, f.root, "POST") + "/integration/responses/200");
  CHECK(r.message == "Invalid Integration identifier specified");
  r = f.c.Call("DELETE", root_get + "/integration/responses/201");
  CHECK(r.message == "Invalid Response status code specified");
  r = f.c.Call("DELETE", f.c.MethodPath(f.api, f.root, "WRONG") + "/integration/responses/201");
  CHECK(r.message == "Invalid Integration identifier specified");
  CHECK(f.c.Call("PATCH", root_get + "/integration/responses/201", Patch("")).message ==
        "Invalid Response status code specified");
}

TEST_CASE("an integration maps only method request parameters the method declares, as AWS requires") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  const std::string method = c.MethodPath(api, root, "GET");
  REQUIRE(c.Call("PUT", method,
                 R"({"authorizationType":"NONE","requestParameters":{"method.request.path.petId":true,)"
                 R"("method.request.querystring.q":false,"method.request.header.h":false}})").status == 201);
  const std::string integration = method + "/integration";
  auto put = [&](const std::string& parameters) {
    return c.Call("PUT", integration,
                  R"({"type":"HTTP","httpMethod":"GET","uri":"http://example.com/{id}","requestParameters":)" +
                      parameters + "}");
  };
  const std::string prefix =
      "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression "
      "parameter specified: ";
  // Declared sources (and multivalue forms of declared ones), the body, context,
  // stage variables and static values are fine.
  Reply r = put(R"({"integration.request.path.id":"method.request.path.petId",)"
                R"("integration.request.querystring.q":"method.request.multivaluequerystring.q",)"
                R"("integration.request.header.a":"method.request.header.h",)"
                R"("integration.request.header.b":"method.request.multivalueheader.h",)"
                R"("integration.request.header.c":"context.requestId","integration.request.header.d":"stageVariables.v",)"
                R"("integration.request.header.e":"'static'","integration.request.querystring.f":"method.request.body.a"})");
  CHECK(r.status == 201);
  for (std::string source : {"method.request.path.id", "method.request.querystring.nope", "method.request.header.H",
                             "method.request.multivalueheader.x", "method.request.path."}) {
    CAPTURE(source);
    r = put(R"({"integration.request.header.x":")" + source + R"("})");
    CHECK(r.status == 400);
    CHECK(r.error_type == "BadRequestException");
    CHECK(r.message == prefix + source + "]");
  }
  // The integration stored before is unchanged; an update is checked the same way.
  CHECK(c.Call("GET", integration).Json("requestParameters").find("method.request.path.petId") != std::string::npos);
  r = c.Call("PATCH", integration,
             Patch(R"({"op":"add","path":"/requestParameters/integration.request.header.z","value":"method.request.header.z"})"));
  CHECK(r.status == 400);
  CHECK(r.message == prefix + "method.request.header.z]");
  CHECK(c.Call("GET", integration).Json("requestParameters").find("header.z") == std::string::npos);
}

TEST_CASE("an integration response maps only headers its method response declares, as AWS requires") {
  Fixture f;
  REQUIRE(f.Put(R"({"type":"MOCK"})").status == 201);
  const std::string prefix = "Invalid mapping expression specified: Validation Result: warnings : [], errors : [";
  const std::string path = f.integration + "/responses/200";
  // No method response 200 yet: parameters are refused, none are fine.
  Reply r = f.c.Call("PUT", path, R"({"responseParameters":{"method.response.header.Location":"'x'"}})");
  CHECK(r.status == 400);
  CHECK(r.error_type == "BadRequestException");
  CHECK(r.message == prefix + "No method response exists for method.]");
  CHECK(f.c.Call("PUT", path, R"({"selectionPattern":""})").status == 201);
  REQUIRE(f.c.Call("PUT", f.c.MethodPath(f.api, f.root, "GET") + "/responses/200",
                   R"({"responseParameters":{"method.response.header.Location":true}})").status == 201);
  r = f.c.Call("PUT", path,
               R"({"responseParameters":{"method.response.header.Location":"'x'",)"
               R"("method.response.header.Access-Control-Allow-Origin":"'*'"}})");
  CHECK(r.status == 400);
  CHECK(r.message == prefix + "Invalid mapping expression parameter specified: method.response.header.Access-Control-Allow-Origin]");
  r = f.c.Call("PUT", path, R"({"responseParameters":{"method.response.header.Location":"integration.response.body.url"}})");
  CHECK(r.status == 201);
  r = f.c.Call("PATCH", path,
               Patch(R"({"op":"add","path":"/responseParameters/method.response.header.X-Other","value":"'y'"})"));
  CHECK(r.status == 400);
  CHECK(r.message == prefix + "Invalid mapping expression parameter specified: method.response.header.X-Other]");
  CHECK(f.c.Call("GET", path).Json("responseParameters") ==
        R"({"method.response.header.Location":"integration.response.body.url"})");
}

}  // namespace
}  // namespace apigw::testing
