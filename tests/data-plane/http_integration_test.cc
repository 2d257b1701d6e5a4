// HTTP and HTTP_PROXY integrations against a local backend (a net::HttpServer
// on port 0): what the backend receives, what the client gets back, timeouts,
// unreachable endpoints, and encoding of path values.
#include <doctest/doctest.h>

#include <atomic>
#include <map>

#include "backend_server.h"
#include "test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

// `/{proxy+}` forwards to origin + proxy_path; `/items/{id}` to origin + /items/{id}.
std::string ProxyDeployment(const std::string& origin, std::string_view proxy_path = "/base/{proxy}") {
  std::string uri = origin + std::string(proxy_path);
  return R"({"resources": [
    {"id": "p", "path": "/{proxy+}", "resourceMethods": {"ANY": {"httpMethod": "ANY", "methodIntegration": {
      "type": "HTTP_PROXY", "httpMethod": "ANY", "uri": ")" + uri + R"(",
      "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy",
                            "integration.request.header.X-Mapped": "'m'",
                            "integration.request.querystring.added": "method.request.header.X-Add"}}}}},
    {"id": "i", "path": "/items/{id}", "resourceMethods": {"GET": {"httpMethod": "GET", "methodIntegration": {
      "type": "HTTP_PROXY", "httpMethod": "GET", "uri": ")" + origin + R"(/items/{id}"}}}}
  ]})";
}

}  // namespace

TEST_CASE("HTTP_PROXY: method, path, query, headers and body reach the backend; its answer comes back") {
  Backend backend;
  Harness h;
  h.Publish(ProxyDeployment(backend.Url()));
  net::HttpRequest req = Request("PATCH", "/api1/dev/a/b%20c?x=1&x=2&sp=a%20b", R"({"in":1})");
  req.headers.Add("Content-Type", "application/json");
  req.headers.Add("X-Custom", "c");
  req.headers.Add("X-Add", "from-header");
  req.headers.Add("Connection", "keep-alive");
  req.headers.Add("X-Amzn-Trace-Id", "Root=1-5e1b4151-5ac6c58f5b5daa6532e4f8c5");
  net::HttpResponse r = h.Call(std::move(req));

  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->method == "PATCH");
  CHECK(seen->path == "/base/a/b%20c");
  CHECK(seen->query == "x=1&x=2&sp=a%20b&added=from-header");
  CHECK(seen->body == R"({"in":1})");
  CHECK(seen->headers.GetOr("X-Custom", "") == "c");
  CHECK(seen->headers.GetOr("X-Mapped", "") == "m");
  CHECK(seen->headers.GetOr("Content-Type", "") == "application/json");
  CHECK(seen->headers.GetOr("X-Amzn-Apigateway-Api-Id", "") == "api1");
  CHECK(seen->headers.GetOr("X-Amzn-Trace-Id", "").rfind("Root=1-5e1b4151-5ac6c58f5b5daa6532e4f8c5;Parent=", 0) == 0);
  CHECK(seen->headers.GetOr("User-Agent", "") == "AmazonAPIGateway_api1");  // the client sent none
  CHECK(seen->headers.GetOr("Host", "").find("127.0.0.1") == 0);  // the backend's host, not the client's

  CHECK(r.status == 200);
  CHECK(r.body == R"({"ok":true})");
  CHECK(r.headers.GetOr("X-Back", "") == "b");
  CHECK(r.headers.GetOr("Content-Type", "") == "application/json");
  CHECK(r.headers.GetOr("x-amzn-Remapped-Server", "") == "backend");
  CHECK(r.headers.Has("x-amzn-Remapped-Content-Length"));
  CHECK_FALSE(r.headers.Has("Server"));
  CHECK_FALSE(r.headers.Has("Content-Length"));  // the data port's server writes its own
  CHECK(r.headers.Has("x-amzn-RequestId"));
}

TEST_CASE("HTTP_PROXY: the backend's status passes through") {
  Backend backend;
  Harness h;
  h.Publish(ProxyDeployment(backend.Url(), "/{proxy}"));
  net::HttpResponse r = h.Call("POST", "/api1/dev/status/404");
  CHECK(r.status == 404);
  CHECK(r.body == R"({"e":1})");
}

TEST_CASE("HTTP_PROXY: path values cannot climb out of the integration's path") {
  Backend backend;
  Harness h;
  h.Publish(ProxyDeployment(backend.Url()));
  h.Call("GET", "/api1/dev/a/../../admin");
  CHECK(backend.Last()->path == "/base/a/%2E%2E/%2E%2E/admin");
  h.Call("GET", "/api1/dev/..%2F..%2Fadmin");
  CHECK(backend.Last()->path == "/base/%2E%2E/%2E%2E/admin");
  h.Call("GET", "/api1/dev/items/..%2Fsecret");
  CHECK(backend.Last()->path == "/items/..%2Fsecret");
  h.Call("GET", "/api1/dev/items/..");
  CHECK(backend.Last()->path == "/items/%2E%2E");
}

TEST_CASE("HTTP: mapped request only, template body, selectionPattern, response mappings") {
  Backend backend;
  Harness h;
  h.Publish(R"({"resources": [{"id": "h", "path": "/h/{id}", "resourceMethods": {"POST": {"httpMethod": "POST",
    "methodIntegration": {"type": "HTTP", "httpMethod": "PUT", "uri": ")" + backend.Url("/status/{code}") + R"json(",
      "requestParameters": {"integration.request.path.code": "method.request.path.id",
                            "integration.request.header.X-Mapped": "method.request.querystring.v",
                            "integration.request.querystring.q": "method.request.header.X-Q",
                            "integration.request.querystring.multi": "method.request.multivaluequerystring.m"},
      "requestTemplates": {"application/json": "{\"fixed\":1}"},
      "integrationResponses": {
        "200": {"statusCode": "200"},
        "4xx": {"statusCode": "422", "selectionPattern": "4\\d{2}",
                "responseParameters": {"method.response.header.X-From": "integration.response.header.X-Back",
                                       "method.response.header.X-Body": "integration.response.body.e",
                                       "method.response.header.X-Static": "'s'",
                                       "method.response.header.X-Len": "integration.response.body.length()"}}}}}}}]})json");
  net::HttpRequest req = Request("POST", "/api1/dev/h/409?v=line%0D%0ASet-Cookie:%20x&m=1&m=2", R"({"client":true})");
  req.headers.Add("Content-Type", "application/json");
  req.headers.Add("X-Q", "qq");
  req.headers.Add("X-Not-Forwarded", "1");
  net::HttpResponse r = h.Call(std::move(req));

  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->method == "PUT");
  CHECK(seen->path == "/status/409");
  CHECK(seen->query == "q=qq&multi=1&multi=2");
  CHECK(seen->body == R"({"fixed":1})");
  CHECK(seen->headers.GetOr("X-Mapped", "") == "lineSet-Cookie: x");
  CHECK_FALSE(seen->headers.Has("Set-Cookie"));
  CHECK_FALSE(seen->headers.Has("X-Not-Forwarded"));
  CHECK(seen->headers.GetOr("Accept", "") == "application/json");
  CHECK(seen->headers.GetOr("Content-Type", "") == "application/json");
  CHECK(seen->headers.GetOr("User-Agent", "") == "AmazonAPIGateway_api1");

  CHECK(r.status == 422);
  CHECK(r.body == R"({"e":1})");  // no response template: passed through
  CHECK(r.headers.GetOr("X-From", "") == "b");
  CHECK(r.headers.GetOr("X-Body", "") == "1");
  CHECK(r.headers.GetOr("X-Static", "") == "s");
  CHECK(r.headers.GetOr("X-Len", "") == "1");  // a JSONPath function: the body object's size
  CHECK_FALSE(r.headers.Has("X-Back"));  // only mapped headers reach the client
  CHECK(r.headers.Has("X-Amzn-Trace-Id"));

  // A status no pattern matches takes the default response (recorded: 400 -> 200).
  net::HttpResponse d = h.Call("POST", "/api1/dev/h/503", "{}");
  CHECK(d.status == 200);
}

TEST_CASE("HTTP: a mapping may not set Content-Length") {
  Backend backend;
  Harness h;
  h.Publish(R"({"resources": [{"id": "h", "path": "/h", "resourceMethods": {"GET": {"httpMethod": "GET",
    "methodIntegration": {"type": "HTTP", "httpMethod": "GET", "uri": ")" + backend.Url("/x") + R"(",
      "requestParameters": {"integration.request.header.Content-Length": "'5'"},
      "integrationResponses": {"200": {"statusCode": "200"}}}}}}]})");
  net::HttpResponse r = h.Call("GET", "/api1/dev/h");
  CHECK(r.status == 500);
  CHECK(r.body == R"({"message": "Internal server error"})");
  CHECK(backend.count() == 0);
}

TEST_CASE("integration timeout answers 504 Endpoint request timed out") {
  Backend backend;
  Harness h;
  h.Publish(R"({"resources": [{"id": "s", "path": "/s", "resourceMethods": {"GET": {"httpMethod": "GET",
    "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "GET", "uri": ")" + backend.Url("/slow") + R"(",
      "timeoutInMillis": 50}}}}]})");
  net::HttpResponse r = h.Call("GET", "/api1/dev/s");
  CHECK(r.status == 504);
  CHECK(r.body == R"({"message": "Endpoint request timed out"})");
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "InternalServerErrorException");
}

TEST_CASE("an unreachable or invalid endpoint answers 500 Internal server error") {
  Harness h;
  h.Publish(R"({"resources": [
    {"id": "u", "path": "/u", "resourceMethods": {"GET": {"httpMethod": "GET",
      "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "GET", "uri": "http://127.0.0.1:1/x"}}}},
    {"id": "v", "path": "/v", "resourceMethods": {"GET": {"httpMethod": "GET",
      "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://${stageVariables.nothing}"}}}}
  ]})");
  for (const char* path : {"/api1/dev/u", "/api1/dev/v"}) {
    CAPTURE(path);
    net::HttpResponse r = h.Call("GET", path);
    CHECK(r.status == 500);
    CHECK(r.body == R"({"message": "Internal server error"})");
    CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "InternalServerErrorException");
  }
}

TEST_CASE("a slow integration does not delay other requests") {
  Backend backend;
  Harness h;
  h.Publish(R"({"resources": [
    {"id": "s", "path": "/s", "resourceMethods": {"GET": {"httpMethod": "GET",
      "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "GET", "uri": ")" + backend.Url("/slow") + R"("}}}},
    {"id": "f", "path": "/f", "resourceMethods": {"GET": {"httpMethod": "GET",
      "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "GET", "uri": ")" + backend.Url("/fast") + R"("}}}}
  ]})");
  auto slow = std::make_shared<CapturingWriter>();
  h.plane().handler()(Request("GET", "/api1/dev/s"), slow);
  net::HttpResponse fast = h.Call("GET", "/api1/dev/f");
  CHECK(fast.status == 200);
  CHECK(slow->sends() == 0);
  REQUIRE(backend.WaitForCount(2));
  backend.Release();
  auto late = slow->Wait();
  REQUIRE(late);
  CHECK(late->body == "late");
}

TEST_CASE("HTTP: a request template builds the body; a response template and override shape the answer") {
  Backend backend;
  Harness h;
  h.Publish(R"({"resources": [{"id": "h", "path": "/t/{id}", "resourceMethods": {"POST": {"httpMethod": "POST",
    "methodIntegration": {"type": "HTTP", "httpMethod": "POST", "uri": ")" + backend.Url("/echo") + R"json(",
      "requestTemplates": {"application/json": "{\"id\": \"$input.params('id')\", \"name\": $input.json('$.name'), \"stage\": \"$context.stage\"}#set($context.requestOverride.header.X-Over = 'o')"},
      "integrationResponses": {"200": {"statusCode": "200", "responseTemplates": {
        "application/json": "#set($context.responseOverride.status = 299){\"backend\": $input.json('$.ok')}"}}}}}}}]})json");
  net::HttpRequest req = Request("POST", "/api1/dev/t/42", R"({"name": "rex", "other": 1})");
  req.headers.Add("Content-Type", "application/json");
  net::HttpResponse r = h.Call(std::move(req));
  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->body == R"({"id": "42", "name": "rex", "stage": "dev"})");
  CHECK(seen->headers.GetOr("X-Over", "") == "o");
  CHECK(r.status == 299);
  CHECK(r.body == R"({"backend": true})");
}

// Recorded against AWS (test_apigateway_http.snapshot.json,
// test_http_integration_with_lambda): an HTTP_PROXY backend received an
// X-Forwarded-For other than API Gateway's own address, a non-proxy HTTP one
// none; the recorded AWS_PROXY events carry X-Forwarded-For, -Port and -Proto.
TEST_CASE("HTTP_PROXY: the backend gets the forwarding headers of the method request; HTTP does not") {
  Backend backend;
  Harness h;
  h.Publish(ProxyDeployment(backend.Url()));
  h.Call("GET", "/api1/dev/a");
  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->headers.GetAll("X-Forwarded-For") == std::vector<std::string>{"127.0.0.1"});
  CHECK(seen->headers.GetOr("X-Forwarded-Port", "") == "4567");  // the client's Host: localhost:4567
  CHECK(seen->headers.GetOr("X-Forwarded-Proto", "") == "http");

  // A list the client sent gets the client's address appended.
  net::HttpRequest req = Request("GET", "/api1/dev/a");
  req.headers.Add("X-Forwarded-For", "203.0.113.7");
  req.headers.Add("X-Forwarded-Proto", "https");
  h.Call(std::move(req));
  seen = backend.Last();
  CHECK(seen->headers.GetAll("X-Forwarded-For") == std::vector<std::string>{"203.0.113.7, 127.0.0.1"});
  CHECK(seen->headers.GetOr("X-Forwarded-Proto", "") == "https");

  Harness plain;
  plain.Publish(R"({"resources": [{"id": "h", "path": "/h", "resourceMethods": {"GET": {"httpMethod": "GET",
    "methodIntegration": {"type": "HTTP", "httpMethod": "GET", "uri": ")" + backend.Url("/x") + R"(",
      "integrationResponses": {"200": {"statusCode": "200"}}}}}}]})");
  plain.Call("GET", "/api1/dev/h");
  seen = backend.Last();
  CHECK(seen->path == "/x");
  CHECK_FALSE(seen->headers.Has("X-Forwarded-For"));
  CHECK_FALSE(seen->headers.Has("X-Forwarded-Port"));
}

// Recorded (test_apigateway_integrations.snapshot.json,
// TestApiGatewayHeaderRemapping): a "Connection" mapping is dropped from the
// integration request; a "Via" response parameter of a non-proxy integration
// reaches the client.
TEST_CASE("HTTP: a mapped Connection never reaches the backend; a mapped Via reaches the client") {
  Backend backend;
  backend.SetResponder([](const net::HttpRequest&) {
    net::HttpResponse r;
    r.headers.Add("Via", "1.1 backend-cache");
    r.headers.Add("Keep-Alive", "timeout=5");
    r.headers.Add("Content-Type", "application/json");
    r.body = "{}";
    return r;
  });
  Harness h;
  h.Publish(R"({"resources": [
    {"id": "h", "path": "/h", "resourceMethods": {"GET": {"httpMethod": "GET",
      "methodIntegration": {"type": "HTTP", "httpMethod": "GET", "uri": ")" + backend.Url("/x") + R"(",
        "requestParameters": {"integration.request.header.Connection": "'close'",
                              "integration.request.header.Upgrade": "'HTTP/2.0'"},
        "integrationResponses": {"200": {"statusCode": "200",
          "responseParameters": {"method.response.header.Via": "'1.1 mapped'",
                                 "method.response.header.From-Backend": "integration.response.header.Via"}}}}}}},
    {"id": "p", "path": "/p", "resourceMethods": {"GET": {"httpMethod": "GET",
      "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "GET", "uri": ")" + backend.Url("/y") + R"("}}}}
  ]})");
  net::HttpResponse r = h.Call("GET", "/api1/dev/h");
  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK_FALSE(seen->headers.Has("Connection"));
  CHECK(seen->headers.GetOr("Upgrade", "") == "HTTP/2.0");  // recorded: passed on
  CHECK(r.status == 200);
  CHECK(r.headers.GetOr("Via", "") == "1.1 mapped");
  CHECK(r.headers.GetOr("From-Backend", "") == "1.1 backend-cache");

  // HTTP_PROXY: the backend's Via and its hop-by-hop Keep-Alive stay behind.
  net::HttpResponse p = h.Call("GET", "/api1/dev/p");
  CHECK(p.status == 200);
  CHECK(p.body == "{}");
  CHECK_FALSE(p.headers.Has("Via"));
  CHECK_FALSE(p.headers.Has("Keep-Alive"));
  CHECK(p.headers.GetOr("Content-Type", "") == "application/json");
}

namespace {

std::string ReadLog(FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

}  // namespace

// Recorded (test_apigateway_header_remapping_aws[AWS_PROXY]): AWS_PROXY
// applies no header mappings, yet a mapping of Authorization, Connection,
// Expect, Proxy-Authenticate or TE answers 500 as it does for AWS.
TEST_CASE("AWS_PROXY: a mapping of a header AWS integrations refuse is a configuration error") {
  FILE* log = std::tmpfile();
  REQUIRE(log);
  {
    Harness h({}, log);
    h.Publish(R"({"resources": [{"id": "l", "path": "/l", "resourceMethods": {"GET": {"httpMethod": "GET",
      "methodIntegration": {"type": "AWS_PROXY", "httpMethod": "POST",
        "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:f/invocations",
        "requestParameters": {"integration.request.header.Authorization": "'x'"}}}}}]})");
    net::HttpResponse r = h.Call("GET", "/api1/dev/l");
    CHECK(r.status == 500);
    CHECK(r.body == R"({"message": "Internal server error"})");
  }
  std::string text = ReadLog(log);
  std::fclose(log);
  CHECK(text.find("Authorization header already present") != std::string::npos);
}

// The developer guide's table ("Amazon API Gateway important notes for REST
// APIs", response column for http_proxy): what becomes of a proxy backend's
// own headers.
TEST_CASE("HTTP_PROXY: the backend's headers are renamed or dropped as the developer guide's table lists them") {
  Backend backend;
  backend.SetResponder([](const net::HttpRequest&) {
    net::HttpResponse r;
    for (const char* name : {"Authorization", "WWW-Authenticate", "User-Agent", "Max-Forwards", "Content-MD5",
                             "Host", "Upgrade", "TE", "Trailer", "Expect", "Proxy-Authenticate", "Content-Encoding",
                             "Age", "Warn", "Accept"})
      r.headers.Add(name, std::string("v-") + name);
    r.headers.Add("Server", "backend");
    r.body = "{}";
    return r;
  });
  Harness h;
  h.Publish(ProxyDeployment(backend.Url(), "/{proxy}"));
  net::HttpResponse r = h.Call("GET", "/api1/dev/a");
  CHECK(r.status == 200);
  for (const char* name : {"Authorization", "WWW-Authenticate", "User-Agent", "Max-Forwards", "Content-MD5", "Server"}) {
    CAPTURE(name);
    CHECK_FALSE(r.headers.Has(name));
    CHECK(r.headers.Has(std::string("x-amzn-Remapped-") + name));
  }
  for (const char* name : {"Host", "Upgrade", "TE", "Trailer", "Expect", "Proxy-Authenticate"}) {
    CAPTURE(name);
    CHECK_FALSE(r.headers.Has(name));
    CHECK_FALSE(r.headers.Has(std::string("x-amzn-Remapped-") + name));
  }
  for (const char* name : {"Content-Encoding", "Age", "Warn", "Accept"}) {
    CAPTURE(name);
    CHECK(r.headers.GetOr(name, "") == std::string("v-") + name);
  }
}

// Developer guide, "Amazon API Gateway important notes for REST APIs".
TEST_CASE("REST notes: X-HTTP-Method-Override, ';' in the query, a default Content-Type") {
  Backend backend;
  Harness h;
  h.Publish(R"({"resources": [
    {"id": "m", "path": "/m", "resourceMethods": {
      "PUT": {"httpMethod": "PUT", "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "ANY",
        "uri": ")" + backend.Url("/put") + R"("}},
      "DELETE": {"httpMethod": "DELETE", "methodIntegration": {"type": "HTTP_PROXY", "httpMethod": "ANY",
        "uri": ")" + backend.Url("/delete") + R"(",
        "requestParameters": {"integration.request.header.X-HTTP-Method-Override":
                              "method.request.header.X-HTTP-Method-Override"}}}}}
  ]})");
  // "API Gateway overrides the method": a POST overridden to PUT reaches PUT
  // (POST is not defined), and the integration's ANY sends PUT.
  net::HttpRequest req = Request("POST", "/api1/dev/m", "{}");
  req.headers.Add("X-HTTP-Method-Override", "PUT");
  net::HttpResponse r = h.Call(std::move(req));
  CHECK(r.status == 200);
  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->method == "PUT");
  CHECK(seen->path == "/put");
  // "to pass the header to the backend, the header needs to be added to the
  // integration request"
  CHECK_FALSE(seen->headers.Has("X-HTTP-Method-Override"));
  net::HttpRequest del = Request("POST", "/api1/dev/m");
  del.headers.Add("X-HTTP-Method-Override", "DELETE");
  CHECK(h.Call(std::move(del)).status == 200);
  seen = backend.Last();
  CHECK(seen->method == "DELETE");
  CHECK(seen->headers.GetOr("X-HTTP-Method-Override", "") == "DELETE");
  CHECK(h.Call("POST", "/api1/dev/m").status == 403);  // without it, POST is not defined

  // "The semicolon character (;) ... results in the data being split".
  Harness q;
  q.Publish(ProxyDeployment(backend.Url()));
  q.Call("GET", "/api1/dev/a?x=1;y=2&z=3");
  CHECK(backend.Last()->query == "x=1&y=2&z=3");

  // "API Gateway includes a Content-Type header for all integration responses.
  // By default, the content type is application/json."
  backend.SetResponder([](const net::HttpRequest&) {
    net::HttpResponse none;
    none.body = "raw";
    return none;
  });
  net::HttpResponse plain = q.Call("GET", "/api1/dev/a");
  CHECK(plain.body == "raw");
  CHECK(plain.headers.GetAll("Content-Type") == std::vector<std::string>{"application/json"});
}

// Recorded (test_apigateway_common.snapshot.json, test_invocation_trace_id):
// a client's full trace header comes back whole; a Root alone gets a Parent
// of API Gateway's own.
TEST_CASE("X-Amzn-Trace-Id: the client's Root, Parent and Sampled are kept") {
  Backend backend;
  Harness h;
  h.Publish(R"({"resources": [{"id": "h", "path": "/h", "resourceMethods": {"GET": {"httpMethod": "GET",
    "methodIntegration": {"type": "HTTP", "httpMethod": "GET", "uri": ")" + backend.Url("/x") + R"(",
      "integrationResponses": {"200": {"statusCode": "200"}}}}}}]})");
  const std::string full = "Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1";
  net::HttpRequest req = Request("GET", "/api1/dev/h");
  req.headers.Add("X-Amzn-Trace-Id", full);
  net::HttpResponse r = h.Call(std::move(req));
  CHECK(backend.Last()->headers.GetOr("X-Amzn-Trace-Id", "") == full);
  CHECK(r.headers.GetOr("X-Amzn-Trace-Id", "") == full);

  net::HttpRequest root_only = Request("GET", "/api1/dev/h");
  root_only.headers.Add("X-Amzn-Trace-Id", "Root=1-3152b799-8954dae64eda91bc9a23a7e8");
  r = h.Call(std::move(root_only));
  std::string trace = r.headers.GetOr("X-Amzn-Trace-Id", "");
  CHECK(trace.rfind("Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=", 0) == 0);
  CHECK(trace.find("Parent=7fa8c0f79203be72") == std::string::npos);
  CHECK(trace.size() == full.size());  // a 16-digit Parent of its own
  CHECK(trace.substr(trace.size() - 10) == ";Sampled=0");
}
