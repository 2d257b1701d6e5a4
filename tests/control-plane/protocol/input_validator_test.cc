// Tests of model validation. Expected messages are AWS's own, as recorded in
// LocalStack's snapshots (tests/aws/services/{apigateway,lambda_}/*.snapshot.json).
#include <doctest/doctest.h>

#include "control-plane/protocol/input_validator.h"
#include "control-plane/protocol/operation_router.h"
#include "control-plane/protocol/request_decoder.h"
#include "test_support.h"

namespace apigw::cp {
namespace {

using testing::Model;
using testing::Request;

// Routes, decodes and validates like the dispatcher does.
Status Check(const std::string& service, net::HttpRequest request) {
  OperationRouter router(Model(service));
  std::optional<RouteMatch> m = router.Match(request.method, request.path, ParseQuery(request.query));
  if (!m) return Status::NotFound("no route");
  StatusOr<JsonDoc> in = DecodeRequest(*m->operation, m->labels, request, DialectFor(service));
  if (!in.ok()) return in.status();
  return ValidateInput(*m->operation, *in, DialectFor(service));
}

TEST_CASE("apigateway: an enum in a URI label (get-gateway-response-wrong-response-type)") {
  Status st = Check("apigateway", Request("GET", "/restapis/abc/gatewayresponses/FAKE_RESPONSE_TYPE"));
  CHECK(st.http_status() == 400);
  CHECK(st.type() == "ValidationException");
  CHECK(st.message() ==
        "1 validation error detected: Value 'FAKE_RESPONSE_TYPE' at 'responseType' failed to satisfy constraint: "
        "Member must satisfy enum value set: [REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, "
        "MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, BAD_REQUEST_PARAMETERS, "
        "AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, "
        "QUOTA_EXCEEDED, THROTTLED, API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN]");
  CHECK(Check("apigateway", Request("GET", "/restapis/abc/gatewayresponses/DEFAULT_4XX")).ok());
}

TEST_CASE("apigateway: list elements as '<op>Input.patchOperations.N.member.op', body before labels") {
  Status st = Check("apigateway", Request("PATCH", "/restapis/a/gatewayresponses/DEFAULT_4XX",
                                          R"({"patchOperations":[{"op":"wrong-op","path":"/statusCode","value":"444"}]})"));
  CHECK(st.type() == "ValidationException");
  CHECK(st.message() ==
        "1 validation error detected: Value 'wrong-op' at 'updateGatewayResponseInput.patchOperations.1.member.op' "
        "failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]");

  // update-method-response-invalid-statuscode-and-wrong-op
  st = Check("apigateway", Request("PATCH", "/restapis/a/resources/r/methods/GET/responses/wrong",
                                   R"({"patchOperations":[{"op":"wrong_op","path":"/x"}]})"));
  CHECK(st.message() ==
        "2 validation errors detected: Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.1.member.op' "
        "failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; "
        "Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: "
        "[1-5]\\d\\d");

  // update-method-response-wrong-operation-5: only the bad elements, 1-based.
  st = Check("apigateway", Request("PATCH", "/restapis/a/resources/r/methods/GET/responses/200",
                                   R"({"patchOperations":[{"op":"wrong_op"},{"op":"add"},{"op":"wrong_op"}]})"));
  CHECK(st.message() ==
        "2 validation errors detected: Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.1.member.op' "
        "failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; "
        "Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.3.member.op' failed to satisfy constraint: "
        "Member must satisfy enum value set: [add, remove, move, test, replace, copy]");
}

TEST_CASE("apigateway: nested enums and enum lists (create-with-invalid-ip-address-type-and-types)") {
  Status st = Check("apigateway", Request("POST", "/restapis",
                                          R"({"name":"n","endpointConfiguration":{"types":["wrong"],"ipAddressType":"wrong"}})"));
  CHECK(st.message() ==
        "2 validation errors detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to "
        "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, "
        "REGIONAL]]; Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [ipv4, dualstack]");
  st = Check("apigateway", Request("PUT", "/restapis/a/resources/r/methods/GET/integration", R"({"type":"HTTPS_PROXY"})"));
  CHECK(st.message() ==
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: "
        "Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]");
}

TEST_CASE("apigateway: missing required members") {
  Status st = Check("apigateway", Request("POST", "/restapis", "{}"));
  CHECK(st.type() == "ValidationException");
  CHECK(st.message() ==
        "1 validation error detected: Value null at 'createRestApiInput.name' failed to satisfy constraint: Member "
        "must not be null");
  CHECK(Check("apigateway", Request("POST", "/restapis", R"({"name":"ok"})")).ok());
  st = Check("apigateway", Request("PUT", "/restapis/a/resources/r/methods/GET", "{}"));
  CHECK(st.message() ==
        "1 validation error detected: Value null at 'putMethodInput.authorizationType' failed to satisfy constraint: "
        "Member must not be null");
}

TEST_CASE("lambda: member paths without prefix, lower camel case") {
  // untag_empty_keys
  Status st = Check("lambda", Request("DELETE", "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af"));
  CHECK(st.type() == "ValidationException");
  CHECK(st.message() ==
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
  // put_provisioned_invalid_param_0
  st = Check("lambda", Request("PUT", "/2019-09-30/functions/f/provisioned-concurrency?Qualifier=1",
                               R"({"ProvisionedConcurrentExecutions":0})"));
  CHECK(st.message() ==
        "1 validation error detected: Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1");
}

TEST_CASE("lambda: map values and keys (routing_config_exc_toohigh, routing_config_exc_version_latest)") {
  Status st = Check("lambda", Request("POST", "/2015-03-31/functions/f/aliases",
                                      R"({"Name":"a","FunctionVersion":"1","RoutingConfig":{"AdditionalVersionWeights":{"2":2.0}}})"));
  CHECK(st.type() == "ValidationException");
  CHECK(st.message() ==
        "1 validation error detected: Value '{2=2.0}' at 'routingConfig.additionalVersionWeights' failed to satisfy "
        "constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must "
        "have value greater than or equal to 0.0, Member must not be null]");
  st = Check("lambda", Request("POST", "/2015-03-31/functions/f/aliases",
                               R"({"Name":"a","FunctionVersion":"1","RoutingConfig":{"AdditionalVersionWeights":{"$LATEST":0.5}}})"));
  CHECK(st.message() ==
        "1 validation error detected: Value '{$LATEST=0.5}' at 'routingConfig.additionalVersionWeights' failed to "
        "satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, "
        "Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]");
}

TEST_CASE("lambda: enum lists end with 'Member must not be null'; CreateFunction uses ValidationException") {
  std::string base = R"({"FunctionName":"f","Role":"arn:aws:iam::000000000000:role/r","Code":{"ZipFile":"UEsDBA=="},)";
  Status st = Check("lambda", Request("POST", "/2015-03-31/functions", base + R"("Architectures":["X86_64"]})"));
  CHECK(st.http_status() == 400);
  CHECK(st.type() == "ValidationException");
  CHECK(st.message() ==
        "1 validation error detected: Value '[X86_64]' at 'architectures' failed to satisfy constraint: Member must "
        "satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
  // long_function_arn_exc: the model's limit is the ARN's 140.
  st = Check("lambda", Request("POST", "/2015-03-31/functions",
                               R"({"FunctionName":")" + std::string(141, 'a') +
                                   R"(","Role":"arn:aws:iam::000000000000:role/r","Code":{"ZipFile":"UEsDBA=="}})"));
  CHECK(st.type() == "ValidationException");
  CHECK(st.message() == "1 validation error detected: Value '" + std::string(141, 'a') +
                            "' at 'functionName' failed to satisfy constraint: Member must have length less than or "
                            "equal to 140");
  // The runtime enum is Lambda's own business (x-lenientEnum): no model error.
  CHECK(Check("lambda", Request("POST", "/2015-03-31/functions", base + R"("Runtime":"non-existent-runtime"})")).ok());
}

TEST_CASE("lambda: a pattern on a URI label (the function name)") {
  Status st = Check("lambda", Request("GET", "/2015-03-31/functions/Not%20Installed"));
  CHECK(st.type() == "ValidationException");
  CHECK(st.message().find("Value 'Not Installed' at 'functionName' failed to satisfy constraint: Member must satisfy "
                          "regular expression pattern: ") != std::string::npos);
  CHECK(Check("lambda", Request("GET", "/2015-03-31/functions/my-function")).ok());
  CHECK(Check("lambda", Request("GET", "/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:f:1")).ok());
}

TEST_CASE("apigatewayv2 reports validation as BadRequestException, member names in camel case") {
  Status st = Check("apigatewayv2", Request("POST", "/v2/apis", R"({"name":"a"})"));
  CHECK(st.http_status() == 400);
  CHECK(st.type() == "BadRequestException");
  CHECK(st.message() ==
        "1 validation error detected: Value null at 'protocolType' failed to satisfy constraint: Member must not be null");
  st = Check("apigatewayv2", Request("POST", "/v2/apis", R"({"name":"a","protocolType":"SOAP"})"));
  CHECK(st.message() ==
        "1 validation error detected: Value 'SOAP' at 'protocolType' failed to satisfy constraint: Member must satisfy "
        "enum value set: [WEBSOCKET, HTTP]");
  // A member-level enum (ExportApi's outputType) applies to that member only.
  st = Check("apigatewayv2", Request("GET", "/v2/apis/a/exports/OAS30?outputType=XML&specification=OAS30"));
  CHECK(st.message().find("Value 'XML' at 'outputType'") != std::string::npos);
  CHECK(Check("apigatewayv2", Request("GET", "/v2/apis/a/exports/OAS30?outputType=JSON")).ok());
}

TEST_CASE("violations render values as Java does") {
  ConstraintViolation v{"p", "'x'", "Member must not be null"};
  CHECK(v.ToString() == "Value 'x' at 'p' failed to satisfy constraint: Member must not be null");
  CHECK(ValidationMessage({v}) == "1 validation error detected: " + v.ToString());
  CHECK(ValidationMessage({v, v}) == "2 validation errors detected: " + v.ToString() + "; " + v.ToString());
}

TEST_CASE("every operation validates an empty input without crashing") {
  for (const char* service : {"apigateway", "apigatewayv2", "lambda", "apigatewaymanagementapi"}) {
    for (const Operation& op : Model(service).operations()) {
      JsonDoc empty;
      empty.SetObject();
      Status st = ValidateInput(op, empty, DialectFor(service));
      bool any_required = false;
      if (op.input)
        for (const ShapeMember& m : op.input->members) any_required = any_required || m.required;
      INFO(service << "." << op.name);
      CHECK(st.ok() == !any_required);
      JsonDoc not_object;
      not_object.SetArray();
      CHECK(ValidateInput(op, not_object, DialectFor(service)).ok());
    }
  }
}

}  // namespace
}  // namespace apigw::cp
