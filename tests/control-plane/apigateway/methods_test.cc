// PutMethod, GetMethod, UpdateMethod and DeleteMethod, and the method
// response family, through the real dispatcher; expected answers are AWS's
// as recorded.
#include <doctest/doctest.h>

#include "control-plane/apigateway/rest_records.h"
#include "control-plane/apigateway/rest_test_client.h"

namespace apigw::testing {
namespace {

std::string Patch(const std::string& ops) { return "{\"patchOperations\":[" + ops + "]}"; }

constexpr const char* kAuthorizerMessage =
    "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a "
    "valid authorizer.";

TEST_CASE("method lifecycle: put 201, get, delete 204, then not found") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  Reply put = c.PutMethod(api, root, "ANY");
  CHECK(put.status == 201);
  CHECK(put.body == R"({"httpMethod":"ANY","authorizationType":"NONE","apiKeyRequired":false})");
  Reply get = c.Call("GET", c.MethodPath(api, root, "ANY"));
  CHECK(get.status == 200);
  CHECK(get.body == put.body);
  Reply again = c.PutMethod(api, root, "ANY");
  CHECK(again.status == 409);
  CHECK(again.message == "Method already exists for this resource");
  CHECK(c.Call("DELETE", c.MethodPath(api, root, "ANY")).status == 204);
  Reply gone = c.Call("GET", c.MethodPath(api, root, "ANY"));
  CHECK(gone.status == 404);
  CHECK(gone.message == "Invalid Method identifier specified");
  CHECK(c.Call("DELETE", c.MethodPath(api, root, "ANY")).message == "Invalid Method identifier specified");
}

TEST_CASE("PutMethod keeps what it is given and upper-cases the authorization type") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  Reply r = c.PutMethod(api, root, "POST",
                        R"({"authorizationType":"none","apiKeyRequired":true,"operationName":"Op",)"
                        R"("requestParameters":{"method.request.querystring.q_required":true,)"
                        R"("method.request.header.h_optional":false,"method.request.path.p":true},)"
                        R"("requestModels":{"application/json":"Empty"}})");
  CHECK(r.status == 201);
  CHECK(r.Str("authorizationType") == "NONE");
  CHECK(r.Json("apiKeyRequired") == "true");
  CHECK(r.Str("operationName") == "Op");
  CHECK(r.Json("requestParameters") ==
        R"({"method.request.querystring.q_required":true,"method.request.header.h_optional":false,)"
        R"("method.request.path.p":true})");
  CHECK(r.Json("requestModels") == R"({"application/json":"Empty"})");
}

TEST_CASE("PutMethod validates with AWS's messages") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  Reply r = c.PutMethod("fake-api", root, "WRONG");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Resource identifier specified");
  r = c.PutMethod(api, "fake-resource-id", "WRONG");
  CHECK(r.message == "Invalid Resource identifier specified");
  r = c.PutMethod(api, root, "WRONG");
  CHECK(r.status == 400);
  CHECK(r.message == "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
  r = c.PutMethod(api, root, "ANY", R"({"authorizationType":"CUSTOM"})");
  CHECK(r.message == kAuthorizerMessage);
  r = c.PutMethod(api, root, "ANY", R"({"authorizationType":"COGNITO_USER_POOLS","authorizerId":"nope"})");
  CHECK(r.message == kAuthorizerMessage);
  r = c.PutMethod(api, root, "ANY", R"({"authorizationType":"NONE","requestValidatorId":"fake-validator"})");
  CHECK(r.message == "Invalid Request Validator identifier specified");
  r = c.PutMethod(api, root, "ANY", R"({"authorizationType":"NONE","requestModels":{"application/json":"petModel"}})");
  CHECK(r.message == "Invalid model identifier specified: petModel");
  r = c.PutMethod(api, root, "GET",
                  R"({"authorizationType":"NONE","requestParameters":{"method.request.querystring.optional":false,)"
                  R"("method.request.header.optional":false}})");
  CHECK(r.message == "Parameter names must be unique across querystring, header and path");
  r = c.PutMethod(api, root, "POST",
                  R"({"authorizationType":"NONE","requestParameters":{"method.request.path.testPath":true,"true":true}})");
  CHECK(r.message ==
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping "
        "expression specified: true]");
  r = c.PutMethod(api, root, "GET", "{}");
  CHECK(r.status == 400);  // authorizationType is required
  // None of these created a method.
  CHECK_FALSE(c.Call("GET", "/restapis/" + api + "/resources/" + root).Has("resourceMethods"));

  // With the records it names, the same put works.
  REQUIRE(c.store().Put(cp::apigateway::kind::kAuthorizer, api, "auth01", R"({"id":"auth01"})").ok());
  REQUIRE(c.store().Put(cp::apigateway::kind::kRequestValidator, api, "val001", R"({"id":"val001"})").ok());
  r = c.PutMethod(api, root, "ANY",
                  R"({"authorizationType":"CUSTOM","authorizerId":"auth01","requestValidatorId":"val001"})");
  CHECK(r.status == 201);
  CHECK(r.Str("authorizerId") == "auth01");
  CHECK(r.Str("requestValidatorId") == "val001");
}

TEST_CASE("UpdateMethod adds, replaces and removes as AWS does") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  REQUIRE(c.PutMethod(api, root, "ANY").status == 201);
  std::string path = c.MethodPath(api, root, "ANY");
  Reply r = c.Call("PATCH", path,
                   Patch(R"({"op":"add","path":"/requestParameters/method.request.querystring.optional","value":"true"},)"
                         R"({"op":"add","path":"/requestModels/application~1json","value":"Empty"})"));
  CHECK(r.status == 200);
  CHECK(r.Json("requestModels") == R"({"application/json":"Empty"})");
  CHECK(r.Json("requestParameters") == R"({"method.request.querystring.optional":true})");

  r = c.Call("PATCH", path,
             Patch(R"({"op":"replace","path":"/operationName","value":"ReplacedOperationName"},)"
                   R"({"op":"replace","path":"/apiKeyRequired","value":"true"},)"
                   R"({"op":"replace","path":"/authorizationType","value":"AWS_IAM"},)"
                   R"({"op":"replace","path":"/requestParameters/method.request.querystring.optional","value":"false"})"));
  CHECK(r.Str("operationName") == "ReplacedOperationName");
  CHECK(r.Json("apiKeyRequired") == "true");
  CHECK(r.Str("authorizationType") == "AWS_IAM");
  CHECK(r.Json("requestParameters") == R"({"method.request.querystring.optional":false})");

  REQUIRE(c.store().Put(cp::apigateway::kind::kAuthorizer, api, "auth01", R"({"id":"auth01"})").ok());
  r = c.Call("PATCH", path,
             Patch(R"({"op":"replace","path":"/authorizerId","value":"auth01"},)"
                   R"({"op":"replace","path":"/authorizationType","value":"CUSTOM"})"));
  CHECK(r.status == 200);
  CHECK(r.Str("authorizationType") == "CUSTOM");
  CHECK(r.Str("authorizerId") == "auth01");

  // Emptied maps disappear.
  r = c.Call("PATCH", path,
             Patch(R"({"op":"remove","path":"/requestParameters/method.request.querystring.optional","value":"true"},)"
                   R"({"op":"remove","path":"/requestModels/application~1json","value":"Empty"})"));
  CHECK(r.body ==
        R"({"httpMethod":"ANY","authorizationType":"CUSTOM","authorizerId":"auth01","apiKeyRequired":true,)"
        R"("operationName":"ReplacedOperationName"})");
  CHECK(c.Call("GET", path).body == r.body);
}

TEST_CASE("UpdateMethod refuses what AWS refuses") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  Reply r = c.Call("PATCH", c.MethodPath("fake-api", root, "ANY"), Patch(""));
  CHECK(r.message == "Invalid Resource identifier specified");
  r = c.Call("PATCH", c.MethodPath(api, "fake-resource-id", "ANY"), Patch(""));
  CHECK(r.message == "Invalid Resource identifier specified");
  r = c.Call("PATCH", c.MethodPath(api, root, "GET"),
             Patch(R"({"op":"replace","path":"/operationName","value":"methodDoesNotExist"})"));
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Method identifier specified");

  REQUIRE(c.PutMethod(api, root, "ANY", R"({"authorizationType":"NONE","apiKeyRequired":true})").status == 201);
  std::string path = c.MethodPath(api, root, "ANY");
  auto one = [&](const std::string& op) { return c.Call("PATCH", path, Patch(op)); };
  r = one(R"({"op":"add","path":"/operationName","value":"operationName"})");
  CHECK(r.message == "Invalid patch operation specified. Must be one of: [replace]");
  r = one(R"({"op":"add","path":"/requestValidatorId","value":"wrong-id"})");
  CHECK(r.message == "Invalid patch operation specified. Must be one of: [replace]");
  r = one(R"({"op":"add","path":"/httpMethod","value":"PUT"})");
  CHECK(r.message == "Invalid patch path /httpMethod");
  r = one(R"({"op":"replace","path":"/requestParameters","value":"method.request.querystring.optional=false"})");
  CHECK(r.message == "Invalid patch path /requestParameters");
  r = one(R"({"op":"add","path":"/requestModels/application/json","value":"Empty"})");
  CHECK(r.message == "Invalid patch path /requestModels/application/json");
  r = one(R"({"op":"add","path":"/requestModels/application~1json","value":"NoSuchModel"})");
  CHECK(r.message == "Invalid model identifier specified: NoSuchModel");

  // A value that is not "true" is false.
  r = one(R"({"op":"replace","path":"/apiKeyRequired","value":"whatever"})");
  CHECK(r.status == 200);
  CHECK(r.Json("apiKeyRequired") == "false");

  r = one(R"({"op":"replace","path":"/authorizationType","value":"CUSTOM"})");
  CHECK(r.message == kAuthorizerMessage);
  // An authorizer id on a method that needs none is ignored.
  r = one(R"({"op":"replace","path":"/authorizerId","value":"abc123"})");
  CHECK(r.status == 200);
  CHECK_FALSE(r.Has("authorizerId"));
  r = one(R"({"op":"replace","path":"/authorizationType","value":"CUSTOM"},{"op":"replace","path":"/authorizerId","value":"abc123"})");
  CHECK(r.message == kAuthorizerMessage);
  r = one(R"({"op":"replace","path":"/requestValidatorId","value":"fake-id"})");
  CHECK(r.message == "Invalid Request Validator identifier specified");
  CHECK(c.Call("GET", path).body == R"({"httpMethod":"ANY","authorizationType":"NONE","apiKeyRequired":false})");
}

TEST_CASE("method responses: put, conflict, get, update, delete") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  REQUIRE(c.PutMethod(api, root, "GET").status == 201);
  std::string path = c.MethodPath(api, root, "GET") + "/responses/200";
  Reply r = c.Call("PUT", path, R"({"responseParameters":{},"responseModels":{}})");
  CHECK(r.status == 201);
  CHECK(r.body == R"({"statusCode":"200","responseParameters":{},"responseModels":{}})");
  CHECK(c.Call("GET", path).body == r.body);
  r = c.Call("PUT", path, "{}");
  CHECK(r.status == 409);
  CHECK(r.message == "Response already exists for this resource");

  r = c.Call("PATCH", path,
             Patch(R"({"op":"add","path":"/responseParameters/method.response.header.my-header","value":"true"},)"
                   R"({"op":"add","path":"/responseModels/application~1json","value":"Empty"})"));
  CHECK(r.status == 201);  // UpdateMethodResponse answers 201 on AWS
  CHECK(r.body ==
        R"({"statusCode":"200","responseParameters":{"method.response.header.my-header":true},)"
        R"("responseModels":{"application/json":"Empty"}})");
  Reply method = c.Call("GET", c.MethodPath(api, root, "GET"));
  CHECK(method.Json("methodResponses") == R"({"200":)" + r.body + "}");

  r = c.Call("PATCH", path,
             Patch(R"({"op":"remove","path":"/responseParameters/method.response.header.my-header","value":"true"},)"
                   R"({"op":"remove","path":"/responseModels/application~1json","value":"Empty"})"));
  CHECK(r.body == R"({"statusCode":"200"})");

  CHECK(c.Call("DELETE", path).status == 204);
  Reply gone = c.Call("GET", path);
  CHECK(gone.status == 404);
  CHECK(gone.message == "Invalid Response status code specified");
  CHECK_FALSE(c.Call("GET", c.MethodPath(api, root, "GET")).Has("methodResponses"));
}

TEST_CASE("UpdateMethodResponse refuses what AWS refuses") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  REQUIRE(c.PutMethod(api, root, "GET").status == 201);
  std::string method = c.MethodPath(api, root, "GET");
  REQUIRE(c.Call("PUT", method + "/responses/200",
                 R"({"responseParameters":{"method.response.header.my-header":false},"responseModels":{"application/json":"Empty"}})")
              .status == 201);
  auto patch = [&](const std::string& code, const std::string& op) {
    return c.Call("PATCH", method + "/responses/" + code, Patch(op));
  };
  const std::string header = R"("path":"/responseParameters/method.response.header.my-header","value":"true")";
  Reply r = patch("201", R"({"op":"replace",)" + header + "}");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid Response status code specified");
  r = patch("wrong", R"({"op":"replace",)" + header + "}");
  CHECK(r.error_type == "ValidationException");
  CHECK(r.message ==
        "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must "
        "satisfy regular expression pattern: [1-5]\\d\\d");
  r = c.Call("PATCH", c.MethodPath(api, "wrong", "GET") + "/responses/200", Patch(R"({"op":"replace",)" + header + "}"));
  CHECK(r.message == "Invalid Resource identifier specified");
  r = c.Call("PATCH", c.MethodPath(api, root, "POST") + "/responses/200", Patch(R"({"op":"replace",)" + header + "}"));
  CHECK(r.message == "Invalid Method identifier specified");

  r = patch("200", R"({"op":"replace","path":"/responseParameters/wrong","value":"true"})");
  CHECK(r.status == 404);
  CHECK(r.message == "Invalid parameter name specified");
  r = patch("200", R"({"op":"remove","path":"/responseParameters/wrong"})");
  CHECK(r.message == "Invalid parameter name specified");
  r = patch("200", R"({"op":"replace","path":"/responseModels/wrong","value":"Empty"})");
  CHECK(r.message == "Content-Type specified was not found");
  r = patch("200", R"({"op":"remove","path":"/responseModels/wrong"})");
  CHECK(r.message == "Content-Type specified was not found");
  r = patch("200", R"({"op":"remove","path":"/wrong/method.response.header.my-header","value":"true"})");
  CHECK(r.status == 400);
  CHECK(r.message == "Invalid patch path /wrong/method.response.header.my-header");
  r = patch("200", R"({"op":"wrong_op",)" + header + R"(},{"op":"remove","path":"/x"},{"op":"wrong_op",)" + header + "}");
  CHECK(r.message ==
        "2 validation errors detected: Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.1.member.op' "
        "failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; "
        "Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.3.member.op' failed to satisfy constraint: "
        "Member must satisfy enum value set: [add, remove, move, test, replace, copy]");

  // Responses without maps: removing from them is "not found".
  REQUIRE(c.Call("PUT", method + "/responses/400", "{}").status == 201);
  r = patch("400", R"({"op":"remove",)" + header + "}");
  CHECK(r.message == "Invalid parameter name specified");
  r = patch("400", R"({"op":"remove","path":"/responseModels/application~1json","value":"Empty"})");
  CHECK(r.message == "Content-Type specified was not found");
}

TEST_CASE("DeleteModel is refused while a method request uses the model") {
  RestTestClient c;
  auto [api, root] = c.CreateApi();
  const std::string models = "/restapis/" + api + "/models";
  for (const char* name : {"MySchema", "MySchemaTwo"}) {
    REQUIRE(c.Call("POST", models,
                   std::string(R"({"name":")") + name +
                       R"(","contentType":"application/json","description":"","schema":"{\"type\":\"object\"}"})")
                .status == 201);
  }
  REQUIRE(c.PutMethod(api, root, "ANY", R"({"authorizationType":"NONE","requestModels":{"application/json":"MySchema"}})")
              .status == 201);
  Reply r = c.Call("DELETE", models + "/MySchema");
  CHECK(r.status == 409);
  CHECK(r.message == "Cannot delete model 'MySchema', is referenced in method request: //ANY");
  REQUIRE(c.Call("PATCH", c.MethodPath(api, root, "ANY"),
                 Patch(R"({"op":"replace","path":"/requestModels/application~1json","value":"MySchemaTwo"})"))
              .status == 200);
  CHECK(c.Call("DELETE", models + "/MySchema").status == 202);

  std::string test = c.CreateResource(api, root, "test");
  REQUIRE(c.PutMethod(api, test, "ANY", R"({"authorizationType":"NONE","requestModels":{"application/json":"MySchemaTwo"}})")
              .status == 201);
  r = c.Call("DELETE", models + "/MySchemaTwo");
  CHECK(r.message == "Cannot delete model 'MySchemaTwo', is referenced in method request: /test/ANY");
  REQUIRE(c.Call("DELETE", c.MethodPath(api, test, "ANY")).status == 204);
  r = c.Call("DELETE", models + "/MySchemaTwo");
  CHECK(r.message == "Cannot delete model 'MySchemaTwo', is referenced in method request: //ANY");
  REQUIRE(c.Call("DELETE", c.MethodPath(api, root, "ANY")).status == 204);
  CHECK(c.Call("DELETE", models + "/MySchemaTwo").status == 202);
}

}  // namespace
}  // namespace apigw::testing
