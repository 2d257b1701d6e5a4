// Gateway responses through DataPlane::handler(): AWS's default bodies byte
// for byte, customized responses, the DEFAULT_4XX / DEFAULT_5XX fallback.
#include <doctest/doctest.h>

#include "data-plane/rest/gateway_response.h"
#include "test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

std::string Deployment(std::string_view gateway_responses) {
  return std::string(R"({"restApi": {"id": "api1"}, "resources": [
    {"id": "r1", "path": "/ok", "resourceMethods": {"GET": {"httpMethod": "GET", "methodIntegration": {
      "type": "MOCK", "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
      "integrationResponses": {"200": {"statusCode": "200"}}}}}},
    {"id": "r2", "path": "/broken", "resourceMethods": {"GET": {"httpMethod": "GET", "methodIntegration": {
      "type": "MOCK", "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
      "integrationResponses": {"201": {"statusCode": "201", "selectionPattern": "201"}}}}}}],
    "gatewayResponses": )") + std::string(gateway_responses) + "}";
}

}  // namespace

TEST_CASE("gateway responses: built-in defaults, byte for byte") {
  using T = GatewayResponseType;
  // Front-door errors: no space after the colon; integration-side 5xx: one
  // space (36-byte {"message": "Internal server error"} in recorded responses).
  CHECK(DefaultGatewayBody(GatewayError::Of(T::kMissingAuthenticationToken)) ==
        R"({"message":"Missing Authentication Token"})");
  CHECK(DefaultGatewayBody(GatewayError::Of(T::kApiConfigurationError)) == R"({"message": "Internal server error"})");
  CHECK(DefaultGatewayBody(GatewayError::Of(T::kApiConfigurationError)).size() == 36);
  CHECK(DefaultGatewayBody(GatewayError::Of(T::kIntegrationTimeout)) == R"({"message": "Endpoint request timed out"})");
  CHECK(DefaultGatewayBody(GatewayError::Of(T::kUnsupportedMediaType)) == R"({"message":"Unsupported Media Type"})");
  CHECK(DefaultGatewayBody(GatewayError::Of(T::kThrottled, "a \"quoted\"\nline")) ==
        R"({"message":"a \"quoted\"\nline"})");
}

TEST_CASE("gateway responses: a customized type sets status, headers and body") {
  Harness h;
  h.Publish(Deployment(R"([{"responseType": "MISSING_AUTHENTICATION_TOKEN", "statusCode": "404",
      "responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'",
                             "gatewayresponse.header.X-Echo": "method.request.header.X-In",
                             "gatewayresponse.header.X-Q": "method.request.querystring.q",
                             "gatewayresponse.header.X-Type": "context.error.responseType"},
      "responseTemplates": {"text/plain": "not here", "application/json": "{\"error\":\"nope\"}"}}])"));
  net::HttpRequest req = Request("GET", "/api1/dev/missing?q=a%0D%0Ab");
  req.headers.Add("X-In", "hello");
  net::HttpResponse r = h.Call(std::move(req));
  CHECK(r.status == 404);
  CHECK(r.body == R"({"error":"nope"})");  // no Accept: application/json
  CHECK(r.headers.GetOr("Content-Type", "") == "application/json");
  CHECK(r.headers.GetOr("Access-Control-Allow-Origin", "") == "*");
  CHECK(r.headers.GetOr("X-Echo", "") == "hello");
  CHECK(r.headers.GetOr("X-Q", "") == "ab");  // CR/LF from the query string stripped
  CHECK(r.headers.GetOr("X-Type", "") == "MISSING_AUTHENTICATION_TOKEN");
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "MissingAuthenticationTokenException");

  net::HttpRequest text = Request("GET", "/api1/dev/missing");
  text.headers.Add("Accept", "text/plain");
  net::HttpResponse t = h.Call(std::move(text));
  CHECK(t.body == "not here");
  CHECK(t.headers.GetOr("Content-Type", "") == "text/plain");

  // Other errors are untouched.
  net::HttpResponse five = h.Call("GET", "/api1/dev/broken");
  CHECK(five.status == 500);
  CHECK(five.body == R"({"message": "Internal server error"})");
}

TEST_CASE("gateway responses: DEFAULT_4XX and DEFAULT_5XX stand in for uncustomized types") {
  Harness h;
  h.Publish(Deployment(R"([
    {"responseType": "DEFAULT_4XX", "statusCode": "400",
     "responseParameters": {"gatewayresponse.header.X-Default": "'4xx'"},
     "responseTemplates": {"application/json": "{\"four\":1}"}},
    {"responseType": "DEFAULT_5XX", "responseParameters": {"gatewayresponse.header.X-Default": "'5xx'"}}])"));
  net::HttpResponse r = h.Call("GET", "/api1/dev/missing");
  CHECK(r.status == 400);  // DEFAULT_4XX's status replaces every 4XX's
  CHECK(r.body == R"({"four":1})");
  CHECK(r.headers.GetOr("X-Default", "") == "4xx");
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "MissingAuthenticationTokenException");

  net::HttpResponse five = h.Call("GET", "/api1/dev/broken");
  CHECK(five.status == 500);  // no status set: the type's own
  CHECK(five.body == R"({"message": "Internal server error"})");  // no template: the built-in body
  CHECK(five.headers.GetOr("X-Default", "") == "5xx");
}

TEST_CASE("gateway responses: AWS's listed defaults (defaultResponse: true) change nothing") {
  Harness h;
  h.Publish(Deployment(R"([{"responseType": "MISSING_AUTHENTICATION_TOKEN", "statusCode": "403",
      "defaultResponse": true, "responseParameters": {},
      "responseTemplates": {"application/json": "{\"message\":$context.error.messageString}"}}])"));
  net::HttpResponse r = h.Call("GET", "/api1/dev/missing");
  CHECK(r.status == 403);
  CHECK(r.body == R"({"message":"Missing Authentication Token"})");
}

TEST_CASE("gateway responses: templates substitute $context and $stageVariables, and nothing else") {
  // "a non-VTL mapping template supporting only simple variable substitutions"
  // with "$context variable values and $stageVariables property values"
  // (developer guide, "Gateway responses for REST APIs in API Gateway").
  Harness h;
  h.Publish(Deployment(R"([{"responseType": "MISSING_AUTHENTICATION_TOKEN",
      "responseTemplates": {"application/json": "{\"m\":$context.error.messageString,\"t\":\"${context.error.responseType}\",\"s\":\"$!context.stage/$!{stageVariables.color}\",\"none\":\"$context.authorizer.message$context.nothing.here$stageVariables.absent\",\"raw\":\"#if($x)$x#end #set($a = 1) $input.params('q') $util.urlEncode('a b') $context ${context.stage $5 $$ $\"}"}}])"),
            R"({"stageName": "dev", "variables": {"color": "blue"}})");
  net::HttpResponse r = h.Call("GET", "/api1/dev/missing?q=1");
  CHECK(r.status == 403);
  CHECK(r.body ==
        R"({"m":"Missing Authentication Token","t":"MISSING_AUTHENTICATION_TOKEN","s":"dev/blue","none":"","raw":"#if($x)$x#end #set($a = 1) $input.params('q') $util.urlEncode('a b') $context ${context.stage $5 $$ $"})");
}

TEST_CASE("gateway responses: substitution reads names as Velocity does") {
  ContextVariables c;
  c.stage = "dev";
  c.http_method = "GET";
  c.identity.source_ip = "10.0.0.1";
  std::vector<std::pair<std::string, std::string>> vars = {{"my-var", "v1"}, {"x", "v2"}};
  CHECK(SubstituteGatewayTemplate("$context.stage.$context.httpMethod/$context.identity.sourceIp", c, vars) ==
        "dev.GET/10.0.0.1");
  CHECK(SubstituteGatewayTemplate("[$context.stage-x][${context.stage}-x]", c, vars) == "[][dev-x]");  // '-' is a name's
  CHECK(SubstituteGatewayTemplate("$stageVariables.my-var|$stageVariables.x.|${stageVariables.x}x", c, vars) ==
        "v1|v2.|v2x");
  CHECK(SubstituteGatewayTemplate("$context.stage()", c, vars) == "dev()");
  CHECK(SubstituteGatewayTemplate("", c, vars).empty());
  CHECK(SubstituteGatewayTemplate("$", c, vars) == "$");
  CHECK(SubstituteGatewayTemplate("a$context.", c, vars) == "a$context.");
}

TEST_CASE("gateway responses: $context.isCanaryRequest only on a stage with a canary") {
  ContextVariables c;
  CHECK(SubstituteGatewayTemplate("[$context.isCanaryRequest]", c, {}) == "[]");
  CHECK_FALSE(c.Lookup("isCanaryRequest").has_value());
  c.is_canary_request = false;
  CHECK(SubstituteGatewayTemplate("[$context.isCanaryRequest]", c, {}) == "[false]");
  c.is_canary_request = true;
  CHECK(SubstituteGatewayTemplate("[$context.isCanaryRequest]", c, {}) == "[true]");
  CHECK(c.Lookup("isCanaryRequest") == std::optional<std::string>("true"));  // context.isCanaryRequest mappings
}
