// Template variable binding.
#include "data-plane/rest/template_variables.h"

#include "data-plane/rest/authorizer/authorizer_result.h"

namespace apigw::dp {

namespace {

vtl::Value Str(const std::string& s) { return vtl::Value::String(s); }
vtl::Value StrOrNull(const std::string& s) { return s.empty() ? vtl::Value::Null() : vtl::Value::String(s); }

}  // namespace

vtl::Value ContextValue(const ContextVariables& vars) {
  // Java HashMaps on AWS: entries are put in the order AWS iterates them
  // (recorded: test_apigateway_sqs.snapshot.json, test_sqs_amz_json_protocol,
  // a template listing $context.keySet() and $context.identity.keySet()), and
  // JavaHashMap keeps that order while placing keys AWS did not list there
  // (authorizer, error) where a HashMap would. The nested maps print as "",
  // as recorded for identity, requestOverride and responseOverride.
  std::vector<std::pair<std::string, vtl::Value>> identity = {
      {"cognitoIdentityPoolId", vtl::Value::Null()},
      {"accountId", vtl::Value::Null()},
      {"cognitoIdentityId", vtl::Value::Null()},
      {"caller", vtl::Value::Null()},
      {"sourceIp", Str(vars.identity.source_ip)},
      {"principalOrgId", vtl::Value::Null()},
      {"accessKey", vtl::Value::Null()},
      {"cognitoAuthenticationType", vtl::Value::Null()},
      {"cognitoAuthenticationProvider", vtl::Value::Null()},
      {"userArn", vtl::Value::Null()},
      {"userAgent", StrOrNull(vars.identity.user_agent)},
      {"user", vtl::Value::Null()},
  };
  // Override maps: a template may set each of their keys once (vtl::NewOverrideMap).
  std::vector<std::pair<std::string, vtl::Value>> request_override = {
      {"path", vtl::NewOverrideMap()},
      {"header", vtl::NewOverrideMap()},
      {"querystring", vtl::NewOverrideMap()},
  };
  std::vector<std::pair<std::string, vtl::Value>> response_override = {{"header", vtl::NewOverrideMap()}};
  std::vector<std::pair<std::string, vtl::Value>> m = {
      {"resourceId", Str(vars.resource_id)},
      {"resourcePath", Str(vars.resource_path)},
      {"httpMethod", Str(vars.http_method)},
      {"extendedRequestId", Str(vars.extended_request_id)},
      {"requestTime", Str(FormatRequestTime(vars.request_time_epoch))},
      {"path", Str(vars.path)},
      {"accountId", Str(vars.account_id)},
      {"protocol", Str(vars.protocol)},
      {"requestOverride", vtl::JavaHashMap(std::move(request_override), true, true)},
      {"stage", Str(vars.stage)},
      {"domainPrefix", Str(vars.domain_prefix)},
      {"requestTimeEpoch", vtl::Value::Int(vars.request_time_epoch)},
      {"requestId", Str(vars.request_id)},
      {"identity", vtl::JavaHashMap(std::move(identity), true)},
      {"domainName", Str(vars.domain_name)},
      {"deploymentId", Str(vars.deployment_id)},
      {"responseOverride", vtl::JavaHashMap(std::move(response_override), true, true)},
      {"apiId", Str(vars.api_id)},
  };
  // "Present only when you enabled a canary" (developer guide, $context).
  if (vars.is_canary_request) m.emplace_back("isCanaryRequest", vtl::Value::Bool(*vars.is_canary_request));
  if (vars.authorizer) {
    // Every value stringified ("The returned values are all stringified",
    // developer guide, "Output from an API Gateway Lambda authorizer").
    std::vector<std::pair<std::string, vtl::Value>> authorizer;
    for (const AuthorizerContextEntry& e : vars.authorizer->context) authorizer.emplace_back(e.name, Str(e.text));
    authorizer.emplace_back("principalId", Str(vars.authorizer->principal_id));
    m.emplace_back("authorizer", vtl::JavaHashMap(std::move(authorizer), true));
  }
  if (vars.error) {
    std::vector<std::pair<std::string, vtl::Value>> error = {
        {"message", Str(vars.error->message)},
        {"messageString", Str(JsonQuote(vars.error->message))},
        {"responseType", Str(vars.error->response_type)},
        {"validationErrorString", Str(vars.error->validation_error_string)},
    };
    m.emplace_back("error", vtl::JavaHashMap(std::move(error), true));
  }
  return vtl::JavaHashMap(std::move(m));
}

void BindTemplateVariables(const Invocation& inv, std::string body, vtl::Context& context,
                           std::string payload_name, bool request_context) {
  vtl::MappingInput input;
  input.body = std::move(body);
  input.path_parameters = inv.path_params;
  input.query_parameters = inv.query;
  input.headers = inv.headers.fields();
  input.stage_variables = inv.stage->stage_variables;
  const vtl::Value* shared = nullptr;
  if (request_context && inv.context.request_template_variables) {
    shared = inv.context.request_template_variables->Find("context");
    if (shared && shared->kind() != vtl::Value::Kind::kMap) shared = nullptr;
  }
  input.context = shared ? *shared : ContextValue(inv.context);
  input.payload_name = std::move(payload_name);
  vtl::PrepareContext(std::move(input), &context);
}

std::optional<int> ValidStatusOverride(const vtl::Overrides& overrides) {
  if (overrides.status && *overrides.status >= 100 && *overrides.status <= 599) return overrides.status;
  return std::nullopt;
}

}  // namespace apigw::dp
