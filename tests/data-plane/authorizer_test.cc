// Lambda authorizers through DataPlane::handler() (data-plane/rest/stages/
// authorize.cc): TOKEN and REQUEST identity sources, the function's answers
// and AWS's responses for each, context passing, and caching on a fake clock.
#include <doctest/doctest.h>

#include "lambda_test_support.h"

using namespace apigw;
using namespace apigw::dp;
using namespace apigw::dp::testing;

namespace {

constexpr char kAuthFunction[] = "arn:aws:lambda:us-east-1:000000000000:function:auth";
constexpr char kBackendFunction[] = "arn:aws:lambda:us-east-1:000000000000:function:fn";

std::string Policy(std::string_view effect, std::string_view resource, std::string_view context = "") {
  std::string s = R"({"principalId": "user-1", "policyDocument": {"Version": "2012-10-17", "Statement": [{
      "Action": "execute-api:Invoke", "Effect": ")" + std::string(effect) + R"(", "Resource": ")" +
                  std::string(resource) + R"("}]})";
  if (!context.empty()) s += R"(, "context": )" + std::string(context);
  return s + "}";
}

// A deployment whose /{proxy+} ANY method uses authorizer "a1" (AWS_PROXY to
// the backend) and whose /open GET method uses none.
std::string Deployment(std::string_view authorizer_fields) {
  std::string authorizer = R"({"id": "a1", "name": "auth", "authorizerUri": ")" + FunctionUri(kAuthFunction) +
                           R"(", )" + std::string(authorizer_fields) + "}";
  return ProxyDeployment("/{proxy+}", "ANY", R"("authorizationType": "CUSTOM", "authorizerId": "a1")", "",
                         R"("authorizers": [)" + authorizer + "]");
}

std::string TokenAuthorizer(std::string_view extra = "") {
  std::string s = R"("type": "TOKEN", "identitySource": "method.request.header.Authorization")";
  if (!extra.empty()) s += ", " + std::string(extra);
  return s;
}

// Routes authorizer calls to `auth` and backend calls to an echo of the event.
struct Functions {
  FakeInvoker::Handler auth = FakeInvoker::Ok(Policy("Allow", "*"));
  size_t auth_calls = 0;
  std::mutex mu;

  FakeInvoker::Handler Handler() {
    return [this](const lambda::InvokeRequest& req) {
      if (req.function == kAuthFunction) {
        std::lock_guard<std::mutex> lock(mu);
        ++auth_calls;
        return auth(req);
      }
      JsonDoc out(rapidjson::kObjectType);
      SetString(out, "body", req.payload, out.GetAllocator());
      return FakeInvoker::Ok(ToJson(out))(req);
    };
  }
  size_t calls() {
    std::lock_guard<std::mutex> lock(mu);
    return auth_calls;
  }
};

net::HttpResponse Get(Harness& h, std::string_view path, const char* token) {
  net::HttpRequest req = Request("GET", "/api1/dev" + std::string(path));
  if (token) req.headers.Add("Authorization", token);
  return h.Call(std::move(req));
}

JsonDoc Json(const std::string& text) {
  StatusOr<JsonDoc> doc = ParseJson(text);
  REQUIRE_MESSAGE(doc.ok(), text);
  return std::move(doc).value();
}

}  // namespace

TEST_CASE("TOKEN authorizer: allow reaches the integration with the authorizer's context") {
  Functions f;
  f.auth = FakeInvoker::Ok(Policy("Allow", "arn:aws:execute-api:us-east-1:000000000000:api1/dev/GET/*",
                                  R"({"tenant": "t1", "level": 3, "admin": false, "none": null})"));
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(Deployment(TokenAuthorizer()));
  net::HttpResponse r = Get(h, "/pets/1", "allow-me");
  REQUIRE(r.status == 200);

  std::vector<lambda::InvokeRequest> calls = fn.requests();
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].function == kAuthFunction);
  CHECK(calls[0].payload ==
        R"({"type":"TOKEN","authorizationToken":"allow-me","methodArn":"arn:aws:execute-api:us-east-1:000000000000:api1/dev/GET/pets/1"})");
  CHECK(calls[1].function == kBackendFunction);
  JsonDoc event = Json(r.body);
  const JsonValue* authorizer = Member(*Member(event, "requestContext"), "authorizer");
  REQUIRE(authorizer != nullptr);
  CHECK(GetString(*authorizer, "principalId") == "user-1");
  CHECK(GetString(*authorizer, "tenant") == "t1");
  // Stringified, as AWS hands them on; a null stays null.
  CHECK(GetString(*authorizer, "level") == "3");
  CHECK(GetString(*authorizer, "admin") == "false");
  REQUIRE(Member(*authorizer, "none") != nullptr);
  CHECK(Member(*authorizer, "none")->IsNull());
  CHECK(GetInt(*authorizer, "integrationLatency").has_value());
}

TEST_CASE("TOKEN authorizer: a missing, empty or invalid token answers 401 without calling the function") {
  Functions f;
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(Deployment(TokenAuthorizer(R"("identityValidationExpression": "^Bearer [a-z]+$")")));
  for (const char* token : {(const char*)nullptr, "", "Bearer UPPER", "bearer abc", "Bearer abc "}) {
    CAPTURE(token ? token : "(none)");
    net::HttpResponse r = Get(h, "/x", token);
    CHECK(r.status == 401);
    CHECK(r.body == R"({"message":"Unauthorized"})");
    CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "UnauthorizedException");
  }
  CHECK(f.calls() == 0);
  CHECK(Get(h, "/x", "Bearer abc").status == 200);
  CHECK(f.calls() == 1);
}

TEST_CASE("authorizer answers: deny, implicit deny, Unauthorized, failures") {
  Functions f;
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(Deployment(TokenAuthorizer(R"("authorizerResultTtlInSeconds": 0)")));

  f.auth = FakeInvoker::Ok(Policy("Deny", "*"));
  net::HttpResponse r = Get(h, "/x", "t");
  CHECK(r.status == 403);
  CHECK(r.body == R"({"Message":"User is not authorized to access this resource with an explicit deny"})");
  CHECK(r.body.size() == 82);  // as AWS answers it
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "AccessDeniedException");

  f.auth = FakeInvoker::Ok(Policy("Allow", "arn:aws:execute-api:us-east-1:000000000000:api1/dev/POST/*"));
  r = Get(h, "/x", "t");
  CHECK(r.status == 403);
  CHECK(r.body == R"({"Message":"User is not authorized to access this resource"})");

  f.auth = FakeInvoker::Fails("Unauthorized");
  r = Get(h, "/x", "t");
  CHECK(r.status == 401);
  CHECK(r.body == R"({"message":"Unauthorized"})");

  for (auto handler : {FakeInvoker::Fails("Invalid token"), FakeInvoker::Fails("unauthorized"),
                       FakeInvoker::Ok("not json"), FakeInvoker::Ok(R"({"principalId": "u"})"),
                       FakeInvoker::Ok(Policy("Allow", "*", R"({"nested": {"a": 1}})")), FakeInvoker::Ok("null")}) {
    f.auth = handler;
    r = Get(h, "/x", "t");
    CHECK(r.status == 500);
    CHECK(r.body == R"({"message":null})");
    CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "AuthorizerConfigurationException");
  }
  CHECK(fn.requests().back().function == kAuthFunction);  // the backend was never called after a refusal
}

TEST_CASE("authorizer: customized gateway responses apply to its errors") {
  Functions f;
  f.auth = FakeInvoker::Ok(Policy("Deny", "*", R"({"reason": "expired", "code": 7})"));
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  std::string deployment = Deployment(TokenAuthorizer());
  deployment.insert(deployment.size() - 1, R"(, "gatewayResponses": [{"responseType": "ACCESS_DENIED", "statusCode": "401",
      "responseTemplates": {"application/json": "{\"denied\": $context.error.messageString, \"why\": \"$context.authorizer.reason $context.authorizer.code $context.authorizer.principalId\"}"}}])");
  h.Publish(deployment);
  net::HttpResponse r = Get(h, "/x", "t");
  CHECK(r.status == 401);
  // A denying authorizer's context reaches the gateway response.
  CHECK(r.body ==
        R"({"denied": "User is not authorized to access this resource with an explicit deny", "why": "expired 7 user-1"})");
  // And again from the cache.
  r = Get(h, "/x", "t");
  CHECK(r.body ==
        R"({"denied": "User is not authorized to access this resource with an explicit deny", "why": "expired 7 user-1"})");
  CHECK(f.calls() == 1);
}

TEST_CASE("authorizer: results are cached by token for the TTL and re-evaluated per method ARN") {
  Functions f;
  f.auth = FakeInvoker::Ok(Policy("Allow", "arn:aws:execute-api:us-east-1:000000000000:api1/dev/GET/pets/1"));
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(Deployment(TokenAuthorizer(R"("authorizerResultTtlInSeconds": 60)")));

  CHECK(Get(h, "/pets/1", "tok").status == 200);
  CHECK(Get(h, "/pets/1", "tok").status == 200);
  CHECK(f.calls() == 1);
  // The cached policy does not cover another path (AWS Knowledge Center's {proxy+} case).
  CHECK(Get(h, "/pets/2", "tok").status == 403);
  CHECK(f.calls() == 1);
  // Another token is another entry.
  CHECK(Get(h, "/pets/1", "other").status == 200);
  CHECK(f.calls() == 2);
  h.clock().AdvanceMillis(59999);
  CHECK(Get(h, "/pets/1", "tok").status == 200);
  CHECK(f.calls() == 2);
  h.clock().AdvanceMillis(1);
  CHECK(Get(h, "/pets/1", "tok").status == 200);
  CHECK(f.calls() == 3);
  // Denials are cached too; 401s and failures are not.
  f.auth = FakeInvoker::Fails("Unauthorized");
  CHECK(Get(h, "/pets/1", "fresh").status == 401);
  CHECK(Get(h, "/pets/1", "fresh").status == 401);
  CHECK(f.calls() == 5);
}

TEST_CASE("authorizer: absent TTL means 300 s; TTL 0 calls every time") {
  Functions f;
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(Deployment(TokenAuthorizer()));
  Get(h, "/x", "t");
  h.clock().AdvanceMillis(299000);
  Get(h, "/x", "t");
  CHECK(f.calls() == 1);
  h.clock().AdvanceMillis(1000);
  Get(h, "/x", "t");
  CHECK(f.calls() == 2);

  h.Publish(Deployment(TokenAuthorizer(R"("authorizerResultTtlInSeconds": 0)")));
  Get(h, "/x", "t");
  Get(h, "/x", "t");
  CHECK(f.calls() == 4);
}

TEST_CASE("REQUEST authorizer: identity sources, the event, and a cache keyed by all of them") {
  Functions f;
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(Deployment(R"("type": "REQUEST", "authorizerResultTtlInSeconds": 300,
      "identitySource": "method.request.header.HeaderAuth1, method.request.querystring.QueryString1, stageVariables.StageVar1")"),
            R"({"stageName": "dev", "variables": {"StageVar1": "stageValue1"}})");
  auto call = [&](const char* header, const char* query) {
    std::string target = "/api1/dev/request";
    if (query) target += std::string("?QueryString1=") + query;
    net::HttpRequest req = Request("GET", target);
    if (header) req.headers.Add("HeaderAuth1", header);
    return h.Call(std::move(req));
  };
  CHECK(call(nullptr, "queryValue1").status == 401);
  CHECK(call("headerValue1", nullptr).status == 401);
  CHECK(call("headerValue1", "").status == 401);
  CHECK(f.calls() == 0);

  CHECK(call("headerValue1", "queryValue1").status == 200);
  JsonDoc event = Json(fn.requests().at(0).payload);
  CHECK(GetString(event, "type") == "REQUEST");
  CHECK(GetString(event, "methodArn") == "arn:aws:execute-api:us-east-1:000000000000:api1/dev/GET/request");
  CHECK(GetString(event, "resource") == "/{proxy+}");
  CHECK(GetString(event, "path") == "/request");
  CHECK(GetString(event, "httpMethod") == "GET");
  CHECK(GetString(*Member(event, "headers"), "HeaderAuth1") == "headerValue1");
  CHECK(GetString(*Member(event, "queryStringParameters"), "QueryString1") == "queryValue1");
  CHECK(GetString(*Member(event, "pathParameters"), "proxy") == "request");
  CHECK(GetString(*Member(event, "stageVariables"), "StageVar1") == "stageValue1");
  CHECK(GetString(*Member(event, "requestContext"), "resourcePath") == "/{proxy+}");
  CHECK(Member(event, "body") == nullptr);
  // The forwarding headers, as in the developer guide's REQUEST input example.
  CHECK(GetString(*Member(event, "headers"), "X-Forwarded-Proto") == "http");
  CHECK(GetString(*Member(event, "headers"), "X-Forwarded-For").has_value());

  CHECK(call("headerValue1", "queryValue1").status == 200);
  CHECK(f.calls() == 1);
  CHECK(call("headerValue1", "queryValue2").status == 200);  // one value differs: a new entry
  CHECK(f.calls() == 2);
}

TEST_CASE("REQUEST authorizer without identity sources is called every time") {
  Functions f;
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(Deployment(R"("type": "REQUEST", "authorizerResultTtlInSeconds": 300)"));
  CHECK(Get(h, "/x", nullptr).status == 200);
  CHECK(Get(h, "/x", nullptr).status == 200);
  CHECK(f.calls() == 2);
}

TEST_CASE("authorizer context in mapping templates: $context.authorizer.*, stringified") {
  Functions f;
  f.auth = FakeInvoker::Ok(Policy("Allow", "*", R"({"tenant": "t1", "level": 3, "admin": true})"));
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  std::string deployment = R"({"resources": [{"id": "r1", "path": "/m", "resourceMethods": {"GET": {
    "httpMethod": "GET", "authorizationType": "CUSTOM", "authorizerId": "a1", "methodIntegration": {
      "type": "MOCK", "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
      "integrationResponses": {"200": {"statusCode": "200",
        "responseParameters": {"method.response.header.X-Principal": "context.authorizer.principalId",
                               "method.response.header.X-Tenant": "context.authorizer.tenant"},
        "responseTemplates": {"application/json": "$context.authorizer.principalId $context.authorizer.tenant $context.authorizer.level $context.authorizer.admin [$!context.authorizer.missing]"}}}}}}}],
    "authorizers": [{"id": "a1", "name": "auth", "type": "TOKEN", "identitySource": "method.request.header.Authorization",
                     "authorizerUri": ")" + FunctionUri(kAuthFunction) + R"("}]})";
  h.Publish(deployment);
  net::HttpResponse r = Get(h, "/m", "t");
  CHECK(r.status == 200);
  CHECK(r.body == "user-1 t1 3 true []");
  CHECK(r.headers.GetOr("X-Principal", "") == "user-1");
  CHECK(r.headers.GetOr("X-Tenant", "") == "t1");
}

TEST_CASE("authorizer configuration errors: unknown authorizer, URI naming no function, function missing") {
  Functions f;
  FakeInvoker fn(f.Handler());
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  std::string unknown = Deployment(TokenAuthorizer());
  unknown.replace(unknown.find(R"("authorizerId": "a1")"), 20, R"("authorizerId": "zz")");
  h.Publish(unknown);
  net::HttpResponse r = Get(h, "/x", "t");
  CHECK(r.status == 500);
  CHECK(r.body == R"({"message":null})");

  std::string no_function = Deployment(TokenAuthorizer());
  no_function.replace(no_function.find(FunctionUri(kAuthFunction)), FunctionUri(kAuthFunction).size(), "arn:aws:lambda:nope");
  h.Publish(no_function);
  CHECK(Get(h, "/x", "t").status == 500);
  CHECK(fn.calls() == 0);

  FakeInvoker missing(
      [](const lambda::InvokeRequest&) {
        lambda::InvokeResult res;
        res.status = Status(404, "ResourceNotFoundException", "Function not found");
        return res;
      },
      FakeInvoker::Mode::kInline);
  Harness h2;
  h2.plane().set_lambda_invoker(&missing);
  h2.Publish(Deployment(TokenAuthorizer()));
  r = Get(h2, "/x", "t");
  CHECK(r.status == 500);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "AuthorizerConfigurationException");
}

TEST_CASE("authorizer that never answers: 500 after API Gateway's wait") {
  // Not waited for here (29 s): the unanswered call is left pending and the
  // harness goes; nothing may crash when the loops stop first.
  FakeInvoker fn(FakeInvoker::Ok("{}"), FakeInvoker::Mode::kNever);
  Harness h;
  h.plane().set_lambda_invoker(&fn);
  h.Publish(Deployment(TokenAuthorizer()));
  auto writer = std::make_shared<CapturingWriter>();
  net::HttpRequest req = Request("GET", "/api1/dev/x");
  req.headers.Add("Authorization", "t");
  h.plane().handler()(std::move(req), writer);
  CHECK_FALSE(writer->Wait(std::chrono::milliseconds(50)));
  CHECK(fn.calls() == 1);
}
