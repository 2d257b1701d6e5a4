// CompiledStage: one deployed REST API stage as the request path needs it,
// built once from a PublishedStage (compile_stage.h) and then immutable:
// requests hold it through a shared_ptr for their whole lifetime.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data-plane/gateway/gateway_response_type.h"
#include "data-plane/rest/authorizer/compiled_authorizer.h"
#include "data-plane/rest/binary_media_types.h"
#include "data-plane/rest/compiled_template.h"
#include "data-plane/rest/payload_encoding.h"
#include "data-plane/rest/route_tree.h"
#include "data-plane/rest/value_source.h"
#include "vtl/java_regex.h"

namespace apigw::dp {

// Templates keyed by content type, in the deployment document's order.
using TemplateMap = std::vector<std::pair<std::string, CompiledTemplate>>;

// "integration.request.header.X" = source, or "method.response.header.X" = source.
struct ParameterMapping {
  enum class Target { kPath, kQueryString, kHeader };
  Target target = Target::kHeader;
  std::string name;
  ValueSource source;
};

enum class IntegrationType { kMock, kHttp, kHttpProxy, kAws, kAwsProxy };
enum class PassthroughBehavior { kWhenNoMatch, kWhenNoTemplates, kNever };

struct CompiledIntegrationResponse {
  std::string status_code;                // the method response status, "200"
  int status = 200;
  std::string selection_pattern;          // "" for the default response
  std::shared_ptr<const vtl::JavaRegex> pattern;  // compiled selection_pattern (a Java regex)
  std::vector<ParameterMapping> response_parameters;  // method.response.header.*
  TemplateMap response_templates;
  ContentHandling content_handling = ContentHandling::kPassthrough;
};

// A piece of the integration URI: literal text or a {name} placeholder.
// Stage variables (${stageVariables.x}) are substituted at compile time.
struct UriPiece {
  bool is_placeholder = false;
  std::string text;  // literal text, or the placeholder's name
};

struct CompiledIntegration {
  IntegrationType type = IntegrationType::kMock;
  std::string type_name;         // as in the document, for log lines
  std::string http_method;       // integration method; "" or "ANY": the request's
  std::vector<UriPiece> uri;     // see UriPiece
  bool uri_has_placeholders = false;
  // AWS and AWS_PROXY: the service the URI names ("dynamodb", "lambda"); empty
  // when the URI is not an AWS service ARN (requests then fail).
  std::string aws_service;
  // AWS_PROXY to Lambda: the function the URI names (its region apart);
  // empty when the URI names none. AWS integrations read their rendered URI.
  std::string lambda_function;
  std::string lambda_region;
  std::vector<ParameterMapping> request_parameters;  // integration.request.*
  TemplateMap request_templates;
  PassthroughBehavior passthrough = PassthroughBehavior::kWhenNoMatch;
  ContentHandling content_handling = ContentHandling::kPassthrough;
  int timeout_ms = 29000;
  bool insecure_skip_verification = false;
  std::vector<CompiledIntegrationResponse> responses;
  int default_response = -1;     // index of the response without selectionPattern
};

struct CompiledMethod {
  std::string http_method;       // "GET", "ANY", ...
  std::string authorization_type = "NONE";
  std::string authorizer_id;
  bool api_key_required = false;
  std::string request_validator_id;
  std::map<std::string, bool> request_parameters;  // "method.request.querystring.x" -> required
  std::optional<CompiledIntegration> integration;  // absent: AWS answers 500
};

struct CompiledResource {
  std::string id;
  std::string path;              // "/pets/{id}"
  std::vector<CompiledMethod> methods;
  const CompiledMethod* FindMethod(std::string_view http_method) const;  // exact, else ANY
};

// A gatewayResponses entry of the deployment.
struct CompiledGatewayResponse {
  std::optional<int> status;
  std::vector<std::pair<std::string, ValueSource>> headers;  // gatewayresponse.header.X
  TemplateMap templates;
};

struct CompiledStage {
  std::string api_id;
  std::string api_name;
  std::string stage_name;
  std::string deployment_id;
  std::string region;
  std::string account_id;
  bool execute_api_endpoint_disabled = false;
  BinaryMediaTypes binary_media_types;
  std::vector<std::pair<std::string, std::string>> stage_variables;  // in document order
  std::vector<CompiledResource> resources;
  RouteTree routes;
  std::array<std::optional<CompiledGatewayResponse>, kGatewayResponseTypeCount> gateway_responses;
  std::vector<CompiledAuthorizer> authorizers;
  // Canary release: `canary` (the canary deployment, with the stage's
  // variables overridden by canarySettings.stageVariableOverrides) serves
  // canary_percent percent of the requests. is_canary: this is that stage
  // ($context.isCanaryRequest; unset on a stage without a canary).
  std::shared_ptr<const CompiledStage> canary;
  double canary_percent = 0;
  std::optional<bool> is_canary;

  const std::string* StageVariable(std::string_view name) const;
  const CompiledAuthorizer* FindAuthorizer(std::string_view id) const;
};

}  // namespace apigw::dp
