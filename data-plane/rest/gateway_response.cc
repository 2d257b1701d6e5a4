// Gateway response rendering. The fallback order (type, then DEFAULT_4XX/5XX,
// then the built-in default) and "changing DEFAULT_4XX's status changes every
// 4XX response" follow the developer guide ("Gateway responses for REST APIs
// in API Gateway"); the built-in template is {"message":$context.error.messageString}.
#include "data-plane/rest/gateway_response.h"

#include "data-plane/rest/parameter_mapping.h"
#include "data-plane/rest/template_selection.h"
#include "data-plane/rest/context_variables.h"

namespace apigw::dp {

std::string DefaultGatewayBody(const GatewayError& error) {
  if (!error.default_body.empty()) return error.default_body;
  bool spaced = error.spaced_body.value_or(Info(error.type).spaced_default_body);
  std::string body = spaced ? "{\"message\": " : "{\"message\":";
  body += JsonQuote(error.Message());
  body += '}';
  return body;
}

namespace {

bool IdentifierStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IdentifierChar(char c) { return IdentifierStart(c) || (c >= '0' && c <= '9') || c == '_' || c == '-'; }

}  // namespace

std::string SubstituteGatewayTemplate(std::string_view source, const ContextVariables& context,
                                      const std::vector<std::pair<std::string, std::string>>& stage_variables) {
  std::string out;
  out.reserve(source.size() + 64);
  size_t i = 0;
  while (i < source.size()) {
    size_t dollar = source.find('$', i);
    if (dollar == std::string_view::npos) break;
    out.append(source, i, dollar - i);
    // $name.name..., $!name..., ${name...}, $!{name...}, names as Velocity's.
    size_t at = dollar + 1;
    if (at < source.size() && source[at] == '!') ++at;
    const bool braced = at < source.size() && source[at] == '{';
    if (braced) ++at;
    size_t end = at;
    if (end < source.size() && IdentifierStart(source[end])) {
      for (;;) {
        while (end < source.size() && IdentifierChar(source[end])) ++end;
        if (end + 1 >= source.size() || source[end] != '.' || !IdentifierStart(source[end + 1])) break;
        ++end;
      }
    }
    std::string_view name = source.substr(at, end - at);
    bool closed = !braced || (end < source.size() && source[end] == '}');
    std::optional<std::string> value;
    bool known = false;
    if (closed && name.size() > 8 && name.substr(0, 8) == "context.") {
      known = true;
      value = context.Lookup(name.substr(8));
    } else if (closed && name.size() > 15 && name.substr(0, 15) == "stageVariables.") {
      known = true;
      for (const auto& [k, v] : stage_variables)
        if (k == name.substr(15)) value = v;
    }
    if (!known) {  // any other text stays as written
      out.push_back('$');
      i = dollar + 1;
      continue;
    }
    if (value) out += *value;
    i = braced ? end + 1 : end;
  }
  if (i < source.size()) out.append(source, i, std::string_view::npos);
  return out;
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
    response.body = SubstituteGatewayTemplate(chosen->second.source(), inv.context,
                                              inv.stage ? inv.stage->stage_variables
                                                        : std::vector<std::pair<std::string, std::string>>{});
    content_type = chosen->first;
    rendered = true;
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
