// Template variable binding.
#include "data-plane/rest/template_variables.h"

#include "data-plane/rest/authorizer/authorizer_result.h"

namespace apigw::dp {

namespace {

vtl::Value Str(const std::string& s) { return vtl::Value::String(s); }
vtl::Value StrOrNull(const std::string& s) { return s.empty() ? vtl::Value::Null() : vtl::Value::String(s); }

}  // namespace

vtl::Value ContextValue(const ContextVariables& vars) {
  vtl::Map m;
  m.Put("accountId", Str(vars.account_id));
  m.Put("apiId", Str(vars.api_id));
  if (vars.authorizer) {
    // Every value stringified ("The returned values are all stringified",
    // developer guide, "Output from an API Gateway Lambda authorizer").
    vtl::Map authorizer;
    for (const AuthorizerContextEntry& e : vars.authorizer->context) authorizer.Put(e.name, Str(e.text));
    authorizer.Put("principalId", Str(vars.authorizer->principal_id));
    m.Put("authorizer", vtl::Value::NewMap(std::move(authorizer)));
  }
  m.Put("deploymentId", Str(vars.deployment_id));
  m.Put("domainName", Str(vars.domain_name));
  m.Put("domainPrefix", Str(vars.domain_prefix));
  m.Put("extendedRequestId", Str(vars.extended_request_id));
  m.Put("httpMethod", Str(vars.http_method));
  vtl::Map identity;
  identity.Put("sourceIp", Str(vars.identity.source_ip));
  identity.Put("userAgent", StrOrNull(vars.identity.user_agent));
  for (const char* absent : {"accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider",
                             "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId",
                             "principalOrgId", "user", "userArn"})
    identity.Put(absent, vtl::Value::Null());
  m.Put("identity", vtl::Value::NewMap(std::move(identity)));
  m.Put("path", Str(vars.path));
  m.Put("protocol", Str(vars.protocol));
  m.Put("requestId", Str(vars.request_id));
  m.Put("requestTime", Str(FormatRequestTime(vars.request_time_epoch)));
  m.Put("requestTimeEpoch", vtl::Value::Int(vars.request_time_epoch));
  m.Put("resourceId", Str(vars.resource_id));
  m.Put("resourcePath", Str(vars.resource_path));
  m.Put("stage", Str(vars.stage));
  if (vars.error) {
    vtl::Map error;
    error.Put("message", Str(vars.error->message));
    error.Put("messageString", Str(JsonQuote(vars.error->message)));
    error.Put("responseType", Str(vars.error->response_type));
    error.Put("validationErrorString", Str(vars.error->validation_error_string));
    m.Put("error", vtl::Value::NewMap(std::move(error)));
  }
  return vtl::Value::NewMap(std::move(m));
}

void BindTemplateVariables(const Invocation& inv, std::string body, vtl::Context& context,
                           std::string payload_name) {
  vtl::MappingInput input;
  input.body = std::move(body);
  input.path_parameters = inv.path_params;
  input.query_parameters = inv.query;
  input.headers = inv.headers.fields();
  input.stage_variables = inv.stage->stage_variables;
  input.context = ContextValue(inv.context);
  input.payload_name = std::move(payload_name);
  vtl::PrepareContext(std::move(input), &context);
}

std::optional<int> ValidStatusOverride(const vtl::Overrides& overrides) {
  if (overrides.status && *overrides.status >= 100 && *overrides.status <= 599) return overrides.status;
  return std::nullopt;
}

}  // namespace apigw::dp
