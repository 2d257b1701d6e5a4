// AWS_PROXY integration with Lambda (developer guide, "Set up Lambda proxy
// integrations in API Gateway"): the whole request goes to the function as
// the proxy event; the function's answer must be the proxy response document.
// As recorded against AWS (LocalStack's test_apigateway_lambda.py):
// - an integration httpMethod other than POST answers 500 (INTEGRATION_FAILURE,
//   whose default 504 AWS does not use here);
// - a function error or a malformed document answers 502 {"message": "Internal
//   server error"}, logged as "Lambda execution failed with status 200 due to
//   customer function error" / "Execution failed due to configuration error:
//   Malformed Lambda proxy response";
// - isBase64Encoded bodies are decoded only when the client's Accept names a
//   binary media type; one that is not base64 then answers 500;
// - the response's Content-Type is application/json unless the function set one.
// A function that does not answer within the integration's timeout answers
// 504 "Endpoint request timed out"; a function error (its own timeout
// included) is a 502, as Lambda's answer came in time. Lambda refusing the
// call (a function that does not exist) answers 500.
#include "base/text.h"
#include "data-plane/rest/integrations/integrations.h"
#include "data-plane/rest/lambda/lambda_call.h"
#include "data-plane/rest/lambda/lambda_event.h"
#include "data-plane/rest/lambda/lambda_proxy_response.h"
#include "data-plane/rest/parameter_mapping.h"
#include "data-plane/rest/payload_encoding.h"
#include "data-plane/rest/pipeline.h"

namespace apigw::dp {

namespace {

constexpr char kComponent[] = "data-plane";

void BadGateway(Invocation& inv, const std::string& why) {
  inv.services.log.Warn(kComponent, inv.context.resource_path + " " + inv.request.method + ": " + why);
  inv.Fail(GatewayResponseType::kDefault5xx, "Internal server error", 502);
}

void TakeProxyResult(const std::shared_ptr<Invocation>& p, LambdaCallResult call) {
  Invocation& inv = *p;
  const lambda::InvokeResult& r = call.result;
  if (call.timed_out) {
    inv.services.log.Warn(kComponent, "Execution failed due to a timeout error: " + inv.integration().lambda_function +
                                          " did not answer within " +
                                          std::to_string(inv.integration().timeout_ms) + " ms");
    inv.Fail(GatewayResponseType::kIntegrationTimeout);
  } else if (!r.status.ok()) {
    // Lambda refused the call (no such function, throttled, not allowed):
    // "Lambda invocation failed with status: 403 ... Execution failed due to
    // configuration error ... Method completed with status: 500" (AWS
    // Knowledge Center, "api-gateway-lambda-template-invoke-error"), the same
    // 500 as for a custom integration.
    inv.services.log.Warn(kComponent, "Lambda invocation failed: " + r.status.ToString() +
                                          ". Execution failed due to configuration error");
    inv.Fail(GatewayResponseType::kApiConfigurationError);
  } else if (!r.function_error.empty()) {
    BadGateway(inv, "Lambda execution failed with status 200 due to customer function error: " +
                        FunctionErrorMessage(r.payload) + ". Lambda request id: " + r.request_id);
  } else {
    StatusOr<LambdaProxyResponse> parsed = ParseLambdaProxyResponse(r.payload);
    if (!parsed.ok()) {
      BadGateway(inv, "Execution failed due to configuration error: Malformed Lambda proxy response (" +
                          parsed.status().message() + ")");
    } else {
      LambdaProxyResponse& out = *parsed;
      if (out.base64 && !out.body.empty() && inv.stage->binary_media_types.Matches(LastHeader(inv.headers, "Accept"))) {
        std::optional<std::string> bytes = DecodeBase64Strict(out.body);
        if (!bytes) {
          inv.services.log.Warn(kComponent, "Execution failed: Unable to base64-decode the Lambda proxy response body");
          inv.Fail(GatewayResponseType::kDefault5xx, "Internal server error", 500);
          RunRestPipeline(p);
          return;
        }
        out.body = std::move(*bytes);
      }
      EndpointResponse& e = inv.endpoint;
      e.status = out.status;
      if (!out.headers.Has("Content-Type")) e.headers.Add("Content-Type", "application/json");
      for (const auto& [name, value] : out.headers) e.headers.Add(name, value);
      e.body = std::move(out.body);
    }
  }
  RunRestPipeline(p);
}

}  // namespace

StageResult InvokeLambdaProxy(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  const CompiledIntegration& in = inv.integration();
  if (in.http_method != "POST") {
    // Recorded: integrationHttpMethod GET answers 500 (test_lambda_aws_proxy_integration_non_post_method).
    inv.services.log.Warn(kComponent, "Execution failed: the AWS_PROXY integration of " + inv.context.resource_path +
                                          " must use the POST method to call Lambda, not " + in.http_method);
    inv.Fail(GatewayResponseType::kIntegrationFailure, {}, 500);
    return StageResult::kStop;
  }
  if (in.lambda_function.empty()) {
    inv.services.log.Warn(kComponent, "Execution failed due to configuration error: Invalid Lambda function URI for " +
                                          inv.context.resource_path);
    inv.Fail(GatewayResponseType::kApiConfigurationError);
    return StageResult::kStop;
  }
  lambda::InvokeRequest request;
  request.function = in.lambda_function;
  request.region = in.lambda_region;
  request.payload = BuildProxyEvent(inv);
  CallLambda(p, std::move(request), in.timeout_ms, TakeProxyResult);
  return StageResult::kAsync;
}

}  // namespace apigw::dp
