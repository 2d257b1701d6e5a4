// Request mapping: builds the integration request from the method request.
// Parameter mappings fill integration.request.{path,querystring,header}; for
// non-proxy integrations the payload is converted under contentHandling and
// binaryMediaTypes (payload_encoding.h), then the request template chosen by
// Content-Type (under passthroughBehavior) renders the body, and only mapped
// headers and query parameters are sent; HTTP_PROXY forwards the client's
// headers, query string and body and merges the mapped ones in (recorded AWS
// behaviour: test_apigateway_http.snapshot.json,
// test_http_proxy_integration_request_data_mappings).
#include "base/text.h"
#include "base/url.h"
#include "data-plane/rest/header_rules.h"
#include "data-plane/rest/integration_uri.h"
#include "data-plane/rest/payload_encoding.h"
#include "data-plane/rest/parameter_mapping.h"
#include "data-plane/rest/stages/stages.h"
#include "data-plane/rest/template_selection.h"
#include "data-plane/rest/template_variables.h"
#include "data-plane/rest/trace_id.h"

namespace apigw::dp {

namespace {

struct MappedParameters {
  std::vector<PathValue> path;
  QueryParams query;
  net::Headers headers;
};

void AppendQuery(std::string& url, const QueryParams& params) {
  if (params.empty()) return;
  bool first = url.find('?') == std::string::npos;
  for (const auto& [k, v] : params) {
    url.push_back(first ? '?' : '&');
    first = false;
    url += PercentEncode(k);
    url.push_back('=');
    url += PercentEncode(v);
  }
}


// Recorded: mapping Content-Length or Transfer-Encoding answers 500
// (TestApiGatewayHeaderRemapping "content-length").
StageResult IllegalHeader(Invocation& inv, const std::string& name) {
  inv.services.log.Warn("data-plane", "Execution failed due to configuration error: " + name +
                                          " header already present");
  inv.Fail(GatewayResponseType::kApiConfigurationError);
  return StageResult::kStop;
}

}  // namespace

StageResult MapRequest(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  const CompiledIntegration& in = inv.integration();
  IntegrationRequest& out = inv.integration_request;
  const bool http = in.type == IntegrationType::kHttp || in.type == IntegrationType::kHttpProxy;
  const bool aws = in.type == IntegrationType::kAws;
  const bool proxy = in.type == IntegrationType::kHttpProxy || in.type == IntegrationType::kAwsProxy;
  // AWS_PROXY applies no header mappings, yet refuses the same ones as AWS
  // (recorded: mapping Authorization, Connection, Expect, Proxy-Authenticate
  // or TE answers 500 for AWS and AWS_PROXY alike,
  // test_apigateway_header_remapping_aws).
  const bool aws_rules = aws || in.type == IntegrationType::kAwsProxy;

  MappedParameters mapped;
  if (!in.request_parameters.empty()) {
    MappingInputs inputs(inv, nullptr);
    for (const ParameterMapping& m : in.request_parameters) {
      std::vector<std::string> values = inputs.Evaluate(m.source);
      if (values.empty() || (values.size() == 1 && values[0].empty())) continue;  // AWS leaves it unset
      switch (m.target) {
        case ParameterMapping::Target::kHeader:
          if (IsIllegalMappedRequestHeader(m.name, aws_rules)) return IllegalHeader(inv, m.name);
          mapped.headers.Set(m.name, SanitizeHeaderValue(Join(values, ",")));
          break;
        case ParameterMapping::Target::kQueryString:
          for (std::string& v : values) mapped.query.emplace_back(m.name, std::move(v));
          break;
        case ParameterMapping::Target::kPath: {
          bool greedy = m.source.kind == ValueSource::Kind::kMethodPath && m.source.name == inv.greedy_param &&
                        !inv.greedy_param.empty();
          mapped.path.push_back({m.name, std::move(values.back()), greedy});
          break;
        }
      }
    }
  }

  if (proxy) {
    out.body = inv.request.body;
    if (in.type == IntegrationType::kHttpProxy) {
      out.headers = inv.headers;
      // Not passed through by default; a mapping may still set them.
      out.headers.Remove("Host");
      out.headers.Remove("Content-Encoding");
      // Consumed by the gateway: "to pass the header to the backend, the header
      // needs to be added to the integration request" (developer guide,
      // "Amazon API Gateway important notes for REST APIs").
      out.headers.Remove("X-HTTP-Method-Override");
      AddForwardingHeaders(out.headers, inv.request.remote_ip, inv.headers.GetOr("Host", ""));
      for (const auto& [k, v] : mapped.headers) out.headers.Set(k, v);
    }
  } else {
    RequestTemplateChoice choice =
        ChooseRequestTemplate(in.request_templates, in.passthrough, LastHeader(inv.headers, "Content-Type"));
    if (choice.unsupported) {
      inv.Fail(GatewayResponseType::kUnsupportedMediaType);
      return StageResult::kStop;
    }
    // The payload as the integration (and the template) sees it.
    const bool method_binary = inv.stage->binary_media_types.Matches(LastHeader(inv.headers, "Content-Type"));
    const bool integration_binary = RequestPayloadIsBinary(in.content_handling, method_binary);
    std::string payload = inv.request.body;
    if (!ConvertPayload(payload, method_binary, integration_binary)) {
      // "If the conversion fails, it returns a 500 response indicating an API
      // configuration error" (developer guide, content type conversions).
      inv.services.log.Warn("data-plane", "Execution failed due to configuration error: Unable to base64-decode "
                                          "the request body (contentHandling CONVERT_TO_BINARY)");
      inv.Fail(GatewayResponseType::kApiConfigurationError);
      return StageResult::kStop;
    }
    if (choice.chosen != nullptr && !choice.chosen->source().empty()) {
      inv.request_template_applied = true;
      if (integration_binary && !IsValidUtf8(payload)) {
        // Recorded: CONVERT_TO_BINARY with a matching template answers 500
        // (test_apigw_s3_binary_support_request_convert_to_binary_with_request_template).
        inv.services.log.Warn("data-plane", "Execution failed: a mapping template cannot transform a binary payload");
        inv.Fail(GatewayResponseType::kDefault5xx, "Internal server error", 500);
        return StageResult::kStop;
      }
      auto vars_owner = std::make_shared<vtl::Context>();
      vtl::Context& vars = *vars_owner;
      if (!choice.chosen->is_static()) BindTemplateVariables(inv, std::move(payload), vars);
      StatusOr<std::string> body = choice.chosen->Render(vars);
      if (!body.ok()) {
        const Status& st = body.status();
        inv.services.log.Warn("data-plane", "request template failed: " + st.message());
        if (st.http_status() == 400 && StartsWith(st.message(), "Could not parse request body")) {
          // $input.json/path on a body that is not JSON: AWS answers 400 {"message":
          // "Could not parse request body into json: ..."} and never calls the
          // integration (serverless/serverless#2270, slack-pokerbot#1).
          inv.error = GatewayError::Of(GatewayResponseType::kDefault4xx, st.message(), 400);
          inv.error->spaced_body = true;
        } else {
          inv.Fail(GatewayResponseType::kDefault5xx, "Internal server error", 500);
        }
        return StageResult::kStop;
      }
      out.body = std::move(body).value();
      if (!choice.chosen->is_static()) {
        inv.context.request_template_variables = vars_owner;  // the response template's $context
        vtl::Overrides o = vtl::ReadOverrides(vars);
        for (auto& [k, v] : o.request_headers) {
          if (IsIllegalMappedRequestHeader(k, aws_rules)) return IllegalHeader(inv, k);
          mapped.headers.Set(k, SanitizeHeaderValue(std::move(v)));
        }
        for (auto& [k, v] : o.request_querystring) mapped.query.emplace_back(std::move(k), std::move(v));
        for (auto& [k, v] : o.request_path) mapped.path.push_back({std::move(k), std::move(v), false});
      }
    } else {
      out.body = std::move(payload);
    }
    out.headers = std::move(mapped.headers);
    out.content_type_mapped = out.headers.Has("Content-Type");
  }

  if (in.type == IntegrationType::kAwsProxy) {
    inv.trace_id = TraceId(inv);  // the proxy event's X-Amzn-Trace-Id (lambda/lambda_event.cc)
    return StageResult::kContinue;
  }
  if (!http && !aws) return StageResult::kContinue;  // MOCK needs only the body

  // Placeholders without a mapping take the method path parameter of the same name.
  if (in.uri_has_placeholders) {
    for (const UriPiece& piece : in.uri) {
      if (!piece.is_placeholder) continue;
      bool have = false;
      for (const PathValue& v : mapped.path) have = have || v.name == piece.text;
      if (have) continue;
      if (const std::string* value = inv.PathParam(piece.text))
        mapped.path.push_back({piece.text, *value, piece.text == inv.greedy_param});
    }
  }
  out.url = RenderIntegrationUri(in.uri, mapped.path);
  if (in.type == IntegrationType::kHttpProxy) AppendQuery(out.url, inv.query);
  AppendQuery(out.url, mapped.query);
  out.http_method = in.http_method.empty() || in.http_method == "ANY" ? inv.request.method : in.http_method;

  if (aws) {
    DropFromAwsIntegrationRequest(out.headers);
  } else {
    DropFromHttpIntegrationRequest(out.headers);
  }
  if (!out.headers.Has("Accept")) out.headers.Add("Accept", "application/json");
  if (!out.headers.Has("User-Agent")) out.headers.Add("User-Agent", "AmazonAPIGateway_" + inv.context.api_id);
  if (inv.has_body_method && !out.headers.Has("Content-Type")) {
    if (const std::string* ct = LastHeader(inv.headers, "Content-Type")) out.headers.Add("Content-Type", *ct);
  }
  inv.trace_id = TraceId(inv);
  out.headers.Set("X-Amzn-Trace-Id", inv.trace_id);
  if (http) out.headers.Set("X-Amzn-Apigateway-Api-Id", inv.context.api_id);
  return StageResult::kContinue;
}

}  // namespace apigw::dp
