// Response mapping: a proxy integration's response goes back as it came (with
// AWS's x-amzn-Remapped-* renames); otherwise the integration response is
// selected by matching selectionPattern against the status code, its
// responseParameters set the headers, the payload is converted under the
// response's contentHandling and binaryMediaTypes (payload_encoding.h), and
// the response template chosen by Accept renders the body (developer guide,
// "Integration responses for REST APIs"). Recorded: a non-proxy HTTP integration answers a backend 400 with
// the default response's 200 (test_apigateway_http.snapshot.json,
// test_http_integration_invoke_status_code_passthrough).
#include "data-plane/rest/header_rules.h"
#include "data-plane/rest/parameter_mapping.h"
#include "data-plane/rest/payload_encoding.h"
#include "data-plane/rest/stages/stages.h"
#include "data-plane/rest/template_selection.h"
#include "data-plane/rest/template_variables.h"

namespace apigw::dp {

namespace {

void ApplyResponseOverrides(vtl::Overrides o, net::HttpResponse& out) {
  if (std::optional<int> status = ValidStatusOverride(o)) out.status = *status;
  for (auto& [k, v] : o.response_headers) out.headers.Set(k, SanitizeHeaderValue(std::move(v)));
}

}  // namespace

StageResult MapResponse(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  const CompiledIntegration& in = inv.integration();
  net::HttpResponse& out = inv.response;

  if (in.type == IntegrationType::kHttpProxy || in.type == IntegrationType::kAwsProxy) {
    out.status = inv.endpoint.status;
    out.headers = std::move(inv.endpoint.headers);
    out.body = std::move(inv.endpoint.body);
    RemapResponseHeaders(out.headers, ResponseHeaderRules::kProxy);
    // "API Gateway includes a Content-Type header for all integration
    // responses. By default, the content type is application/json" (developer
    // guide, "Amazon API Gateway important notes for REST APIs").
    if (!out.headers.Has("Content-Type")) out.headers.Add("Content-Type", "application/json");
    return StageResult::kContinue;
  }

  char status_text[12];
  std::snprintf(status_text, sizeof status_text, "%d", inv.endpoint.status);
  // Lambda custom integrations select by the function error's message.
  const CompiledIntegrationResponse* selected =
      SelectIntegrationResponse(in, inv.endpoint.selection_value ? *inv.endpoint.selection_value : status_text);
  if (selected == nullptr) {
    inv.services.log.Warn("data-plane",
                          std::string("Execution failed due to configuration error: No match for output mapping and "
                                      "no default output mapping configured. Endpoint Response Status Code: ") +
                              status_text);
    inv.Fail(GatewayResponseType::kApiConfigurationError);
    return StageResult::kStop;
  }

  out.status = selected->status;
  if (!selected->response_parameters.empty()) {
    MappingInputs inputs(inv, &inv.endpoint);
    for (const ParameterMapping& m : selected->response_parameters) {
      std::vector<std::string> values = inputs.Evaluate(m.source);
      if (values.empty() || values.back().empty()) continue;
      out.headers.Set(m.name, SanitizeHeaderValue(std::move(values.back())));
    }
  }

  // The payload the client gets, before a template transforms it.
  const BinaryMediaTypes& binary_types = inv.stage->binary_media_types;
  const bool endpoint_binary = binary_types.Matches(LastHeader(inv.endpoint.headers, "Content-Type"));
  const bool method_binary =
      ResponsePayloadIsBinary(selected->content_handling, binary_types.Matches(LastHeader(inv.headers, "Accept")));
  if (!ConvertPayload(inv.endpoint.body, endpoint_binary, method_binary)) {
    // Recorded: a text payload for a binary Accept that is not base64 answers
    // 500 (test_apigw_s3_binary_support_response_no_content_handling).
    inv.services.log.Warn("data-plane", "Execution failed due to configuration error: Unable to base64-decode the "
                                        "integration response body");
    inv.Fail(GatewayResponseType::kApiConfigurationError);
    return StageResult::kStop;
  }

  std::string content_type = "application/json";
  const auto* chosen = ChooseResponseTemplate(selected->response_templates, LastHeader(inv.headers, "Accept"));
  if (chosen != nullptr && !chosen->second.source().empty()) {
    content_type = chosen->first;
    if (method_binary) {
      // A response template never transforms a binary payload: recorded for
      // CONVERT_TO_BINARY (test_apigw_s3_binary_support_response_convert_to_binary
      // _with_request_template), and MOCK methods with templates answer 500 once
      // binaryMediaTypes is */* (AWS re:Post, "API Gateway Mock Integration Fails
      // with Binary Media Types */*").
      inv.services.log.Warn("data-plane", "Execution failed: a mapping template cannot transform a binary payload");
      inv.Fail(GatewayResponseType::kDefault5xx, "Internal server error", 500);
      return StageResult::kStop;
    }
    vtl::Context vars;
    if (!chosen->second.is_static())
      BindTemplateVariables(inv, std::move(inv.endpoint.body), vars, "response body", /*request_context=*/true);
    StatusOr<std::string> body = chosen->second.Render(vars);
    if (!body.ok()) {
      inv.services.log.Warn("data-plane", "response template failed: " + body.status().message());
      inv.Fail(GatewayResponseType::kDefault5xx, "Internal server error", 500);
      return StageResult::kStop;
    }
    out.body = std::move(body).value();
    if (!chosen->second.is_static()) {
      ApplyResponseOverrides(vtl::ReadOverrides(vars), out);
    } else if (inv.context.request_template_variables) {
      ApplyResponseOverrides(vtl::ReadOverrides(*inv.context.request_template_variables), out);
    }
  } else {
    if (chosen != nullptr) content_type = chosen->first;
    out.body = std::move(inv.endpoint.body);  // no template: the body passes through
    // A responseOverride the request template set still applies (recorded:
    // test_integration_mock_with_response_override_in_request_template[False]).
    if (inv.context.request_template_variables) {
      ApplyResponseOverrides(vtl::ReadOverrides(*inv.context.request_template_variables), out);
    }
  }
  if (!out.headers.Has("Content-Type")) out.headers.Add("Content-Type", content_type);
  RemapResponseHeaders(out.headers, in.type == IntegrationType::kMock ? ResponseHeaderRules::kMock
                                                                      : ResponseHeaderRules::kNonProxy);
  return StageResult::kContinue;
}

}  // namespace apigw::dp
