// passthroughBehavior and request template choice, observed through MOCK: a
// passed-through body is what MOCK reads its statusCode from. Each case is a
// row of the developer guide's table ("Method request behavior for payloads
// without mapping templates for REST APIs in API Gateway").
#include <doctest/doctest.h>

#include "test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

// POST /t: the template (when one applies) answers 200; a passed-through body
// {"statusCode": 201} answers 201; a 415 is UNSUPPORTED_MEDIA_TYPE.
std::string Deployment(std::string_view behavior, std::string_view templates) {
  return std::string(R"({"resources": [{"id": "r", "path": "/t", "resourceMethods": {"POST": {
    "httpMethod": "POST", "methodIntegration": {"type": "MOCK", "passthroughBehavior": ")") +
         std::string(behavior) + R"(", "requestTemplates": )" + std::string(templates) + R"(,
    "integrationResponses": {"200": {"statusCode": "200", "responseTemplates": {"application/json": "template"}},
                             "201": {"statusCode": "201", "selectionPattern": "201"}}}}}}]})";
}

int Post(Harness& h, const char* content_type) {
  net::HttpRequest req = Request("POST", "/api1/dev/t", R"({"statusCode": 201})");
  if (content_type) req.headers.Add("Content-Type", content_type);
  return h.Call(std::move(req)).status;
}

constexpr char kJsonTemplate[] = R"({"application/json": "{\"statusCode\": 200}"})";
constexpr char kXmlTemplate[] = R"({"application/xml": "{\"statusCode\": 200}"})";

}  // namespace

TEST_CASE("passthrough: a template for application/json (example 1)") {
  for (const char* behavior : {"WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"}) {
    CAPTURE(behavior);
    Harness h;
    h.Publish(Deployment(behavior, kJsonTemplate));
    CHECK(Post(h, nullptr) == 200);             // no Content-Type: application/json assumed
    CHECK(Post(h, "application/json") == 200);
    CHECK(Post(h, "application/json; charset=UTF-8") == 200);
    CHECK(Post(h, "Application/JSON") == 200);
  }
  Harness h;
  h.Publish(Deployment("WHEN_NO_MATCH", kJsonTemplate));
  CHECK(Post(h, "application/xml") == 201);  // passed through
  h.Publish(Deployment("WHEN_NO_TEMPLATES", kJsonTemplate));
  CHECK(Post(h, "application/xml") == 415);
  h.Publish(Deployment("NEVER", kJsonTemplate));
  net::HttpRequest req = Request("POST", "/api1/dev/t", "<x/>");
  req.headers.Add("Content-Type", "application/xml");
  net::HttpResponse r = h.Call(std::move(req));
  CHECK(r.status == 415);
  CHECK(r.body == R"({"message":"Unsupported Media Type"})");
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "BadRequestException");
}

TEST_CASE("passthrough: a template for application/xml only (example 2)") {
  Harness h;
  h.Publish(Deployment("WHEN_NO_MATCH", kXmlTemplate));
  CHECK(Post(h, nullptr) == 201);
  CHECK(Post(h, "application/json") == 201);
  CHECK(Post(h, "application/xml") == 200);
  h.Publish(Deployment("WHEN_NO_TEMPLATES", kXmlTemplate));
  CHECK(Post(h, nullptr) == 415);
  CHECK(Post(h, "application/json") == 415);
  CHECK(Post(h, "application/xml") == 200);
  h.Publish(Deployment("NEVER", kXmlTemplate));
  CHECK(Post(h, nullptr) == 415);
  CHECK(Post(h, "application/xml") == 200);
}

TEST_CASE("passthrough: no templates (example 3)") {
  Harness h;
  h.Publish(Deployment("WHEN_NO_MATCH", "{}"));
  CHECK(Post(h, nullptr) == 201);
  CHECK(Post(h, "text/plain") == 201);
  h.Publish(Deployment("WHEN_NO_TEMPLATES", "{}"));
  CHECK(Post(h, nullptr) == 201);
  CHECK(Post(h, "text/plain") == 201);
  h.Publish(Deployment("NEVER", "{}"));
  CHECK(Post(h, nullptr) == 415);
  CHECK(Post(h, "text/plain") == 415);
}

TEST_CASE("response templates: chosen by Accept, else application/json, else the first") {
  Harness h;
  h.Publish(R"({"resources": [{"id": "r", "path": "/t", "resourceMethods": {"GET": {
    "httpMethod": "GET", "methodIntegration": {"type": "MOCK",
    "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
    "integrationResponses": {"200": {"statusCode": "200", "responseTemplates": {
      "text/html": "<p>html</p>", "application/json": "{\"json\":true}", "text/plain": "plain"}}}}}}},
    {"id": "s", "path": "/s", "resourceMethods": {"GET": {
    "httpMethod": "GET", "methodIntegration": {"type": "MOCK",
    "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
    "integrationResponses": {"200": {"statusCode": "200", "responseTemplates": {
      "text/html": "<p>html</p>", "text/plain": "plain"}}}}}}}]})");
  auto get = [&](const char* path, const char* accept) {
    net::HttpRequest req = Request("GET", path);
    if (accept) req.headers.Add("Accept", accept);
    return h.Call(std::move(req));
  };
  net::HttpResponse plain = get("/api1/dev/t", "text/plain");
  CHECK(plain.body == "plain");
  CHECK(plain.headers.GetOr("Content-Type", "") == "text/plain");
  CHECK(get("/api1/dev/t", nullptr).body == R"({"json":true})");
  CHECK(get("/api1/dev/t", "image/png").body == R"({"json":true})");
  net::HttpResponse first = get("/api1/dev/s", "image/png");
  CHECK(first.body == "<p>html</p>");
  CHECK(first.headers.GetOr("Content-Type", "") == "text/html");
}
