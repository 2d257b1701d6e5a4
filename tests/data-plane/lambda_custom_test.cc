// AWS (custom) integrations with Lambda through DataPlane::handler(): the
// mapped payload reaches the function; errorMessage selects the integration
// response (recorded: test_lambda_selection_patterns, test_lambda_aws_integration
// _with_request_template, test_lambda_aws_integration_response_with_mapping_templates).
#include <doctest/doctest.h>

#include "lambda_test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

// GET /{statusCode}: the recorded selection-pattern API.
std::string SelectionDeployment(std::string_view extra_integration = "") {
  return std::string(R"({"resources": [{"id": "r1", "path": "/{statusCode}", "resourceMethods": {"GET": {
    "httpMethod": "GET", "authorizationType": "NONE", "methodIntegration": {
      "type": "AWS", "httpMethod": "POST", "uri": ")") + FunctionUri() + R"(",
      "requestTemplates": {"application/json": "{\"statusCode\": \"$input.params('statusCode')\"}"},)" +
         std::string(extra_integration) + R"(
      "integrationResponses": {
        "200": {"statusCode": "200", "selectionPattern": ""},
        "405": {"statusCode": "405", "selectionPattern": ".*four hundred.*"},
        "502": {"statusCode": "502", "selectionPattern": ".+",
                "responseTemplates": {"application/json": "{\"error\": $input.json('$.errorMessage')}"}},
        "504": {"statusCode": "504", "selectionPattern": "200"}}}}}}]})";
}

lambda::InvokeResult SelectPattern(const lambda::InvokeRequest& req) {
  // lambda_select_pattern.py: "Pass" for 200, raises for 400 and 500.
  StatusOr<JsonDoc> event = ParseJson(req.payload);
  std::string code = event.ok() ? GetString(*event, "statusCode").value_or("") : "";
  if (code == "400") return FakeInvoker::Fails("Error: Raising four hundred from within the Lambda function", "Exception")(req);
  if (code == "500") return FakeInvoker::Fails("Error: Raising five hundred from within the Lambda function", "Exception")(req);
  return FakeInvoker::Ok("\"Pass\"")(req);
}

}  // namespace

TEST_CASE("AWS Lambda: the request template's output is the event; the result passes through") {
  FakeInvoker fn(SelectPattern);
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(SelectionDeployment());
  net::HttpResponse r = h.Call("GET", "/api1/dev/200");
  CHECK(r.status == 200);  // not 504: "200" is matched against the (empty) error message, not the status
  CHECK(r.body == "\"Pass\"");
  CHECK(r.headers.GetOr("Content-Type", "") == "application/json");
  CHECK(fn.requests().at(0).payload == R"({"statusCode": "200"})");
  CHECK(fn.requests().at(0).function == "arn:aws:lambda:us-east-1:000000000000:function:fn");
}

TEST_CASE("AWS Lambda: a function error's errorMessage selects the integration response") {
  FakeInvoker fn(SelectPattern);
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(SelectionDeployment());
  net::HttpResponse r = h.Call("GET", "/api1/dev/400");
  CHECK(r.status == 405);
  StatusOr<JsonDoc> body = ParseJson(r.body);  // the error document as the function failed with it
  REQUIRE(body.ok());
  CHECK(GetString(*body, "errorMessage") == "Error: Raising four hundred from within the Lambda function");
  CHECK(GetString(*body, "errorType") == "Exception");

  r = h.Call("GET", "/api1/dev/500");
  CHECK(r.status == 502);
  CHECK(r.body == R"({"error": "Error: Raising five hundred from within the Lambda function"})");
}

TEST_CASE("AWS Lambda: an unmatched error takes the default response (AWS's 200 for unmapped errors)") {
  std::string deployment = R"({"resources": [{"id": "r1", "path": "/x", "resourceMethods": {"POST": {
    "httpMethod": "POST", "authorizationType": "NONE", "methodIntegration": {
      "type": "AWS", "httpMethod": "POST", "uri": ")" + FunctionUri() + R"(",
      "integrationResponses": {"200": {"statusCode": "200"}, "400": {"statusCode": "400", "selectionPattern": "Invalid.*"}}}}}}]})";
  FakeInvoker fn(FakeInvoker::Fails("Malformed input ..."));
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(deployment);
  net::HttpResponse r = h.Call("POST", "/api1/dev/x", R"({"message": "hello world"})");
  CHECK(r.status == 200);
  CHECK(r.body.find("Malformed input ...") != std::string::npos);
  CHECK(fn.requests().at(0).payload == R"({"message": "hello world"})");  // passed through, no template

  fn.set_handler(FakeInvoker::Fails("Invalid thing"));
  CHECK(h.Call("POST", "/api1/dev/x", "{}").status == 400);

  // ".*" matches a success's empty message too: it stands in for the default.
  std::string star = deployment;
  star.replace(star.find(R"("Invalid.*")"), 11, R"(".*")");
  h.Publish(star);
  fn.set_handler(FakeInvoker::Ok("{}"));
  CHECK(h.Call("POST", "/api1/dev/x", "{}").status == 400);
}

TEST_CASE("AWS Lambda: response templates see the function's result") {
  // test_lambda_aws_integration_response_with_mapping_templates, in short.
  std::string deployment = R"({"resources": [{"id": "r1", "path": "/t", "resourceMethods": {"POST": {
    "httpMethod": "POST", "authorizationType": "NONE", "methodIntegration": {
      "type": "AWS", "httpMethod": "POST", "uri": ")" + FunctionUri() + R"J(",
      "requestTemplates": {"application/json": "{\"body\": $input.json('$')}"},
      "integrationResponses": {"200": {"statusCode": "200", "selectionPattern": "",
        "responseTemplates": {"application/json": "#set($b = $input.path('$'))#if($b.body == 'customerror')#set($context.responseOverride.status = 400)#else#set($context.responseOverride.status = 202)#end$input.json('$')"}}}}}}}]})J";
  FakeInvoker fn([](const lambda::InvokeRequest& req) {
    bool error = req.payload.find("400") != std::string::npos;
    return FakeInvoker::Ok(error ? R"({"statusCode": 200, "body": "customerror"})"
                                 : R"({"statusCode": 200, "body": "noerror"})")(req);
  });
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(deployment);
  net::HttpRequest req = Request("POST", "/api1/dev/t", R"({"httpStatus": "200"})");
  req.headers.Add("Content-Type", "application/json");
  net::HttpResponse r = h.Call(std::move(req));
  CHECK(r.status == 202);
  CHECK(r.body == R"({"statusCode":200,"body":"noerror"})");
  CHECK(fn.requests().at(0).payload == R"({"body": {"httpStatus":"200"}})");  // $input.json prints compactly
  req = Request("POST", "/api1/dev/t", R"({"httpStatus": "400"})");
  req.headers.Add("Content-Type", "application/json");
  CHECK(h.Call(std::move(req)).status == 400);
}

TEST_CASE("AWS Lambda: X-Amz-Invocation-Type Event invokes asynchronously: 202-selected default, no body") {
  FakeInvoker fn([](const lambda::InvokeRequest& req) {
    lambda::InvokeResult r;
    r.status_code = req.type == lambda::InvocationType::kEvent ? 202 : 200;
    return r;
  });
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(SelectionDeployment(R"("requestParameters": {"integration.request.header.X-Amz-Invocation-Type": "'Event'"},)"));
  net::HttpResponse r = h.Call("GET", "/api1/dev/200");
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  CHECK(fn.requests().at(0).type == lambda::InvocationType::kEvent);
}

TEST_CASE("AWS Lambda: failures before and around the function") {
  SUBCASE("a payload that is not JSON never reaches Lambda: 500") {
    std::string deployment = R"({"resources": [{"id": "r1", "path": "/x", "resourceMethods": {"POST": {
      "httpMethod": "POST", "authorizationType": "NONE", "methodIntegration": {
        "type": "AWS", "httpMethod": "POST", "uri": ")" + FunctionUri() + R"(",
        "integrationResponses": {"200": {"statusCode": "200"}}}}}}]})";
    FakeInvoker fn;
    Harness h;
    h.plane().set_lambda_invoker(&fn);
    h.Publish(deployment);
    net::HttpRequest req = Request("POST", "/api1/dev/x", "name=value&a=b");
    req.headers.Add("Content-Type", "application/x-www-form-urlencoded");
    net::HttpResponse r = h.Call(std::move(req));
    CHECK(r.status == 500);
    CHECK(fn.calls() == 0);
  }
  SUBCASE("no such function: 500") {
    FakeInvoker fn(
        [](const lambda::InvokeRequest&) {
          lambda::InvokeResult r;
          r.status = Status(404, "ResourceNotFoundException", "Function not found");
          return r;
        },
        FakeInvoker::Mode::kInline);
    Harness h;
    h.plane().set_lambda_invoker(&fn);
    h.Publish(SelectionDeployment());
    net::HttpResponse r = h.Call("GET", "/api1/dev/200");
    CHECK(r.status == 500);
    CHECK(r.body == R"({"message": "Internal server error"})");
  }
  SUBCASE("no answer within timeoutInMillis: 504") {
    FakeInvoker fn(FakeInvoker::Ok("{}"), FakeInvoker::Mode::kNever);
    Harness h;
    h.plane().set_lambda_invoker(&fn);
    h.Publish(SelectionDeployment(R"("timeoutInMillis": 50,)"));
    net::HttpResponse r = h.Call("GET", "/api1/dev/200");
    CHECK(r.status == 504);
    CHECK(r.body == R"({"message": "Endpoint request timed out"})");
  }
  SUBCASE("integration method GET: 500 without calling") {
    std::string deployment = SelectionDeployment();
    deployment.replace(deployment.find(R"("httpMethod": "POST")"), 20, R"("httpMethod": "GET")");
    FakeInvoker fn;
    Harness h;
    h.plane().set_lambda_invoker(&fn);
    h.Publish(deployment);
    CHECK(h.Call("GET", "/api1/dev/200").status == 500);
    CHECK(fn.calls() == 0);
  }
}
