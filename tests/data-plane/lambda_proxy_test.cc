// AWS_PROXY integrations with Lambda through DataPlane::handler() and a
// scripted Invoker: what the client gets for each kind of function answer,
// as recorded against AWS (LocalStack's test_apigateway_lambda.snapshot.json).
#include <doctest/doctest.h>

#include <cstdio>

#include "lambda_test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

std::string ReadAll(FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

}  // namespace

TEST_CASE("AWS_PROXY: status, headers and body come from the function's document") {
  for (FakeInvoker::Mode mode : {FakeInvoker::Mode::kThread, FakeInvoker::Mode::kInline}) {
    FakeInvoker fn(FakeInvoker::Ok(
                       R"({"statusCode": 201, "headers": {"X-Custom": "c", "header-bool": true},
                          "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}, "body": "created"})"),
                   mode);
    Harness h;
    h.plane().set_lambda_invoker(&fn);
    h.Publish(ProxyDeployment());
    net::HttpResponse r = h.Call("POST", "/api1/dev/items", "{}");
    CHECK(r.status == 201);
    CHECK(r.body == "created");
    CHECK(r.headers.GetOr("X-Custom", "") == "c");
    CHECK(r.headers.GetOr("header-bool", "") == "true");
    CHECK(r.headers.GetAll("Set-Cookie") == std::vector<std::string>{"a=1", "b=2"});
    CHECK(r.headers.GetOr("Content-Type", "") == "application/json");  // none set: AWS's default
    CHECK(r.headers.GetOr("X-Amzn-Trace-Id", "").rfind("Root=1-", 0) == 0);
    CHECK(r.headers.Has("x-amzn-RequestId"));
  }
}

TEST_CASE("AWS_PROXY: the function's Content-Type wins; reserved headers are remapped") {
  FakeInvoker fn(FakeInvoker::Ok(
      R"({"statusCode": 200, "headers": {"content-type": "text/html", "Server": "mine", "Date": "x"}, "body": "<p>"})"));
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(ProxyDeployment());
  net::HttpResponse r = h.Call("GET", "/api1/dev/page");
  CHECK(r.headers.GetAll("Content-Type") == std::vector<std::string>{"text/html"});
  CHECK(r.headers.GetOr("x-amzn-Remapped-Server", "") == "mine");
  CHECK_FALSE(r.headers.Has("Server"));
  CHECK(r.body == "<p>");
}

TEST_CASE("AWS_PROXY: malformed documents and function errors answer 502 Internal server error") {
  struct Case {
    const char* name;
    FakeInvoker::Handler handler;
  };
  std::vector<Case> cases = {
      {"wrong-format", FakeInvoker::Ok(R"({"statusCode": 200, "wrongValue": "value"})")},
      {"just-string", FakeInvoker::Ok(R"("justAString")")},
      {"not json", FakeInvoker::Ok("Hello")},
      {"empty payload", FakeInvoker::Ok("")},
      {"null", FakeInvoker::Ok("null")},
      {"invalid status", FakeInvoker::Ok(R"({"statusCode": "test"})")},
      {"body object", FakeInvoker::Ok(R"({"statusCode": 200, "body": {"a": 1}})")},
      {"multi invalid", FakeInvoker::Ok(R"({"statusCode": 200, "multiValueHeaders": {"x": "1"}})")},
      {"function error", FakeInvoker::Fails("boom")},
      {"function timeout", FakeInvoker::Fails("RequestId: 1 Error: Task timed out after 3.00 seconds",
                                              "Sandbox.Timedout")},
  };
  for (Case& c : cases) {
    CAPTURE(c.name);
    FILE* log = std::tmpfile();
    {
      FakeInvoker fn(c.handler);
      Harness h({}, log);
      h.plane().set_lambda_invoker(&fn);
      h.Publish(ProxyDeployment());
      net::HttpResponse r = h.Call("GET", "/api1/dev/x");
      CHECK(r.status == 502);
      CHECK(r.body == R"({"message": "Internal server error"})");
      CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "InternalServerErrorException");
    }
    std::string lines = ReadAll(log);
    std::fclose(log);
    if (std::string(c.name).find("function") == 0) {
      CHECK(lines.find("Lambda execution failed with status 200 due to customer function error") != std::string::npos);
    } else {
      CHECK(lines.find("Malformed Lambda proxy response") != std::string::npos);
    }
  }
}

TEST_CASE("AWS_PROXY: a function that does not answer in timeoutInMillis: 504 Endpoint request timed out") {
  FakeInvoker fn(FakeInvoker::Ok("{}"), FakeInvoker::Mode::kNever);
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(ProxyDeployment("/{proxy+}", "ANY", R"("authorizationType": "NONE")", R"("timeoutInMillis": 50)"));
  net::HttpResponse r = h.Call("GET", "/api1/dev/slow");
  CHECK(r.status == 504);
  CHECK(r.body == R"({"message": "Endpoint request timed out"})");
  CHECK(fn.requests().at(0).max_wait_ms == 50);
}

TEST_CASE("AWS_PROXY: Lambda refusing the call (no such function) answers 500; no runner wired too") {
  FakeInvoker fn(
      [](const lambda::InvokeRequest& req) {
        lambda::InvokeResult r;
        r.status = Status(404, "ResourceNotFoundException", "Function not found: " + req.function);
        return r;
      },
      FakeInvoker::Mode::kInline);
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(ProxyDeployment());
  net::HttpResponse r = h.Call("GET", "/api1/dev/x");
  CHECK(r.status == 500);
  CHECK(r.body == R"({"message": "Internal server error"})");
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "InternalServerErrorException");

  Harness unwired;
  unwired.Publish(ProxyDeployment());
  r = unwired.Call("GET", "/api1/dev/x");
  CHECK(r.status == 500);
}

TEST_CASE("AWS_PROXY: integration method other than POST answers 500 without calling the function") {
  FakeInvoker fn;
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(ProxyDeployment("/{proxy+}", "ANY", R"("authorizationType": "NONE")", "", "", "GET"));
  net::HttpResponse r = h.Call("GET", "/api1/dev/test-path");
  CHECK(r.status == 500);
  CHECK(r.body == R"({"message": "Internal server error"})");
  CHECK(fn.calls() == 0);
}

TEST_CASE("AWS_PROXY: a URI naming no function answers 500; stage variables pick the function") {
  FakeInvoker fn(FakeInvoker::Ok(R"({"body": "v"})"));
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  std::string deployment = ProxyDeployment();
  deployment.replace(deployment.find("function:fn"), 11, "function:${stageVariables.fn}");
  h.Publish(deployment, R"({"stageName": "dev", "variables": {"fn": "blue"}})");
  net::HttpResponse r = h.Call("GET", "/api1/dev/x");
  CHECK(r.status == 200);
  CHECK(fn.requests().at(0).function == "arn:aws:lambda:us-east-1:000000000000:function:blue");

  std::string broken = ProxyDeployment();
  broken.replace(broken.find("/invocations"), 12, "");
  h.Publish(broken);
  r = h.Call("GET", "/api1/dev/x");
  CHECK(r.status == 500);
  CHECK(fn.calls() == 1);
}

TEST_CASE("AWS_PROXY: isBase64Encoded bodies are decoded only for a binary Accept") {
  constexpr char kImage[] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/wIAAgkBAyMAlYwAAAAASUVORK5CYII=";
  FakeInvoker fn(FakeInvoker::Ok(std::string(R"({"statusCode": 200, "isBase64Encoded": true, "body": ")") + kImage +
                                 R"(", "headers": {"Content-Type": "image/png"}})"));
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  std::string deployment = ProxyDeployment();
  deployment.replace(deployment.find(R"({"id": "api1"})"), 14, R"({"id": "api1", "binaryMediaTypes": ["image/png"]})");
  h.Publish(deployment);
  auto call = [&](const char* accept) {
    net::HttpRequest req = Request("GET", "/api1/dev/img");
    if (accept) req.headers.Add("Accept", accept);
    return h.Call(std::move(req));
  };
  net::HttpResponse r = call("image/png");
  CHECK(r.status == 200);
  CHECK(r.body.size() == 68);  // the PNG's bytes
  CHECK(r.body.rfind("\x89PNG", 0) == 0);
  CHECK(call("image/jpg").body == kImage);
  CHECK(call("*/*").body == kImage);
  CHECK(call(nullptr).body == kImage);
  CHECK(call("image/png,image/*").body.size() == 68);  // only the first Accept type counts

  fn.set_handler(FakeInvoker::Ok(R"({"statusCode": 200, "isBase64Encoded": true, "body": "\u00e8\u00e9+\u00e0)("})"));
  r = call("image/png");
  CHECK(r.status == 500);
}
