// The Lambda proxy event and the authorizer events (data-plane/rest/lambda/
// lambda_event.h), as a function receives them through DataPlane::handler(),
// compared with the events recorded against AWS (LocalStack's
// test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration).
#include <doctest/doctest.h>

#include "data-plane/rest/lambda/lambda_event.h"
#include "lambda_test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

std::vector<std::string> Keys(const JsonValue& object) {
  std::vector<std::string> out;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) out.emplace_back(it->name.GetString());
  return out;
}

std::string Str(const JsonValue& object, std::string_view name) {
  const JsonValue* v = Member(object, name);
  REQUIRE(v != nullptr);
  REQUIRE(v->IsString());
  return v->GetString();
}

const JsonValue& Obj(const JsonValue& object, std::string_view name) {
  const JsonValue* v = Member(object, name);
  REQUIRE(v != nullptr);
  return *v;
}

constexpr char kProxyResponse[] = R"({"statusCode": 200, "body": "ok"})";

}  // namespace

TEST_CASE("proxy event: members in AWS's order, nulls where AWS sends nulls") {
  FakeInvoker fn(FakeInvoker::Ok(kProxyResponse));
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(ProxyDeployment());
  net::HttpRequest req = Request("GET", "/api1/dev/proxy-value");
  req.headers.Add("User-Agent", "python-requests/testing");
  req.headers.Add("tEsT-HEADeR", "aValUE");
  req.headers.Add("Connection", "keep-alive");  // hop-by-hop: never forwarded
  net::HttpResponse r = h.Call(std::move(req));
  REQUIRE(r.status == 200);
  CHECK(r.body == "ok");

  JsonDoc e = fn.LastEvent();
  CHECK(Keys(e) == std::vector<std::string>{"resource", "path", "httpMethod", "headers", "multiValueHeaders",
                                           "queryStringParameters", "multiValueQueryStringParameters",
                                           "pathParameters", "stageVariables", "requestContext", "body",
                                           "isBase64Encoded"});
  CHECK(Str(e, "resource") == "/{proxy+}");
  CHECK(Str(e, "path") == "/proxy-value");
  CHECK(Str(e, "httpMethod") == "GET");
  CHECK(Obj(e, "queryStringParameters").IsNull());
  CHECK(Obj(e, "multiValueQueryStringParameters").IsNull());
  CHECK(Obj(e, "stageVariables").IsNull());
  CHECK(Obj(e, "body").IsNull());
  CHECK(Obj(e, "isBase64Encoded").IsFalse());
  CHECK(Str(Obj(e, "pathParameters"), "proxy") == "proxy-value");

  const JsonValue& headers = Obj(e, "headers");
  CHECK(Str(headers, "tEsT-HEADeR") == "aValUE");  // the client's spelling
  CHECK(Str(headers, "User-Agent") == "python-requests/testing");
  CHECK(Str(headers, "Host") == "localhost:4567");
  CHECK(Str(headers, "X-Forwarded-For") == "127.0.0.1");
  CHECK(Str(headers, "X-Forwarded-Port") == "4567");
  CHECK(Str(headers, "X-Forwarded-Proto") == "http");
  CHECK(Str(headers, "X-Amzn-Trace-Id").rfind("Root=1-", 0) == 0);
  CHECK(Member(headers, "Connection") == nullptr);
  const JsonValue& multi = Obj(e, "multiValueHeaders");
  REQUIRE(Obj(multi, "tEsT-HEADeR").IsArray());
  CHECK(Obj(multi, "tEsT-HEADeR")[0].GetString() == std::string("aValUE"));

  const JsonValue& c = Obj(e, "requestContext");
  CHECK(Keys(c) == std::vector<std::string>{"resourceId", "resourcePath", "httpMethod", "extendedRequestId",
                                           "requestTime", "path", "accountId", "protocol", "stage", "domainPrefix",
                                           "requestTimeEpoch", "requestId", "identity", "domainName", "deploymentId",
                                           "apiId"});
  CHECK(Str(c, "resourceId") == "r1");
  CHECK(Str(c, "resourcePath") == "/{proxy+}");
  CHECK(Str(c, "path") == "/dev/proxy-value");
  CHECK(Str(c, "stage") == "dev");
  CHECK(Str(c, "accountId") == "000000000000");
  CHECK(Str(c, "apiId") == "api1");
  CHECK(Str(c, "protocol") == "HTTP/1.1");
  CHECK(Obj(c, "requestTimeEpoch").GetInt64() == h.clock().NowEpochMillis());
  CHECK(Str(c, "requestTime") == FormatRequestTime(h.clock().NowEpochMillis()));
  CHECK(Str(c, "requestId") == r.headers.GetOr("x-amzn-RequestId", "?"));
  CHECK(Str(c, "extendedRequestId") == r.headers.GetOr("x-amz-apigw-id", "?"));
  const JsonValue& identity = Obj(c, "identity");
  CHECK(Keys(identity).size() == 12);
  CHECK(Str(identity, "sourceIp") == "127.0.0.1");
  CHECK(Str(identity, "userAgent") == "python-requests/testing");
  for (const char* k : {"accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
                        "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "user", "userArn"})
    CHECK(Obj(identity, k).IsNull());
  CHECK(Member(c, "authorizer") == nullptr);

  // The function is the URI's; the integration's 29 s bound reaches the runner.
  std::vector<lambda::InvokeRequest> calls = fn.requests();
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].function == "arn:aws:lambda:us-east-1:000000000000:function:fn");
  CHECK(calls[0].region == "us-east-1");
  CHECK(calls[0].max_wait_ms == 29000);
}

TEST_CASE("proxy event: query strings single and multi, path kept encoded, leading slashes folded") {
  FakeInvoker fn(FakeInvoker::Ok(kProxyResponse));
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(ProxyDeployment(), R"({"stageName": "dev", "variables": {"v1": "one"}})");

  h.Call("POST", "/api1/dev/proxy-value?category=electronics&category=books&price=10&price=20&price=30&plus=a+b",
         R"({"message": "hello world"})");
  JsonDoc e = fn.LastEvent();
  const JsonValue& single = Obj(e, "queryStringParameters");
  CHECK(Str(single, "category") == "books");  // the last value
  CHECK(Str(single, "price") == "30");
  CHECK(Str(single, "plus") == "a b");
  const JsonValue& multi = Obj(e, "multiValueQueryStringParameters");
  REQUIRE(Obj(multi, "price").Size() == 3);
  CHECK(Obj(multi, "price")[0].GetString() == std::string("10"));
  CHECK(Str(e, "body") == R"({"message": "hello world"})");
  CHECK(Str(Obj(e, "stageVariables"), "v1") == "one");

  h.Call("GET", "/api1/dev/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com");
  e = fn.LastEvent();
  CHECK(Str(e, "path") == "/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com");
  CHECK(Str(Obj(e, "pathParameters"), "proxy") == "proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com");

  h.Call("GET", "/api1/dev/proxy-value//double-slash");
  e = fn.LastEvent();
  CHECK(Str(Obj(e, "pathParameters"), "proxy") == "proxy-value//double-slash");

  h.Call("GET", "/api1/dev//proxy-value/");
  e = fn.LastEvent();
  CHECK(Str(e, "path") == "/proxy-value/");
  CHECK(Str(Obj(e, "pathParameters"), "proxy") == "proxy-value");
  CHECK(Str(Obj(e, "requestContext"), "path") == "/dev//proxy-value/");
}

TEST_CASE("proxy event: binary bodies are base64 when their Content-Type is a binary media type") {
  FakeInvoker fn(FakeInvoker::Ok(kProxyResponse));
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  std::string deployment = ProxyDeployment();
  deployment.replace(deployment.find(R"({"id": "api1"})"), 14, R"({"id": "api1", "binaryMediaTypes": ["image/*"]})");
  h.Publish(deployment);
  std::string bytes("\x89PNG\r\n\x1a\n\x00\xff", 10);
  net::HttpRequest req = Request("POST", "/api1/dev/upload", bytes);
  req.headers.Add("Content-Type", "image/png");
  h.Call(std::move(req));
  JsonDoc e = fn.LastEvent();
  CHECK(Str(e, "body") == "iVBORw0KGgoA/w==");
  CHECK(Obj(e, "isBase64Encoded").IsTrue());

  // Not a binary type: text, invalid UTF-8 replaced (the event stays valid JSON).
  req = Request("POST", "/api1/dev/upload", std::string("a\xff" "b"));
  req.headers.Add("Content-Type", "text/plain");
  h.Call(std::move(req));
  e = fn.LastEvent();
  CHECK(Str(e, "body") == "a\xEF\xBF\xBD" "b");
  CHECK(Obj(e, "isBase64Encoded").IsFalse());
}

TEST_CASE("raw path parameters and the method ARN") {
  using P = std::vector<std::pair<std::string, std::string>>;
  CHECK(RawPathParameters("/pets/{id}", "/pets/a%20b") == P{{"id", "a%20b"}});
  CHECK(RawPathParameters("/pets/{id}/toys/{toy}", "/pets/1/toys/2/") == P{{"id", "1"}, {"toy", "2"}});
  CHECK(RawPathParameters("/files/{path+}", "/files/a/b/c") == P{{"path", "a/b/c"}});
  CHECK(RawPathParameters("/", "/").empty());
  CHECK(RawPathParameters("/pets/{id}", "/pets").empty());  // bad input: no crash, nothing
  CHECK(RawPathParameters("/{a}/{b+}", "/x").size() == 1);
}

TEST_CASE("token authorizer event") {
  CHECK(BuildTokenAuthorizerEvent("allow", "arn:aws:execute-api:us-east-1:0:a/dev/GET/") ==
        R"({"type":"TOKEN","authorizationToken":"allow","methodArn":"arn:aws:execute-api:us-east-1:0:a/dev/GET/"})");
  CHECK(BuildTokenAuthorizerEvent("a\"b\xff", "m") ==
        "{\"type\":\"TOKEN\",\"authorizationToken\":\"a\\\"b\xEF\xBF\xBD\",\"methodArn\":\"m\"}");
}
