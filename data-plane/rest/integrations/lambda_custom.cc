// AWS (custom) integration with Lambda (developer guide, "Set up Lambda custom
// integrations in API Gateway" and "Handle Lambda errors in API Gateway"): the
// request template's output (or the passed-through body) is the function's
// event; what the function returns is the integration response body, status
// 200. With a function error (X-Amz-Function-Error) selectionPattern is
// matched against the error's errorMessage; without one against an empty
// message, so only a pattern such as ".*" can take the place of the default
// response (recorded: a pattern "200" is not chosen for a function returning
// normally, test_lambda_selection_patterns). X-Amz-Invocation-Type: Event,
// mapped as a header, invokes asynchronously and answers 202 with no body
// ("Set up asynchronous invocation of the backend Lambda function").
// Lambda refusing the call (no such function, throttled, an event that is not
// JSON) answers 500 {"message": "Internal server error"} with the reason in
// the log, as AWS answers a Lambda it cannot invoke (AWS Knowledge Center,
// "How do I troubleshoot issues for API Gateway endpoints that integrate with
// Lambda?"); the exact wording of those log lines is not AWS's.
#include <rapidjson/document.h>

#include "base/text.h"
#include "data-plane/rest/integrations/integrations.h"
#include "data-plane/rest/lambda/lambda_call.h"
#include "data-plane/rest/lambda/lambda_function_uri.h"
#include "data-plane/rest/parameter_mapping.h"
#include "data-plane/rest/pipeline.h"

namespace apigw::dp {

namespace {

constexpr char kComponent[] = "data-plane";

StageResult Misconfigured(Invocation& inv, const std::string& why) {
  inv.services.log.Warn(kComponent, "Execution failed due to configuration error: " + why);
  inv.Fail(GatewayResponseType::kApiConfigurationError);
  return StageResult::kStop;
}

bool IsJson(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  return !doc.HasParseError();
}

void TakeCustomResult(const std::shared_ptr<Invocation>& p, LambdaCallResult call) {
  Invocation& inv = *p;
  lambda::InvokeResult& r = call.result;
  EndpointResponse& e = inv.endpoint;
  if (call.timed_out) {
    inv.services.log.Warn(kComponent, "Execution failed due to a timeout error: the Lambda function did not answer "
                                      "within " + std::to_string(inv.integration().timeout_ms) + " ms");
    inv.Fail(GatewayResponseType::kIntegrationTimeout);
  } else if (!r.status.ok()) {
    Misconfigured(inv, "Lambda refused the invocation: " + r.status.ToString());
  } else {
    e.status = r.status_code;
    e.headers.Add("Content-Type", "application/json");
    if (!r.request_id.empty()) e.headers.Add("x-amzn-RequestId", r.request_id);
    if (!r.executed_version.empty()) e.headers.Add("X-Amz-Executed-Version", r.executed_version);
    if (!r.function_error.empty()) {
      e.headers.Add("X-Amz-Function-Error", r.function_error);
      e.selection_value = FunctionErrorMessage(r.payload);
      inv.services.log.Info(kComponent, "Lambda function error for " + inv.context.resource_path + ": " +
                                            *e.selection_value);
    } else {
      e.selection_value = std::string();
    }
    e.body = std::move(r.payload);
  }
  RunRestPipeline(p);
}

}  // namespace

StageResult InvokeLambdaCustom(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  IntegrationRequest& req = inv.integration_request;
  if (req.http_method != "POST") {
    // Lambda's Invoke API is a POST; as for AWS_PROXY, anything else fails.
    inv.services.log.Warn(kComponent, "Execution failed: the AWS integration of " + inv.context.resource_path +
                                          " must use the POST method to call Lambda, not " + req.http_method);
    inv.Fail(GatewayResponseType::kIntegrationFailure, {}, 500);
    return StageResult::kStop;
  }
  std::optional<LambdaFunctionUri> fn = ParseLambdaFunctionUri(req.url);
  if (!fn) return Misconfigured(inv, "Invalid Lambda function URI " + req.url);
  if (!req.body.empty() && !IsJson(req.body))
    return Misconfigured(inv, "Lambda could not parse the request body into json (the integration request "
                              "payload must be JSON; map it with a request template)");

  lambda::InvokeRequest request;
  request.function = std::move(fn->function);
  request.region = std::move(fn->region);
  request.payload = std::move(req.body);
  if (const std::string* type = LastHeader(req.headers, "X-Amz-Invocation-Type")) {
    if (*type == "Event") request.type = lambda::InvocationType::kEvent;
    else if (*type == "DryRun") request.type = lambda::InvocationType::kDryRun;
  }
  if (const std::string* context = LastHeader(req.headers, "X-Amz-Client-Context"))
    request.client_context_base64 = *context;
  CallLambda(p, std::move(request), inv.integration().timeout_ms, TakeCustomResult);
  return StageResult::kAsync;
}

}  // namespace apigw::dp
