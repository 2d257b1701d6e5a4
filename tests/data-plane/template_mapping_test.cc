// Mapping templates rendered with the VTL engine: $context and
// $stageVariables, the MOCK status chosen by a template, responseOverride,
// and template failures answering 500.
#include <doctest/doctest.h>

#include "test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

std::string Method(std::string_view path, std::string_view request_template, std::string_view response_template,
                   std::string_view responses_extra = "") {
  return R"({"id": "r)" + std::to_string(path.size()) + R"(", "path": ")" + std::string(path) +
         R"(", "resourceMethods": {"GET": {"httpMethod": "GET", "methodIntegration": {"type": "MOCK",
      "requestTemplates": {"application/json": )" + std::string(request_template) + R"(},
      "integrationResponses": {"200": {"statusCode": "200", "responseTemplates": {"application/json": )" +
         std::string(response_template) + R"(}})" + std::string(responses_extra) + "}}}}}";
}

}  // namespace

TEST_CASE("templates: $context and $stageVariables") {
  Harness h;
  h.Publish(R"({"resources": [)" +
                Method("/ctx/{id}", R"("{\"statusCode\": 200}")",
                       R"("$context.httpMethod $context.resourcePath $context.path $context.stage $context.apiId $context.requestId $stageVariables.color")") +
                "]}",
            R"({"stageName": "dev", "variables": {"color": "blue"}})");
  net::HttpResponse r = h.Call("GET", "/api1/dev/ctx/7");
  CHECK(r.status == 200);
  CHECK(r.body == "GET /ctx/{id} /dev/ctx/7 dev api1 " + r.headers.GetOr("x-amzn-RequestId", "?") + " blue");
}

TEST_CASE("templates: the request template decides the MOCK status") {
  Harness h;
  h.Publish(R"({"resources": [)" +
            Method("/s", R"("#if($context.httpMethod == \"GET\"){\"statusCode\": 404}#else{\"statusCode\": 200}#end")",
                   R"("ok")", R"(, "404": {"statusCode": "404", "selectionPattern": "404",
                                    "responseTemplates": {"application/json": "missing"}})") +
            "]}");
  net::HttpResponse r = h.Call("GET", "/api1/dev/s");
  CHECK(r.status == 404);
  CHECK(r.body == "missing");
}

TEST_CASE("templates: responseOverride sets the status and headers") {
  Harness h;
  h.Publish(R"({"resources": [)" +
            Method("/o", R"("{\"statusCode\": 200}")",
                   R"("#set($context.responseOverride.status = 202)#set($context.responseOverride.header.X-Over = \"yes\")done")") +
            "]}");
  net::HttpResponse r = h.Call("GET", "/api1/dev/o");
  CHECK(r.status == 202);
  CHECK(r.headers.GetOr("X-Over", "") == "yes");
  CHECK(r.body == "done");
}

TEST_CASE("templates: one that does not parse answers 500, never crashes") {
  Harness h;
  h.Publish(R"({"resources": [)" + Method("/bad", R"("#foreach(")", R"("x")") + "," +
            Method("/badresp", R"("{\"statusCode\": 200}")", R"("#if($x")") + "]}");
  for (const char* path : {"/api1/dev/bad", "/api1/dev/badresp"}) {
    CAPTURE(path);
    net::HttpResponse r = h.Call("GET", path);
    CHECK(r.status == 500);
    CHECK(r.body == R"({"message": "Internal server error"})");
  }
}

TEST_CASE("templates: a customized gateway response renders $context.error") {
  Harness h;
  h.Publish(R"({"resources": [], "gatewayResponses": [{"responseType": "DEFAULT_4XX",
      "responseTemplates": {"application/json": "{\"error\": $context.error.messageString, \"type\": \"$context.error.responseType\", \"stage\": \"$context.stage\"}"}}]})");
  net::HttpResponse r = h.Call("GET", "/api1/dev/nothing");
  CHECK(r.status == 403);
  CHECK(r.body == R"({"error": "Missing Authentication Token", "type": "MISSING_AUTHENTICATION_TOKEN", "stage": "dev"})");
}

TEST_CASE("templates: $input reads the body and the method request's parameters") {
  Harness h;
  h.Publish(R"({"resources": [)" +
            Method("/in/{id}", R"("{\"statusCode\": $input.json('$.code')}")",
                   R"t("$input.params('id') $input.params('q') $input.params('X-H') $input.params().path.id $util.escapeJavaScript($input.params('q'))")t",
                   R"t(, "201": {"statusCode": "201", "selectionPattern": "201",
                        "responseTemplates": {"application/json": "created $input.params('id')"}})t") +
            "]}");
  net::HttpRequest req = Request("GET", "/api1/dev/in/7?q=a%22b", R"({"code": 200})");
  req.headers.Add("X-H", "hv");
  net::HttpResponse r = h.Call(std::move(req));
  CHECK(r.status == 200);
  CHECK(r.body == R"(7 a"b hv 7 a\"b)");
  CHECK(h.Call("GET", "/api1/dev/in/9", R"({"code": 201})").body == "created 9");
  // A body that is not JSON: $input.json fails and AWS answers 400 with the parse error.
  net::HttpResponse bad = h.Call("GET", "/api1/dev/in/9", "{not json");
  CHECK(bad.status == 400);
  CHECK(bad.body.rfind(R"({"message": "Could not parse request body into json: )", 0) == 0);
  CHECK(bad.headers.GetOr("x-amzn-ErrorType", "") == "BadRequestException");
}

// Recorded on AWS (LocalStack's test_apigateway_integrations.snapshot.json):
// the request and response templates of one request share one $context.
TEST_CASE("templates: the response template sees the $context the request template changed") {
  Harness h;
  // test_integration_mock_with_request_overrides_in_response_template
  const std::string request_template =
      R"("#set($body = $util.base64Decode($input.params('testPath')))\n#set($context.requestOverride.path.body = $body)\n{\n  \"statusCode\": 200\n}\n")";
  const std::string response_template =
      R"("#set($body = $util.parseJson($context.requestOverride.path.body))\n#set($inputBody = $body.message)\n#if($inputBody == \"path1\")\n{\"response\": \"path was path one\"}\n#elseif($inputBody == \"path2\")\n{\"response\": \"path was path two\"}\n#else\n{\"response\": \"this is the else clause\"}\n#end\n")";
  h.Publish(R"({"resources": [)" + Method("/{testPath}", request_template, response_template) + "]}");
  // base64 of {"message": "path1"}, {"message": "path2"}, {"message": "whatever"}
  CHECK(h.Call("GET", "/api1/dev/eyJtZXNzYWdlIjogInBhdGgxIn0=").body == "{\"response\": \"path was path one\"}\n");
  CHECK(h.Call("GET", "/api1/dev/eyJtZXNzYWdlIjogInBhdGgyIn0=").body == "{\"response\": \"path was path two\"}\n");
  CHECK(h.Call("GET", "/api1/dev/eyJtZXNzYWdlIjogIndoYXRldmVyIn0=").body ==
        "{\"response\": \"this is the else clause\"}\n");
}

TEST_CASE("templates: a responseOverride set by the request template applies, with or without a response template") {
  // test_integration_mock_with_response_override_in_request_template[True] and [False]
  const std::string request_template =
      R"("#set($context.responseOverride.status = 444)\n#set($context.responseOverride.header.foo = \"bar\")\n#set($context.responseOverride.custom = \"is also passed around\")\n{\"statusCode\": 200}")";
  Harness h;
  h.Publish(R"({"resources": [)" +
            Method("/with", request_template,
                   R"("{\"statusOverride\": \"$context.responseOverride.status\", \"fooHeader\": \"$context.responseOverride.header.foo\", \"custom\": \"$context.responseOverride.custom\"}")") +
            R"(, {"id": "r2", "path": "/without", "resourceMethods": {"GET": {"httpMethod": "GET",
                 "methodIntegration": {"type": "MOCK", "requestTemplates": {"application/json": )" +
            request_template + R"(}, "integrationResponses": {"200": {"statusCode": "200", "selectionPattern": "2\\d{2}"}}}}}}]})");
  net::HttpResponse with = h.Call("GET", "/api1/dev/with");
  CHECK(with.status == 444);
  CHECK(with.headers.GetOr("foo", "") == "bar");
  CHECK(with.body == R"({"statusOverride": "444", "fooHeader": "bar", "custom": "is also passed around"})");
  net::HttpResponse without = h.Call("GET", "/api1/dev/without");
  CHECK(without.status == 444);
  CHECK(without.headers.GetOr("foo", "") == "bar");
  CHECK(without.body == "");
}

TEST_CASE("templates: requestOverride maps take #set by key, put() and [] on $context") {
  // test_integration_mock_with_vtl_map_assignation
  Harness h;
  h.Publish(R"({"resources": [)" +
            Method("/m",
                   R"("#set($paramName = \"foo\")\n#set($context.requestOverride.querystring[$paramName] = \"bar\")\n#set($paramPutName = \"putfoo\")\n$context.requestOverride.querystring.put($paramPutName, \"putBar\")\n#set($context[\"requestOverride\"].querystring[\"nestedfoo\"] = \"nestedFoo\")\n{\"statusCode\": 200}")",
                   R"("{\"value\": \"$context.requestOverride.querystring[\"foo\"]\", \"value2\": \"$context.requestOverride.querystring[\"putfoo\"]\", \"value3\": \"$context.requestOverride.querystring[\"nestedfoo\"]\"}")") +
            "]}");
  net::HttpResponse r = h.Call("GET", "/api1/dev/m");
  CHECK(r.status == 200);
  CHECK(r.body == R"({"value": "bar", "value2": "putBar", "value3": "nestedFoo"})");
}

TEST_CASE("templates: $context and $context.identity list their keys as AWS's HashMaps do") {
  // Recorded on AWS (test_apigateway_sqs.snapshot.json, test_sqs_amz_json_protocol):
  // the keys in this order, and the nested maps print as nothing.
  Harness h;
  h.Publish(R"({"resources": [)" +
            Method("/keys", R"("{\"statusCode\": 200}")",
                   R"("#foreach($key in $context.keySet())$key=[$context.get($key).length()]#if($foreach.hasNext),#end#end|#foreach($key in $context.identity.keySet())$key#if($foreach.hasNext),#end#end|[$context.identity][$context.requestOverride][$context.requestOverride.header][$context.responseOverride]|#foreach($key in $context.requestOverride.keySet())$key #end|#foreach($key in $context.responseOverride.keySet())$key#end|#foreach($key in $context.authorizer.keySet())$key#end")") +
            "]}");
  net::HttpRequest req = Request("GET", "/api1/dev/keys");
  req.headers.Add("User-Agent", "python/requests/tests");
  net::HttpResponse r = h.Call(std::move(req));
  CHECK(r.status == 200);
  std::string keys = r.body.substr(0, r.body.find('|'));
  std::string names;
  for (const std::string& part : {keys}) {
    size_t at = 0;
    while (at < part.size()) {
      size_t eq = part.find('=', at), comma = part.find(',', at);
      names += part.substr(at, eq - at) + " ";
      at = comma == std::string::npos ? part.size() : comma + 1;
    }
  }
  CHECK(names ==
        "resourceId resourcePath httpMethod extendedRequestId requestTime path accountId protocol requestOverride "
        "stage domainPrefix requestTimeEpoch requestId identity domainName deploymentId responseOverride apiId ");
  CHECK(keys.find("identity=[]") != std::string::npos);  // a map has no length(): nothing
  CHECK(keys.find("stage=[3]") != std::string::npos);
  CHECK(r.body.substr(r.body.find('|')) ==
        "|cognitoIdentityPoolId,accountId,cognitoIdentityId,caller,sourceIp,principalOrgId,accessKey,"
        "cognitoAuthenticationType,cognitoAuthenticationProvider,userArn,userAgent,user|[][][][]|path header "
        "querystring |header|");
}

TEST_CASE("templates: overriding the same parameter twice in a template answers 500") {
  // "If you try to override the same parameter multiple times, API Gateway
  // returns a 5XX response" (developer guide, "Override your API's request and
  // response parameters and status codes").
  Harness h;
  h.Publish(R"({"resources": [)" +
            Method("/twice-req",
                   R"("#set($context.requestOverride.header.X = \"1\")#set($context.requestOverride.header.X = \"2\"){\"statusCode\": 200}")",
                   R"("ok")") +
            "," +
            Method("/twice-resp", R"("{\"statusCode\": 200}")",
                   R"("#set($context.responseOverride.status = 400)#if(true)#set($context.responseOverride.status = 404)#end")") +
            "," +
            Method("/once", R"("#set($context.responseOverride.status = 201){\"statusCode\": 200}")",
                   R"("#set($context.responseOverride.status = 202)ok")") +
            "]}");
  for (const char* path : {"/api1/dev/twice-req", "/api1/dev/twice-resp"}) {
    CAPTURE(path);
    net::HttpResponse r = h.Call("GET", path);
    CHECK(r.status == 500);
    CHECK(r.body == R"({"message": "Internal server error"})");
  }
  // Once per template: the response template may set what the request template set.
  net::HttpResponse once = h.Call("GET", "/api1/dev/once");
  CHECK(once.status == 202);
  CHECK(once.body == "ok");
}
