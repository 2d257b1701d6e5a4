// Tests of data-plane/rest/compile_stage: hand-made deployment documents in
// the shapes of GetRestApi, GetResource?embed=methods, GetGatewayResponse and
// GetStage compile once into what requests use.
#include <doctest/doctest.h>

#include "data-plane/rest/compile_stage.h"
#include "test_support.h"

using namespace apigw;
using namespace apigw::dp;
using apigw::dp::testing::Doc;

namespace {

constexpr char kDeployment[] = R"({
  "restApi": {"id": "api1", "name": "pets", "binaryMediaTypes": ["image/png"]},
  "deployment": {"id": "dep1"},
  "resources": [
    {"id": "r0", "path": "/"},
    {"id": "r1", "parentId": "r0", "pathPart": "pets", "path": "/pets",
     "resourceMethods": {
       "GET": {"httpMethod": "GET", "authorizationType": "NONE", "apiKeyRequired": true,
               "requestParameters": {"method.request.querystring.limit": false},
               "methodIntegration": {
                 "type": "HTTP", "httpMethod": "POST",
                 "uri": "http://${stageVariables.host}/v1/{id}?x=${stageVariables.missing}",
                 "timeoutInMillis": 10,
                 "passthroughBehavior": "NEVER",
                 "requestParameters": {
                   "integration.request.header.X-Api": "'static'",
                   "integration.request.querystring.q": "method.request.querystring.limit",
                   "integration.request.path.id": "stageVariables.host",
                   "integration.request.header.Bad": "integration.response.header.X",
                   "integration.request.cookie.c": "'x'"
                 },
                 "requestTemplates": {"application/json": "{\"a\": 1}", "application/xml": "$input.body"},
                 "integrationResponses": {
                   "200": {"statusCode": "200"},
                   "404": {"statusCode": "404", "selectionPattern": "4\\d{2}",
                           "responseParameters": {"method.response.header.X-Id": "integration.response.header.Id",
                                                  "method.response.header.Y": "method.request.header.Y"},
                           "responseTemplates": {"text/plain": "not found"}},
                   "500": {"statusCode": "500", "selectionPattern": "5(("}
                 }}},
       "ANY": {"httpMethod": "ANY", "methodIntegration": {"type": "HTTP_PROXY", "uri": "http://h/{proxy}"}},
       "FETCH": {"httpMethod": "FETCH", "methodIntegration": {"type": "MOCK"}}
     }},
    {"id": "r2", "path": "/{proxy+}", "resourceMethods": {"GET": {"httpMethod": "GET"}}}
  ],
  "gatewayResponses": [
    {"responseType": "MISSING_AUTHENTICATION_TOKEN", "statusCode": "404",
     "responseParameters": {"gatewayresponse.header.X-From": "'gw'"},
     "responseTemplates": {"application/json": "{\"custom\":true}"}, "defaultResponse": false},
    {"responseType": "THROTTLED", "statusCode": "429", "defaultResponse": true,
     "responseTemplates": {"application/json": "{\"message\":$context.error.messageString}"}},
    {"responseType": "NOT_A_TYPE", "statusCode": "400"}
  ]
})";

constexpr char kStage[] = R"({"stageName": "dev", "deploymentId": "dep1",
                              "variables": {"host": "backend.local:8080"}})";

std::shared_ptr<const CompiledStage> Compile(std::string_view deployment, std::string_view stage = kStage) {
  PublishedStage p;
  p.api_id = "api1";
  p.stage_name = "dev";
  p.region = "us-east-1";
  p.account_id = "000000000000";
  p.deployment = Doc(deployment);
  p.stage = Doc(stage);
  Logger log(LogLevel::kOff);
  auto compiled = CompileRestStage(p, log);
  REQUIRE(compiled.ok());
  return compiled.value();
}

}  // namespace

TEST_CASE("compile: resources, methods and routes") {
  auto stage = Compile(kDeployment);
  CHECK(stage->api_name == "pets");
  CHECK(stage->deployment_id == "dep1");
  CHECK(stage->binary_media_types.types() == std::vector<std::string>{"image/png"});
  REQUIRE(stage->resources.size() == 3);
  const CompiledResource& pets = stage->resources[1];
  CHECK(pets.path == "/pets");
  REQUIRE(pets.methods.size() == 2);  // FETCH is not a method API Gateway has
  CHECK(pets.FindMethod("GET")->http_method == "GET");
  CHECK(pets.FindMethod("DELETE")->http_method == "ANY");
  CHECK(pets.FindMethod("GET")->api_key_required);
  CHECK(pets.FindMethod("GET")->request_parameters.at("method.request.querystring.limit") == false);

  auto m = stage->routes.Find("GET", "/pets/");
  REQUIRE(m);
  CHECK(m->resource_index == 1);
  CHECK(stage->routes.Find("PUT", "/pets")->resource_index == 1);
  CHECK(stage->routes.Find("GET", "/a/b")->resource_index == 2);
  CHECK_FALSE(stage->routes.Find("POST", "/a/b"));
  CHECK_FALSE(stage->routes.Find("GET", "/"));  // the root has no methods
  CHECK_FALSE(stage->resources[2].methods[0].integration);  // a method without integration
}

TEST_CASE("compile: integration settings, URI pieces and stage variables") {
  auto stage = Compile(kDeployment);
  const CompiledIntegration& in = *stage->resources[1].FindMethod("GET")->integration;
  CHECK(in.type == IntegrationType::kHttp);
  CHECK(in.http_method == "POST");
  CHECK(in.timeout_ms == 50);  // clamped to the documented 50..29000
  CHECK(in.passthrough == PassthroughBehavior::kNever);
  REQUIRE(in.uri.size() == 3);
  CHECK(in.uri[0].text == "http://backend.local:8080/v1/");
  CHECK(in.uri[1].is_placeholder);
  CHECK(in.uri[1].text == "id");
  CHECK(in.uri[2].text == "?x=");  // a missing stage variable renders empty
  CHECK(in.uri_has_placeholders);

  // Refused: a response-side source on the request side, an unknown location.
  REQUIRE(in.request_parameters.size() == 3);
  CHECK(in.request_parameters[0].target == ParameterMapping::Target::kHeader);
  CHECK(in.request_parameters[0].name == "X-Api");
  CHECK(in.request_parameters[0].source.name == "static");
  CHECK(in.request_parameters[1].target == ParameterMapping::Target::kQueryString);
  CHECK(in.request_parameters[2].target == ParameterMapping::Target::kPath);
  CHECK(in.request_parameters[2].source.kind == ValueSource::Kind::kStatic);
  CHECK(in.request_parameters[2].source.name == "backend.local:8080");

  REQUIRE(in.request_templates.size() == 2);
  CHECK(in.request_templates[0].first == "application/json");
  CHECK(in.request_templates[0].second.is_static());
  CHECK_FALSE(in.request_templates[1].second.is_static());

  REQUIRE(in.responses.size() == 3);
  REQUIRE(in.default_response == 0);
  CHECK(in.responses[1].status == 404);
  CHECK(bool(in.responses[1].pattern));
  CHECK_FALSE(bool(in.responses[2].pattern));  // "5((" does not compile: never matches
  REQUIRE(in.responses[1].response_parameters.size() == 1);  // method.request.* is not a response source
  CHECK(in.responses[1].response_parameters[0].name == "X-Id");

  const CompiledIntegration& any = *stage->resources[1].FindMethod("ANY")->integration;
  CHECK(any.type == IntegrationType::kHttpProxy);
  CHECK(any.timeout_ms == 29000);
  CHECK(any.passthrough == PassthroughBehavior::kWhenNoMatch);
}

TEST_CASE("compile: only customized gateway responses are kept") {
  auto stage = Compile(kDeployment);
  const auto& mat = stage->gateway_responses[int(GatewayResponseType::kMissingAuthenticationToken)];
  REQUIRE(mat);
  CHECK(mat->status == 404);
  REQUIRE(mat->headers.size() == 1);
  CHECK(mat->headers[0].first == "X-From");
  CHECK(mat->templates.size() == 1);
  CHECK_FALSE(stage->gateway_responses[int(GatewayResponseType::kThrottled)]);
}

TEST_CASE("compile: bad documents fail or degrade, never crash") {
  PublishedStage p;
  p.api_id = "api1";
  p.stage_name = "dev";
  Logger log(LogLevel::kOff);
  CHECK_FALSE(CompileRestStage(p, log).ok());  // no deployment at all
  p.deployment = Doc(R"({"resources": {"not": "a list"}})");
  CHECK_FALSE(CompileRestStage(p, log).ok());
  p.deployment = Doc(R"([1,2,3])");
  CHECK_FALSE(CompileRestStage(p, log).ok());

  auto odd = Compile(R"({"resources": [1, "x", {"path": "/a", "resourceMethods": {"GET": 5,
      "POST": {"methodIntegration": {"type": "TELEPATHY"}},
      "PUT": {"methodIntegration": {"type": "MOCK", "integrationResponses": {"abc": {"statusCode": "abc"}},
                                     "requestTemplates": {"application/json": null}}}}}],
      "gatewayResponses": "nope"})",
                     R"({"variables": 3})");
  REQUIRE(odd->resources.size() == 1);
  CHECK(odd->resources[0].methods.size() == 2);
  CHECK_FALSE(odd->resources[0].FindMethod("POST")->integration);
  const CompiledIntegration& put = *odd->resources[0].FindMethod("PUT")->integration;
  CHECK(put.responses[0].status == 500);
  CHECK(put.request_templates[0].second.source().empty());
}
