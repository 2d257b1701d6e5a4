// MOCK integrations end to end through DataPlane::handler(), without sockets:
// routing answers, URL forms, integration response selection, headers every
// response carries, the 10 MB limit.
#include <doctest/doctest.h>

#include <regex>

#include "test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

// GET /pets answers 200 {"pets":[]}; its template picks the status from ?code=
// being absent (static template: statusCode 200).
constexpr char kPets[] = R"({
  "restApi": {"id": "api1", "name": "pets"},
  "resources": [
    {"id": "root", "path": "/"},
    {"id": "r1", "path": "/pets", "resourceMethods": {
      "GET": {"httpMethod": "GET", "methodIntegration": {"type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
        "integrationResponses": {"200": {"statusCode": "200",
          "responseTemplates": {"application/json": "{\"pets\":[]}"}}}}},
      "POST": {"httpMethod": "POST", "methodIntegration": {"type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 404}"},
        "integrationResponses": {
          "200": {"statusCode": "200"},
          "404": {"statusCode": "418", "selectionPattern": "40\\d",
                  "responseParameters": {"method.response.header.X-Static": "'yes'",
                                         "method.response.header.X-Request": "context.requestId"},
                  "responseTemplates": {"application/json": "{\"teapot\":true}"}}}}}}},
    {"id": "r2", "path": "/nodefault", "resourceMethods": {
      "GET": {"httpMethod": "GET", "methodIntegration": {"type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 500}"},
        "integrationResponses": {"200": {"statusCode": "200", "selectionPattern": "2\\d{2}"}}}}}},
    {"id": "r3", "path": "/nostatus", "resourceMethods": {
      "GET": {"httpMethod": "GET", "methodIntegration": {"type": "MOCK",
        "requestTemplates": {"application/json": "{\"hello\": 1}"},
        "integrationResponses": {"200": {"statusCode": "200"}}}}}},
    {"id": "r4", "path": "/notemplate", "resourceMethods": {
      "ANY": {"httpMethod": "ANY", "methodIntegration": {"type": "MOCK",
        "integrationResponses": {"200": {"statusCode": "200"}}}}}},
    {"id": "r5", "path": "/cors", "resourceMethods": {
      "OPTIONS": {"httpMethod": "OPTIONS", "methodIntegration": {"type": "MOCK",
        "requestTemplates": {"application/json": "{ statusCode: 204 }"},
        "integrationResponses": {"204": {"statusCode": "204",
          "responseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"}}}}}}},
    {"id": "r6", "path": "/items/{id}", "resourceMethods": {
      "GET": {"httpMethod": "GET", "methodIntegration": {"type": "MOCK",
        "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
        "integrationResponses": {"200": {"statusCode": "200",
          "responseParameters": {"method.response.header.X-Agent": "context.identity.userAgent"}}}}}}}
  ]
})";

const std::regex kUuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

}  // namespace

TEST_CASE("mock: a matched method answers its template, with AWS's headers") {
  Harness h;
  h.Publish(kPets);
  net::HttpResponse r = h.Call("GET", "/api1/dev/pets");
  CHECK(r.status == 200);
  CHECK(r.body == R"({"pets":[]})");
  CHECK(r.headers.GetOr("Content-Type", "") == "application/json");
  const std::string* id = r.headers.Get("x-amzn-RequestId");
  REQUIRE(id);
  CHECK(std::regex_match(*id, kUuid));
  const std::string* apigw_id = r.headers.Get("x-amz-apigw-id");
  REQUIRE(apigw_id);
  CHECK(apigw_id->size() == 16);
  CHECK_FALSE(r.headers.Has("x-amzn-ErrorType"));
  CHECK_FALSE(r.headers.Has("X-Amzn-Trace-Id"));  // MOCK responses carry none (recorded)

  net::HttpResponse again = h.Call("GET", "/api1/dev/pets/");  // trailing slash
  CHECK(again.status == 200);
  CHECK(*again.headers.Get("x-amzn-RequestId") != *id);
}

TEST_CASE("mock: selectionPattern picks the integration response; its status and mappings apply") {
  Harness h;
  h.Publish(kPets);
  net::HttpResponse r = h.Call("POST", "/api1/dev/pets", "{}");
  CHECK(r.status == 418);
  CHECK(r.body == R"({"teapot":true})");
  CHECK(r.headers.GetOr("X-Static", "") == "yes");
  CHECK(r.headers.GetOr("X-Request", "") == r.headers.GetOr("x-amzn-RequestId", "?"));
}

TEST_CASE("mock: no matching and no default integration response is a 500") {
  Harness h;
  h.Publish(kPets);
  net::HttpResponse r = h.Call("GET", "/api1/dev/nodefault");
  CHECK(r.status == 500);
  CHECK(r.body == R"({"message": "Internal server error"})");
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "InternalServerErrorException");
}

TEST_CASE("mock: a template without an integer statusCode is a 500; no template is a 200") {
  Harness h;
  h.Publish(kPets);
  CHECK(h.Call("GET", "/api1/dev/nostatus").status == 500);
  net::HttpResponse r = h.Call("DELETE", "/api1/dev/notemplate");
  CHECK(r.status == 200);
  CHECK(r.body.empty());
}

TEST_CASE("mock: CDK's CORS preflight template and a static header") {
  Harness h;
  h.Publish(kPets);
  net::HttpResponse r = h.Call("OPTIONS", "/api1/dev/cors");
  CHECK(r.status == 204);
  CHECK(r.headers.GetOr("Access-Control-Allow-Origin", "") == "*");
}

TEST_CASE("routing answers: Missing Authentication Token for unknown paths and methods") {
  Harness h;
  h.Publish(kPets);
  for (auto [method, path] : {std::pair{"GET", "/api1/dev/nothing"}, std::pair{"PUT", "/api1/dev/pets"},
                              std::pair{"GET", "/api1/dev"}, std::pair{"BREW", "/api1/dev/notemplate"}}) {
    CAPTURE(path);
    net::HttpResponse r = h.Call(method, path);
    CHECK(r.status == 403);
    CHECK(r.body == R"({"message":"Missing Authentication Token"})");
    CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "MissingAuthenticationTokenException");
    CHECK(r.headers.GetOr("Content-Type", "") == "application/json");
    CHECK(r.headers.Has("x-amzn-RequestId"));
  }
  net::HttpResponse head = h.Call("HEAD", "/api1/dev/pets");  // HEAD does not fall back to GET
  CHECK(head.status == 403);
  CHECK(head.headers.GetOr("x-amzn-ErrorType", "") == "MissingAuthenticationTokenException");
}

TEST_CASE("routing answers: unknown APIs and stages are Forbidden") {
  Harness h;
  h.Publish(kPets);
  for (const char* path : {"/api1/prod/pets", "/nope/dev/pets", "/", "/api1", "/favicon.ico"}) {
    CAPTURE(path);
    net::HttpResponse r = h.Call("GET", path);
    CHECK(r.status == 403);
    CHECK(r.body == R"({"message":"Forbidden"})");
    CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "ForbiddenException");
    CHECK(r.headers.Has("x-amzn-RequestId"));
  }
  h.plane().sink().Unpublish("api1", "dev");
  CHECK(h.Call("GET", "/api1/dev/pets").status == 403);
}

TEST_CASE("routing answers: disableExecuteApiEndpoint turns the stage away") {
  Harness h;
  std::string doc = kPets;
  const std::string name = R"("name": "pets")";
  doc.replace(doc.find(name), name.size(), name + R"(, "disableExecuteApiEndpoint": true)");
  h.Publish(doc);
  CHECK(h.Call("GET", "/api1/dev/pets").body == R"({"message":"Forbidden"})");
}

TEST_CASE("url forms: every form reaches the same stage") {
  Harness h;
  h.Publish(kPets);
  CHECK(h.Call("GET", "/api1/dev/pets").status == 200);
  CHECK(h.Call("GET", "/_aws/execute-api/api1/dev/pets").status == 200);
  CHECK(h.Call("GET", "/restapis/api1/dev/_user_request_/pets").status == 200);
  net::HttpRequest host_style = Request("GET", "/dev/pets");
  host_style.headers.Set("Host", "api1.execute-api.localhost:4567");
  CHECK(h.Call(std::move(host_style)).status == 200);
  CHECK(h.Call("GET", "/API1/dev/pets").status == 200);  // ids may be cased (custom ids)
  CHECK(h.Call("GET", "/api1/DEV/pets").status == 403);  // stage names are not
}

TEST_CASE("url forms: path parameters and the query string do not confuse routing") {
  Harness h;
  h.Publish(kPets);
  CHECK(h.Call("GET", "/api1/dev/items/a%2Fb?x=/y").status == 200);
  CHECK(h.Call("GET", "/api1/dev/items/%E2%82%AC").status == 200);
  CHECK(h.Call("GET", "/api1/dev/items").status == 403);
}

TEST_CASE("HEAD reaches a HEAD or ANY method (the server then sends no body)") {
  Harness h;
  h.Publish(kPets);
  net::HttpResponse r = h.Call("HEAD", "/api1/dev/notemplate");
  CHECK(r.status == 200);
  CHECK(r.headers.Has("x-amzn-RequestId"));
}

TEST_CASE("a mapped header value never carries CR or LF") {
  Harness h;
  h.Publish(kPets);
  net::HttpRequest req = Request("GET", "/api1/dev/items/1");
  req.headers.Add("User-Agent", "agent\r\nSet-Cookie: evil=1");
  net::HttpResponse r = h.Call(std::move(req));
  CHECK(r.status == 200);
  CHECK(r.headers.GetOr("X-Agent", "") == "agentSet-Cookie: evil=1");
  CHECK_FALSE(r.headers.Has("Set-Cookie"));
}

TEST_CASE("bodies over 10 MB answer 413 Request Too Long") {
  Harness h;
  h.Publish(kPets);
  net::HttpResponse r = h.Call("POST", "/api1/dev/pets", std::string(10 * 1024 * 1024 + 1, 'x'));
  CHECK(r.status == 413);
  CHECK(r.body == R"({"message":"Request Too Long"})");
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "RequestTooLargeException");
  CHECK(h.Call("POST", "/api1/dev/pets", std::string(10 * 1024 * 1024, 'x')).status == 418);

  net::HttpServerOptions options;
  options.max_body_bytes = 1;
  h.plane().ConfigureServer(options);
  CHECK(options.max_body_bytes == 10 * 1024 * 1024);
  REQUIRE(options.too_large);
  net::HttpResponse via_server = options.too_large(Request("POST", "/api1/dev/pets"));
  CHECK(via_server.status == 413);
  CHECK(via_server.headers.Has("x-amzn-RequestId"));
  CHECK(options.too_large(Request("POST", "/zzz/dev/pets")).status == 403);
}

TEST_CASE("publishing swaps stages atomically; old requests keep their stage") {
  Harness h;
  h.Publish(kPets);
  CHECK(h.Call("GET", "/api1/dev/pets").body == R"({"pets":[]})");
  std::string v2 = kPets;
  v2.replace(v2.find(R"({\"pets\":[]})"), 13, R"({\"pets\":[1]})");
  h.Publish(v2);
  CHECK(h.Call("GET", "/api1/dev/pets").body == R"({"pets":[1]})");
  h.Publish(kPets, R"({"stageName":"prod"})", "api1", "prod");
  CHECK(h.Call("GET", "/api1/prod/pets").body == R"({"pets":[]})");
  CHECK(h.Call("GET", "/api1/dev/pets").body == R"({"pets":[1]})");
  h.plane().sink().UnpublishApi("api1");
  CHECK(h.Call("GET", "/api1/prod/pets").status == 403);
  CHECK(h.Call("GET", "/api1/dev/pets").status == 403);
}

TEST_CASE("bad inputs get an answer, never a crash") {
  Harness h;
  h.Publish(kPets);
  std::string many_segments = "/api1/dev";
  for (int i = 0; i < 5000; ++i) many_segments += "/x";
  std::vector<std::string> targets = {
      "/%", "/%%/%%/%%", "/api1/dev/%ZZ", "/api1/dev/items/%", "/api1//pets", "//", "///", "/api1/dev//",
      "/api1/dev/items/" + std::string(100000, 'a'), many_segments, "/api1/dev/pets?&&&==&=&a=%&b=%G1",
      std::string("/api1/dev/items/a\0b", 19), "/api1/dev/items/%00", "/restapis/api1/dev/_user_request_x",
      "/_aws/execute-api", "/_aws/execute-api/api1", "/api1/dev/../../etc/passwd", "*"};
  for (const std::string& target : targets) {
    for (const char* method : {"GET", "POST", "OPTIONS", "", "GET /"}) {
      net::HttpRequest req = Request(method, target, "\xff\xfe{\"statusCode\":");
      req.headers.Add("Content-Type", "");
      req.headers.Add("Accept", "\x01");
      net::HttpResponse r = h.Call(std::move(req));
      CHECK(r.status >= 200);
      CHECK(r.status < 600);
    }
  }
  net::HttpRequest no_host = Request("GET", "/api1/dev/pets");
  no_host.headers.Remove("Host");
  CHECK(h.Call(std::move(no_host)).status == 200);
}
