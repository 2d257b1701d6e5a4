// Gateway response rendering. The fallback order (type, then DEFAULT_4XX/5XX,
// then the built-in default) and "changing DEFAULT_4XX's status changes every
// 4XX response" follow the developer guide ("Gateway responses for REST APIs
// in API Gateway"); the built-in template is {"message":$context.error.messageString}.
#include "data-plane/rest/gateway_response.h"

#include "data-plane/rest/parameter_mapping.h"
#include "data-plane/rest/template_selection.h"
#include "data-plane/rest/template_variables.h"

namespace apigw::dp {

std::string DefaultGatewayBody(const GatewayError& error) {
  if (!error.default_body.empty()) return error.default_body;
  bool spaced = error.spaced_body.value_or(Info(error.type).spaced_default_body);
  std::string body = spaced ? "{\"message\": " : "{\"message\":";
  body += JsonQuote(error.Message());
  body += '}';
  return body;
}

net::HttpResponse RenderGatewayResponse(const GatewayError& error, Invocation& inv) {
  const GatewayResponseTypeInfo& info = Info(error.type);
  inv.context.error = ContextError{error.Message(), std::string(info.name), ""};

  const CompiledGatewayResponse* custom = nullptr;
  if (inv.stage) {
    const auto& responses = inv.stage->gateway_responses;
    if (responses[static_cast<int>(error.type)]) {
      custom = &*responses[static_cast<int>(error.type)];
    } else {
      GatewayResponseType fallback =
          info.is_5xx ? GatewayResponseType::kDefault5xx : GatewayResponseType::kDefault4xx;
      if (responses[static_cast<int>(fallback)]) custom = &*responses[static_cast<int>(fallback)];
    }
  }

  net::HttpResponse response;
  response.status = custom && custom->status ? *custom->status : error.DefaultStatus();
  std::string content_type = "application/json";
  bool rendered = false;
  if (custom && !custom->templates.empty()) {
    const auto* chosen = ChooseResponseTemplate(custom->templates, LastHeader(inv.headers, "Accept"));
    vtl::Context vars;
    if (!chosen->second.is_static()) BindTemplateVariables(inv, inv.request.body, vars);
    StatusOr<std::string> body = chosen->second.Render(vars);
    if (body.ok()) {
      response.body = std::move(body).value();
      content_type = chosen->first;
      rendered = true;
    } else {
      inv.services.log.Warn("data-plane", "gateway response template failed: " + body.status().message());
    }
  }
  if (!rendered) response.body = DefaultGatewayBody(error);
  response.headers.Add("Content-Type", content_type);
  response.headers.Add("x-amzn-ErrorType", std::string(info.error_type));
  if (custom) {
    MappingInputs inputs(inv, nullptr);
    for (const auto& [name, source] : custom->headers) {
      std::vector<std::string> values = inputs.Evaluate(source);
      if (!values.empty()) response.headers.Set(name, SanitizeHeaderValue(values.back()));
    }
  }
  return response;
}

}  // namespace apigw::dp
