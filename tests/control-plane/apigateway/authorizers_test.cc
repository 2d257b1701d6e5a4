// CreateAuthorizer, GetAuthorizer(s), UpdateAuthorizer and DeleteAuthorizer
// through the real dispatcher. Recorded AWS answers: LocalStack's
// test_authorizer_crud_no_api and test_apigateway_with_custom_authorization_method
// snapshots; Terraform's acceptance-test and issue logs for the URI, token
// source and delete-conflict messages.
#include <doctest/doctest.h>

#include "control-plane/apigateway/service_client.h"

namespace apigw::testing {
namespace {

const char kUri[] =
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:myApiAuthorizer/invocations";

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }

std::string TokenBody(const std::string& extra = "") {
  return R"({"name":"auth","type":"TOKEN","authorizerUri":")" + std::string(kUri) + "\"" + extra + "}";
}

TEST_CASE("CreateAuthorizer answers AWS's shape (recorded)") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string authorizers = "/restapis/" + api + "/authorizers";
  // AWS accepted this URI with blanks after "path/" (the recorded test's line continuation).
  const std::string spaced = "arn:aws:apigateway:us-east-1:lambda:path/                 2015-03-31/functions/"
                             "arn:aws:lambda:us-east-1:111111111111:function:fn/invocations";
  Reply r = c.Call("POST", authorizers,
                   R"({"name":"lambda_authorizer","type":"TOKEN","authorizerUri":")" + spaced +
                       R"(","identitySource":"method.request.header.Auth"})");
  CHECK(r.status == 201);
  JsonDoc want = ParseJson(R"({"authType":"custom","authorizerUri":")" + spaced + R"(","id":"b000002",)"
                           R"("identitySource":"method.request.header.Auth","name":"lambda_authorizer","type":"TOKEN"})")
                     .value();
  SetString(want, "id", r.Str("id"), want.GetAllocator());
  CHECK(r.Str("id").size() == 6);
  CHECK(r.json == want);  // no authorizerResultTtlInSeconds unless given
  CHECK(c.Call("GET", authorizers + "/" + r.Str("id")).body == r.body);

  // The put method may now name it.
  Reply method = c.Call("PUT", "/restapis/" + api + "/resources/" + root + "/methods/GET",
                        R"({"authorizationType":"CUSTOM","authorizerId":")" + r.Str("id") + R"(","apiKeyRequired":true})");
  CHECK(method.status == 201);
  CHECK(method.Str("authorizerId") == r.Str("id"));
}

TEST_CASE("CreateAuthorizer defaults per type") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string authorizers = "/restapis/" + api + "/authorizers";
  Reply token = c.Call("POST", authorizers, TokenBody(R"(,"authorizerResultTtlInSeconds":0)"));
  CHECK(token.status == 201);
  CHECK(token.Str("identitySource") == "method.request.header.Authorization");
  CHECK(token.Json("authorizerResultTtlInSeconds") == "0");

  Reply request = c.Call("POST", authorizers,
                         R"({"name":"req","type":"REQUEST","authorizerUri":")" + std::string(kUri) + "\"}");
  CHECK(request.status == 201);
  CHECK_FALSE(request.Has("identitySource"));
  CHECK(request.Str("authType") == "custom");
  request = c.Call("POST", authorizers,
                   R"({"name":"req2","type":"REQUEST","authorizerUri":")" + std::string(kUri) +
                       R"(","identitySource":"method.request.header.a, method.request.querystring.b","authType":"mine",)"
                       R"("authorizerResultTtlInSeconds":3600,"identityValidationExpression":"^x"})");
  CHECK(request.status == 201);
  CHECK(request.Str("identitySource") == "method.request.header.a, method.request.querystring.b");
  CHECK(request.Str("authType") == "mine");
  CHECK(request.Str("identityValidationExpression") == "^x");

  const std::string pool = "arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_abc";
  Reply cognito = c.Call("POST", authorizers,
                         R"({"name":"cog","type":"COGNITO_USER_POOLS","providerARNs":[")" + pool +
                             R"("],"authorizerCredentials":"arn:aws:iam::111111111111:role/r"})");
  CHECK(cognito.status == 201);
  CHECK(cognito.Str("authType") == "cognito_user_pools");
  CHECK(cognito.Str("identitySource") == "method.request.header.Authorization");
  CHECK(cognito.Json("providerARNs") == "[\"" + pool + "\"]");
  CHECK_FALSE(cognito.Has("authorizerCredentials"));  // AWS drops them at creation
  CHECK_FALSE(cognito.Has("authorizerUri"));

  Reply all = c.Call("GET", authorizers);
  CHECK(all.status == 200);
  REQUIRE(Member(all.json, "item")->Size() == 4);
  CHECK(GetString((*Member(all.json, "item"))[3], "name") == "cog");
  Reply page = c.Call("GET", authorizers + "?limit=3");
  CHECK(Member(page.json, "item")->Size() == 3);
  REQUIRE(page.Has("position"));
  Reply rest = c.Call("GET", authorizers + "?limit=3&position=" + page.Str("position"));
  REQUIRE(Member(rest.json, "item")->Size() == 1);
  CHECK(GetString((*Member(rest.json, "item"))[0], "name") == "cog");
}

TEST_CASE("CreateAuthorizer refuses what AWS refuses") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string authorizers = "/restapis/" + api + "/authorizers";
  struct Case {
    std::string body;
    std::string message;
  };
  const std::string uri_tail = ". Authorizer URI should be a valid API Gateway ARN that represents a Lambda function "
                               "invocation.";
  const std::string region_uri = "arn:aws:apigateway:region:lambda:path/2015-03-31/functions/"
                                 "arn:aws:lambda:us-west-2:1:function:f/invocations";
  const std::string source_tail =
      ". The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'.";
  for (const Case& k : std::vector<Case>{
           {R"({"name":"a","type":"TOKEN","authorizerUri":")" + region_uri + "\"}",
            "Invalid Authorizer URI: " + region_uri + uri_tail},
           {R"({"name":"a","type":"REQUEST"})", "Invalid Authorizer URI: null" + uri_tail},
           {R"({"name":"a","type":"TOKEN","authorizerUri":"arn:aws:lambda:us-east-1:1:function:f"})",
            "Invalid Authorizer URI: arn:aws:lambda:us-east-1:1:function:f" + uri_tail},
           {TokenBody(R"(,"identitySource":"method.request.querystring.key")"),
            "Invalid token source expression: method.request.querystring.key" + source_tail},
           {TokenBody(R"(,"identitySource":"method.request.header.")"),
            "Invalid token source expression: method.request.header." + source_tail},
           {TokenBody(R"(,"identitySource":"")"), "Invalid token source expression: " + source_tail},
           {R"({"name":"c","type":"COGNITO_USER_POOLS","identitySource":"method.request.header.A B"})",
            "Invalid token source expression: method.request.header.A B" + source_tail},
       }) {
    INFO(k.body);
    Reply r = c.Call("POST", authorizers, k.body);
    CHECK(r.status == 400);
    CHECK(r.error_type == "BadRequestException");
    CHECK(r.message == k.message);
  }
  // Not recorded, refused all the same.
  CHECK(c.Call("POST", authorizers, R"({"name":"c","type":"COGNITO_USER_POOLS"})").status == 400);
  CHECK(c.Call("POST", authorizers, TokenBody(R"(,"authorizerResultTtlInSeconds":3601)")).status == 400);
  CHECK(c.Call("POST", authorizers, TokenBody(R"(,"authorizerResultTtlInSeconds":-1)")).status == 400);
  // The model's checks: required members and the type enum.
  CHECK(c.Call("POST", authorizers, R"({"name":"a"})").status == 400);
  CHECK(c.Call("POST", authorizers, R"({"name":"a","type":"JWT"})").status == 400);
  CHECK(c.Call("POST", authorizers, "{not json").status == 400);
  CHECK(Member(c.Call("GET", authorizers).json, "item")->Size() == 0);
}

TEST_CASE("authorizers of a missing API (test_authorizer_crud_no_api)") {
  ServiceClient c;
  const std::string authorizers = "/restapis/test-fake-rest-id/authorizers";
  Reply r = c.Call("POST", authorizers,
                   TokenBody(R"(,"identitySource":"method.request.header.Authorization")"));
  CHECK(r.status == 409);
  CHECK(r.error_type == "ConflictException");
  CHECK(r.message == "Unable to complete operation due to concurrent modification. Please try again later.");
  // The input is checked before the API is looked for.
  CHECK(c.Call("POST", authorizers, R"({"name":"a","type":"TOKEN","authorizerUri":"x"})").status == 400);
  r = c.Call("GET", authorizers);
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid API identifier specified 111111111111:test-fake-rest-id");
  for (const Reply& missing : {c.Call("GET", authorizers + "/abc123"), c.Call("DELETE", authorizers + "/abc123"),
                               c.Call("PATCH", authorizers + "/abc123", Patch(""))}) {
    CHECK(missing.status == 404);
    CHECK(missing.message == "Invalid Authorizer identifier specified");
  }
}

TEST_CASE("UpdateAuthorizer") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  const std::string authorizers = "/restapis/" + api + "/authorizers";
  Reply created = c.Call("POST", authorizers, TokenBody());
  REQUIRE(created.status == 201);
  const std::string one = authorizers + "/" + created.Str("id");
  CHECK(c.Call("PATCH", authorizers + "/nope12", Patch("")).message == "Invalid Authorizer identifier specified");

  Reply r = c.Call("PATCH", one,
                   Patch(R"({"op":"replace","path":"/name","value":"renamed"},)"
                         R"({"op":"replace","path":"/authorizerResultTtlInSeconds","value":"60"},)"
                         R"({"op":"replace","path":"/identitySource","value":"method.request.header.X-Token"},)"
                         R"({"op":"replace","path":"/identityValidationExpression","value":"^Bearer .+$"},)"
                         R"({"op":"replace","path":"/type","value":"REQUEST"})"));
  CHECK(r.status == 200);
  CHECK(r.Str("name") == "renamed");
  CHECK(r.Json("authorizerResultTtlInSeconds") == "60");
  CHECK(r.Str("identitySource") == "method.request.header.X-Token");
  CHECK(r.Str("identityValidationExpression") == "^Bearer .+$");
  CHECK(r.Str("type") == "REQUEST");
  CHECK(c.Call("GET", one).body == r.body);
  const std::string saved = r.body;

  struct Case {
    std::string ops;
    std::string message;
  };
  for (const Case& k : std::vector<Case>{
           {R"({"op":"replace","path":"/authorizerUri","value":"nope"})",
            "Invalid Authorizer URI: nope. Authorizer URI should be a valid API Gateway ARN that represents a Lambda "
            "function invocation."},
           {R"({"op":"replace","path":"/authorizerResultTtlInSeconds","value":"ten"})",
            "Invalid value 'ten' specified for patch path /authorizerResultTtlInSeconds"},
           {R"({"op":"replace","path":"/type","value":"JWT"})", "Invalid authorizer type specified: JWT"},
           {R"({"op":"replace","path":"/id","value":"x"})",
            "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/name, /type, /authType, "
            "/authorizerUri, /authorizerCredentials, /identitySource, /identityValidationExpression, "
            "/authorizerResultTtlInSeconds]"},
           // back to TOKEN with a query string source: the whole result is checked
           {R"({"op":"replace","path":"/identitySource","value":"method.request.querystring.t"},)"
            R"({"op":"replace","path":"/type","value":"TOKEN"})",
            "Invalid token source expression: method.request.querystring.t. The source must be a method request "
            "header, matching 'method.request.header.[a-zA-Z0-9._-]+'."},
       }) {
    INFO(k.ops);
    Reply bad = c.Call("PATCH", one, Patch(k.ops));
    CHECK(bad.status == 400);
    CHECK(bad.message == k.message);
  }
  CHECK(c.Call("GET", one).body == saved);

  // Cognito pools: added and removed one at a time; never none.
  const std::string pool_a = "arn:aws:cognito-idp:us-east-1:111111111111:userpool/a";
  const std::string pool_b = "arn:aws:cognito-idp:us-east-1:111111111111:userpool/b";
  Reply cognito = c.Call("POST", authorizers,
                         R"({"name":"cog","type":"COGNITO_USER_POOLS","providerARNs":[")" + pool_a + "\"]}");
  REQUIRE(cognito.status == 201);
  const std::string cog = authorizers + "/" + cognito.Str("id");
  r = c.Call("PATCH", cog, Patch(R"({"op":"add","path":"/providerARNs","value":")" + pool_b + R"("},)"
                                 R"({"op":"add","path":"/providerARNs","value":")" + pool_b + R"("},)"
                                 R"({"op":"remove","path":"/providerARNs","value":")" + pool_a + R"("},)"
                                 R"({"op":"replace","path":"/authorizerCredentials","value":"arn:aws:iam::1:role/r"})"));
  CHECK(r.status == 200);
  CHECK(r.Json("providerARNs") == "[\"" + pool_b + "\"]");
  CHECK(r.Str("authorizerCredentials") == "arn:aws:iam::1:role/r");
  r = c.Call("PATCH", cog, Patch(R"({"op":"remove","path":"/providerARNs","value":")" + pool_b + "\"}"));
  CHECK(r.status == 400);
  CHECK(c.Call("GET", cog).Json("providerARNs") == "[\"" + pool_b + "\"]");
  CHECK(c.Call("PATCH", cog, Patch(R"({"op":"add","path":"/providerARNs"})")).status == 400);
}

TEST_CASE("DeleteAuthorizer is refused while a method uses the authorizer") {
  ServiceClient c;
  auto [api, root] = c.CreateApi();
  Reply pets = c.Call("POST", "/restapis/" + api + "/resources/" + root, R"({"pathPart":"pets"})");
  REQUIRE(pets.status == 201);
  Reply created = c.Call("POST", "/restapis/" + api + "/authorizers",
                         R"({"name":"my-auth","type":"TOKEN","authorizerUri":")" + std::string(kUri) + "\"}");
  REQUIRE(created.status == 201);
  const std::string id = created.Str("id");
  const std::string method = "/restapis/" + api + "/resources/" + pets.Str("id") + "/methods/GET";
  REQUIRE(c.Call("PUT", method, R"({"authorizationType":"CUSTOM","authorizerId":")" + id + "\"}").status == 201);

  const std::string one = "/restapis/" + api + "/authorizers/" + id;
  Reply r = c.Call("DELETE", one);
  CHECK(r.status == 409);
  CHECK(r.error_type == "ConflictException");
  CHECK(r.message == "Cannot delete authorizer 'my-auth', is referenced in method: GET//pets");
  CHECK(c.Call("GET", one).status == 200);

  REQUIRE(c.Call("PATCH", method, Patch(R"({"op":"replace","path":"/authorizationType","value":"NONE"})")).status ==
          200);
  r = c.Call("DELETE", one);
  CHECK(r.status == 202);
  CHECK(r.body.empty());
  CHECK(c.Call("GET", one).message == "Invalid Authorizer identifier specified");
  CHECK(c.Call("DELETE", one).status == 404);
  // A method can no longer name it.
  CHECK(c.Call("PUT", "/restapis/" + api + "/resources/" + root + "/methods/GET",
               R"({"authorizationType":"CUSTOM","authorizerId":")" + id + "\"}")
            .status == 400);
}

}  // namespace
}  // namespace apigw::testing
