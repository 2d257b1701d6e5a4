// Authorization: methods with authorizationType CUSTOM call their Lambda
// authorizer (developer guide, "Use API Gateway Lambda authorizers") before
// anything else of the request is done. As AWS answers:
// - a missing or empty identity source, or a token the identityValidationExpression
//   does not match, answers 401 {"message":"Unauthorized"} without calling the
//   function (AWS Knowledge Center, "Why do I get API Gateway 401 Unauthorized
//   errors after I create a Lambda authorizer?");
// - the function failing with the message "Unauthorized" answers the same 401;
// - a policy with a Deny covering the method ARN answers 403
//   {"Message":"User is not authorized to access this resource with an explicit
//   deny"}, one with no Allow covering it 403 {"Message":"User is not
//   authorized to access this resource"} (AccessDeniedException; AWS's capital
//   M, seen in answers of real APIs);
// - any other function error, a timeout, or an output that is not a valid
//   policy answers 500 {"message":null} (AuthorizerConfigurationException).
// Results are cached by identity source values for authorizerResultTtlInSeconds
// and the cached policy is evaluated again for every method ARN.
// COGNITO_USER_POOLS and AWS_IAM methods pass unchecked here.
#include "base/text.h"
#include "data-plane/rest/authorizer/authorizer_cache.h"
#include "data-plane/rest/lambda/lambda_call.h"
#include "data-plane/rest/lambda/lambda_event.h"
#include "data-plane/rest/pipeline.h"
#include "data-plane/rest/stages/stages.h"
#include "data-plane/rest/trace_id.h"

namespace apigw::dp {

namespace {

constexpr char kComponent[] = "data-plane";
// How long API Gateway waits for an authorizer function: its integration
// limit, as for integrations.
constexpr int kAuthorizerTimeoutMs = 29000;

void Unauthorized(Invocation& inv) { inv.Fail(GatewayResponseType::kUnauthorized); }

void AuthorizerError(Invocation& inv, const CompiledAuthorizer* a, const std::string& why) {
  inv.services.log.Warn(kComponent, "Execution failed due to configuration error: authorizer " +
                                        (a ? a->name + " (" + a->id + ")" : inv.method->authorizer_id) + ": " + why);
  inv.Fail(GatewayResponseType::kAuthorizerConfigurationError);
  inv.error->default_body = "{\"message\":null}";
}

// Applies a result's policy to this request: continue, or a 403. The result
// is the request's $context.authorizer either way: a denied request's gateway
// response reads the context too (the usual way to give a 403 a message of
// the authorizer's choosing: a Deny with context {"message": ...} and an
// ACCESS_DENIED template reading $context.authorizer.message).
void Decide(Invocation& inv, std::shared_ptr<const AuthorizerResult> result, const std::string& method_arn) {
  PolicyDecision decision = EvaluatePolicy(result->policy, method_arn);
  inv.context.authorizer = std::move(result);
  switch (decision) {
    case PolicyDecision::kAllow:
      return;
    case PolicyDecision::kExplicitDeny:
      inv.Fail(GatewayResponseType::kAccessDenied,
               "User is not authorized to access this resource with an explicit deny");
      break;
    case PolicyDecision::kImplicitDeny:
      inv.Fail(GatewayResponseType::kAccessDenied, "User is not authorized to access this resource");
      break;
  }
  inv.error->default_body = "{\"Message\":" + JsonQuote(inv.error->message) + "}";
}

std::string CacheKey(const Invocation& inv, const CompiledAuthorizer& a, const std::vector<std::string>& values) {
  // The deployment id is part of the key: a new deployment (a changed
  // authorizer) starts with an empty cache.
  std::string key = AuthorizerCache::StagePrefix(inv.stage->api_id, inv.stage->stage_name) +
                    inv.stage->deployment_id + '\n' + a.id;
  for (const std::string& v : values) {
    key.push_back('\0');
    key += v;
  }
  return key;
}

void TakeAuthorizerResult(const std::shared_ptr<Invocation>& p, const CompiledAuthorizer& a, const std::string& key,
                          const std::string& method_arn, LambdaCallResult call) {
  Invocation& inv = *p;
  const lambda::InvokeResult& r = call.result;
  if (call.timed_out) {
    AuthorizerError(inv, &a, "the function did not answer within " + std::to_string(kAuthorizerTimeoutMs) + " ms");
  } else if (!r.status.ok()) {
    AuthorizerError(inv, &a, "Lambda answered " + r.status.ToString());
  } else if (!r.function_error.empty()) {
    std::string message = FunctionErrorMessage(r.payload);
    if (message == "Unauthorized") {
      Unauthorized(inv);
    } else {
      AuthorizerError(inv, &a, "the function failed: " + (message.empty() ? r.payload : message));
    }
  } else {
    StatusOr<AuthorizerResult> parsed = ParseAuthorizerResult(r.payload);
    if (!parsed.ok()) {
      AuthorizerError(inv, &a, parsed.status().message());
    } else {
      parsed->latency_ms = call.latency_ms;
      auto result = std::make_shared<const AuthorizerResult>(std::move(parsed).value());
      if (!key.empty() && inv.services.authorizer_cache) inv.services.authorizer_cache->Put(key, result, a.ttl_seconds);
      Decide(inv, std::move(result), method_arn);
    }
  }
  RunRestPipeline(p);
}

}  // namespace

StageResult Authorize(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  const CompiledMethod& method = *inv.method;
  if (method.authorization_type != "CUSTOM") return StageResult::kContinue;
  const CompiledAuthorizer* a = inv.stage->FindAuthorizer(method.authorizer_id);
  if (a == nullptr || a->type == CompiledAuthorizer::Type::kCognitoUserPools) {
    AuthorizerError(inv, a, "the method's authorizer is not a Lambda authorizer of this deployment");
    return StageResult::kStop;
  }
  if (a->function.empty() || !a->identity_sources_valid) {
    AuthorizerError(inv, a, "the authorizer's URI or identity source cannot be used");
    return StageResult::kStop;
  }

  std::optional<std::vector<std::string>> values = IdentityValues(a->identity_sources, inv);
  if (!values) {
    Unauthorized(inv);
    return StageResult::kStop;
  }
  const bool token = a->type == CompiledAuthorizer::Type::kToken;
  if (token && a->validation) {
    vtl::JavaRegex::Match m;
    StatusOr<bool> matched = a->validation->Find(values->front(), 0, true, &m);
    if (!matched.ok() || !*matched) {
      Unauthorized(inv);
      return StageResult::kStop;
    }
  }

  std::string method_arn = MethodArn(inv);
  // A REQUEST authorizer without identity sources is called every time.
  std::string key;
  if (a->ttl_seconds > 0 && !a->identity_sources.empty()) key = CacheKey(inv, *a, *values);
  if (!key.empty() && inv.services.authorizer_cache) {
    if (std::shared_ptr<const AuthorizerResult> cached = inv.services.authorizer_cache->Find(key)) {
      Decide(inv, std::move(cached), method_arn);
      return inv.error ? StageResult::kStop : StageResult::kContinue;
    }
  }

  lambda::InvokeRequest request;
  request.function = a->function;
  request.region = a->function_region;
  if (!token) inv.trace_id = TraceId(inv);  // the REQUEST event's X-Amzn-Trace-Id header
  request.payload = token ? BuildTokenAuthorizerEvent(values->front(), method_arn)
                          : BuildRequestAuthorizerEvent(inv, method_arn);
  CallLambda(p, std::move(request), kAuthorizerTimeoutMs,
             [a, key = std::move(key), method_arn = std::move(method_arn)](const std::shared_ptr<Invocation>& inv,
                                                                           LambdaCallResult call) {
               TakeAuthorizerResult(inv, *a, key, method_arn, std::move(call));
             });
  return StageResult::kAsync;
}

}  // namespace apigw::dp
