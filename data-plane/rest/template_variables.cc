// Template variable binding.
#include "data-plane/rest/template_variables.h"

namespace apigw::dp {

namespace {

vtl::Value Str(const std::string& s) { return vtl::Value::String(s); }
vtl::Value StrOrNull(const std::string& s) { return s.empty() ? vtl::Value::Null() : vtl::Value::String(s); }

vtl::Value OverrideMaps(bool response) {
  vtl::Map m;
  m.Put("header", vtl::Value::NewMap());
  if (!response) {
    m.Put("querystring", vtl::Value::NewMap());
    m.Put("path", vtl::Value::NewMap());
  }
  return vtl::Value::NewMap(std::move(m));
}

void ReadStringMap(const vtl::Map& parent, std::string_view key, std::vector<std::pair<std::string, std::string>>& out) {
  const vtl::Value* v = parent.Find(key);
  if (v == nullptr || v->kind() != vtl::Value::Kind::kMap) return;
  for (const auto& [k, value] : v->map().entries()) {
    if (!value.is_null()) out.emplace_back(k, value.ToString());
  }
}

}  // namespace

vtl::Value ContextValue(const ContextVariables& vars) {
  vtl::Map m;
  m.Put("accountId", Str(vars.account_id));
  m.Put("apiId", Str(vars.api_id));
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
  m.Put("requestOverride", OverrideMaps(false));
  m.Put("responseOverride", OverrideMaps(true));
  return vtl::Value::NewMap(std::move(m));
}

void BindTemplateVariables(const Invocation& inv, std::string_view body, vtl::Context& context) {
  context.Set("context", ContextValue(inv.context));
  vtl::Map stage_variables;
  for (const auto& [k, v] : inv.stage->stage_variables) stage_variables.Put(k, Str(v));
  context.Set("stageVariables", vtl::Value::NewMap(std::move(stage_variables)));
  // $input and $util come from the VTL engine's API Gateway objects
  // (vtl/apigateway/); they are bound here, with `body`, once they exist.
  (void)body;
}

TemplateOverrides ReadOverrides(const vtl::Context& context, bool response) {
  TemplateOverrides out;
  const vtl::Value* ctx = context.Find("context");
  if (ctx == nullptr || ctx->kind() != vtl::Value::Kind::kMap) return out;
  const vtl::Value* o = ctx->map().Find(response ? "responseOverride" : "requestOverride");
  if (o == nullptr || o->kind() != vtl::Value::Kind::kMap) return out;
  const vtl::Map& m = o->map();
  ReadStringMap(m, "header", out.headers);
  if (response) {
    // AWS ignores a status override that is not a status code (LocalStack
    // integration_response.py records it).
    if (const vtl::Value* s = m.Find("status")) {
      int64_t status = -1;
      if (s->kind() == vtl::Value::Kind::kInt) status = s->as_int();
      if (status >= 100 && status <= 599) out.status = int(status);
    }
  } else {
    ReadStringMap(m, "querystring", out.querystring);
    ReadStringMap(m, "path", out.path);
  }
  return out;
}

}  // namespace apigw::dp
