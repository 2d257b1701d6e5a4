// AWS service integrations (type AWS, not Lambda) against a local backend
// standing in for the service: the URL, X-Amz-Target, Content-Type, Action
// and SigV4 headers it receives for action and path URIs, the integration
// response it answers, and the 500 without an endpoint for the service.
#include <doctest/doctest.h>

#include <cstdio>

#include "backend_server.h"
#include "test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

// POST /t -> AWS integration `uri` with `extra` integration members.
std::string AwsDeployment(std::string_view uri, std::string_view extra, std::string_view responses = "") {
  std::string r = responses.empty() ? R"({"200": {"statusCode": "200"}})" : std::string(responses);
  return R"({"resources": [{"id": "t", "path": "/t", "resourceMethods": {"POST": {"httpMethod": "POST",
    "methodIntegration": {"type": "AWS", "httpMethod": "POST", "uri": ")" + std::string(uri) + R"(", )" +
         std::string(extra) + R"( "integrationResponses": )" + r + "}}}}]}";
}

DataPlaneOptions Endpoints(std::vector<std::string> entries) {
  DataPlaneOptions o;
  o.aws_endpoints = std::move(entries);
  return o;
}

net::HttpResponse Post(Harness& h, std::string target, std::string body) {
  net::HttpRequest req = Request("POST", std::move(target), std::move(body));
  req.headers.Add("Content-Type", "application/json");
  req.headers.Add("Referer", "http://client.example/");
  return h.Call(std::move(req));
}

std::string ReadAll(FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[512];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

}  // namespace

TEST_CASE("AWS: DynamoDB action, the classic PutItem template") {
  Backend backend;
  backend.SetResponder([](const net::HttpRequest&) {
    net::HttpResponse r;
    r.headers.Add("Content-Type", "application/x-amz-json-1.0");
    r.headers.Add("x-amzn-RequestId", "ddb-request");
    r.body = "{}";
    return r;
  });
  Harness h(Endpoints({"dynamodb=" + backend.Url()}));
  h.Publish(AwsDeployment("arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem",
                          R"("requestTemplates": {"application/json":
                               "{\"TableName\": \"pets\", \"Item\": {\"id\": {\"S\": \"$input.params('id')\"}}}"},)"));
  net::HttpResponse r = Post(h, "/api1/dev/t?id=42", "{}");
  CHECK(r.status == 200);
  CHECK(r.body == "{}");
  CHECK(r.headers.GetOr("Content-Type", "") == "application/json");
  CHECK(r.headers.GetOr("x-amzn-RequestId", "") != "ddb-request");  // only mapped headers come back
  CHECK(r.headers.Has("X-Amzn-Trace-Id"));

  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->method == "POST");
  CHECK(seen->target == "/");
  CHECK(seen->body == R"({"TableName": "pets", "Item": {"id": {"S": "42"}}})");
  CHECK(seen->headers.GetOr("X-Amz-Target", "") == "DynamoDB_20120810.PutItem");
  CHECK(seen->headers.GetOr("Content-Type", "") == "application/x-amz-json-1.0");
  CHECK(seen->headers.GetOr("X-Amz-Date", "") == "20231114T221320Z");  // the harness's fake clock
  const std::string auth = seen->headers.GetOr("Authorization", "");
  CHECK(auth.rfind("AWS4-HMAC-SHA256 Credential=test/20231114/eu-west-1/dynamodb/aws4_request, SignedHeaders=", 0) ==
        0);
  CHECK(auth.find("host;") != std::string::npos);
  CHECK(auth.find(";x-amz-date;x-amz-target") != std::string::npos);
  CHECK(seen->headers.GetOr("Host", "") == backend.Url().substr(7));
  CHECK(seen->headers.GetOr("Accept", "") == "application/json");
  CHECK_FALSE(seen->headers.Has("Referer"));
  CHECK_FALSE(seen->headers.Has("X-Amzn-Apigateway-Api-Id"));
}

TEST_CASE("AWS: SQS path style with a form template is the query API") {
  Backend backend;
  Harness h(Endpoints({"http://127.0.0.1:1", "sqs=" + backend.Url()}));
  h.Publish(AwsDeployment(
      "arn:aws:apigateway:us-east-1:sqs:path/000000000000/my-queue",
      R"("requestParameters": {"integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"},
         "requestTemplates": {"application/json": "Action=SendMessage&MessageBody=$input.body"},
         "passthroughBehavior": "NEVER",)",
      R"({"200": {"statusCode": "200", "responseTemplates": {"application/json": "{\"message\": \"great success!\"}"}}})"));
  net::HttpResponse r = Post(h, "/api1/dev/t", R"({"foo":"bar"})");
  CHECK(r.status == 200);
  CHECK(r.body == R"({"message": "great success!"})");
  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->target == "/000000000000/my-queue");
  CHECK(seen->body == R"(Action=SendMessage&MessageBody={"foo":"bar"})");
  CHECK(seen->headers.GetOr("Content-Type", "") == "application/x-www-form-urlencoded");
  CHECK_FALSE(seen->headers.Has("X-Amz-Target"));
  CHECK(seen->headers.GetOr("Authorization", "").find("/us-east-1/sqs/aws4_request") != std::string::npos);
}

TEST_CASE("AWS: SQS action style speaks JSON for a JSON template, the query API for a form") {
  Backend backend;
  Harness h(Endpoints({backend.Url()}));  // one endpoint for every service
  h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:sqs:action/SendMessage",
                          R"("requestTemplates": {"application/json":
                               "{\"QueueUrl\": \"q\", \"MessageBody\": \"$util.escapeJavaScript($input.body)\"}"},)"));
  CHECK(Post(h, "/api1/dev/t", "hello").status == 200);
  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->target == "/");
  CHECK(seen->headers.GetOr("X-Amz-Target", "") == "AmazonSQS.SendMessage");
  CHECK(seen->headers.GetOr("Content-Type", "") == "application/x-amz-json-1.0");

  h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:sqs:action/SendMessage",
                          R"("requestParameters": {"integration.request.querystring.QueueUrl": "'http://q/1/a'",
                                                   "integration.request.querystring.MessageBody": "method.request.body"},
                             "requestTemplates": {"application/json": ""},)"));
  CHECK(Post(h, "/api1/dev/t", "hi there").status == 200);
  seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->target == "/?Action=SendMessage&QueueUrl=http%3A%2F%2Fq%2F1%2Fa&MessageBody=hi%20there");
  CHECK_FALSE(seen->headers.Has("X-Amz-Target"));
}

TEST_CASE("AWS: SNS publishes through query parameters; action parameters in the URI") {
  Backend backend;
  Harness h(Endpoints({"sns=" + backend.Url()}));
  h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:sns:action/Publish&TopicArn=arn:aws:sns:us-east-1:1:t",
                          R"("requestParameters": {"integration.request.querystring.Message": "method.request.querystring.m"},)"));
  CHECK(Post(h, "/api1/dev/t?m=hello", "").status == 200);
  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->target == "/?Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At&Message=hello");
}

TEST_CASE("AWS: overrides set X-Amz-Target and Content-Type (EventBridge tutorial)") {
  Backend backend;
  Harness h(Endpoints({"events=" + backend.Url()}));
  h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:events:action/PutEvents",
                          R"J("requestTemplates": {"application/json":
                               "#set($context.requestOverride.header.X-Amz-Target = \"AWSEvents.PutEvents\")#set($context.requestOverride.header.Content-Type = \"application/x-amz-json-1.1\"){\"Entries\": []}"},)J"));
  CHECK(Post(h, "/api1/dev/t", "{}").status == 200);
  auto seen = backend.Last();
  REQUIRE(seen);
  CHECK(seen->headers.GetAll("X-Amz-Target") == std::vector<std::string>{"AWSEvents.PutEvents"});
  CHECK(seen->headers.GetAll("Content-Type") == std::vector<std::string>{"application/x-amz-json-1.1"});
  CHECK(seen->body == R"({"Entries": []})");
}

TEST_CASE("AWS: the service's error status selects the integration response") {
  Backend backend;
  backend.SetResponder([](const net::HttpRequest&) {
    net::HttpResponse r;
    r.status = 400;
    r.headers.Add("Content-Type", "application/x-amz-json-1.0");
    r.body = R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no table"})";
    return r;
  });
  Harness h(Endpoints({"dynamodb=" + backend.Url()}));
  h.Publish(AwsDeployment(
      "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem", "",
      R"({"200": {"statusCode": "200"},
          "400": {"statusCode": "404", "selectionPattern": "4\\d{2}",
                  "responseParameters": {"method.response.header.X-Error": "integration.response.body.message"},
                  "responseTemplates": {"application/json": "{\"error\": $input.json('$.message')}"}}})"));
  net::HttpResponse r = Post(h, "/api1/dev/t", "{}");
  CHECK(r.status == 404);
  CHECK(r.body == R"({"error": "no table"})");
  CHECK(r.headers.GetOr("X-Error", "") == "no table");
}

TEST_CASE("AWS: no endpoint for the service answers 500 and logs the flag to set, once") {
  FILE* log = std::tmpfile();
  REQUIRE(log);
  {
    Backend backend;
    Harness h(Endpoints({"sqs=" + backend.Url()}), log);
    h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:dynamodb:action/PutItem", ""));
    net::HttpResponse r = Post(h, "/api1/dev/t", "{}");
    CHECK(r.status == 500);
    CHECK(r.body == R"({"message": "Internal server error"})");
    CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "InternalServerErrorException");
    CHECK(backend.count() == 0);
  }
  std::string text = ReadAll(log);
  std::fclose(log);
  CHECK(text.find("--aws-endpoint dynamodb=http://HOST:PORT") != std::string::npos);
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  CHECK(lines == 1);
}

TEST_CASE("AWS: bad URIs, forbidden headers, Lambda left to its own issue") {
  Backend backend;
  Harness h(Endpoints({backend.Url()}));
  h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:sqs:nothing/x", ""));
  CHECK(Post(h, "/api1/dev/t", "{}").status == 500);
  h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:sqs:path/1/q",
                          R"("requestParameters": {"integration.request.header.Authorization": "'AWS4 forged'"},)"));
  CHECK(Post(h, "/api1/dev/t", "{}").status == 500);
  h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:sqs:path/1/q",
                          R"J("requestTemplates": {"application/json": "#set($context.requestOverride.header.Connection = \"x\")"},)J"));
  CHECK(Post(h, "/api1/dev/t", "{}").status == 500);
  h.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations", ""));
  CHECK(Post(h, "/api1/dev/t", "{}").status == 500);
  CHECK(backend.count() == 0);

  // An endpoint that does not answer is the same 500, not a hang.
  Harness down(Endpoints({"http://127.0.0.1:1"}));
  down.Publish(AwsDeployment("arn:aws:apigateway:us-east-1:sqs:path/1/q", ""));
  CHECK(Post(down, "/api1/dev/t", "{}").status == 500);
}
