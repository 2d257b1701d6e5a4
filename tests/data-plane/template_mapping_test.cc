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
