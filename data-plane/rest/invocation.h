// Invocation: the one object a REST request's pipeline stages share. Each
// stage reads what earlier stages wrote and fills in its own part; the
// comments say which stage writes what.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "base/url.h"
#include "data-plane/access_log.h"
#include "data-plane/aws/aws_endpoints.h"
#include "data-plane/gateway/gateway_error.h"
#include "data-plane/rest/compiled_stage.h"
#include "data-plane/rest/context_variables.h"
#include "net/http_client.h"
#include "net/http_message.h"
#include "net/http_server.h"
#include "net/io_pool.h"

namespace apigw::lambda {
class Invoker;
}  // namespace apigw::lambda

namespace apigw::dp {

class AuthorizerCache;

// What the stages may call out to. Owned by the DataPlane; outlives every request.
struct Services {
  net::HttpClient& client;
  Logger& log;
  Clock& clock;
  IdSource& ids;
  AccessLog& access_log;
  const AwsEndpoints& aws_endpoints;  // where AWS service integrations send requests
  net::IoPool* loops = nullptr;        // where Lambda results resume (lambda/lambda_call.h)
  lambda::Invoker* lambda = nullptr;   // Lambda integrations and authorizers; none: they answer 5xx
  AuthorizerCache* authorizer_cache = nullptr;
};

// The request API Gateway sends to the integration (request mapping writes it).
struct IntegrationRequest {
  std::string http_method;
  std::string url;              // rendered URI, query string included (AWS: the ARN)
  net::Headers headers;
  bool content_type_mapped = false;  // a mapping or requestOverride set Content-Type
  std::string body;
  std::vector<std::pair<std::string, std::string>> path;  // integration.request.path.* values
};

// What the integration answered (the integration stage writes it).
struct EndpointResponse {
  int status = 200;
  net::Headers headers;
  std::string body;
  // What selectionPattern is matched against instead of the status code: a
  // Lambda custom integration's errorMessage ("" when the function succeeded).
  std::optional<std::string> selection_value;
};

struct Invocation {
  Invocation(const Services& services, std::shared_ptr<const CompiledStage> stage, net::HttpRequest&& request,
             std::shared_ptr<net::ResponseWriter> writer)
      : services(services), stage(std::move(stage)), request(std::move(request)), writer(std::move(writer)) {}

  const Services& services;
  const std::shared_ptr<const CompiledStage> stage;  // held for the request's lifetime
  net::HttpRequest request;                          // as received (body included)
  std::shared_ptr<net::ResponseWriter> writer;

  // Set before the pipeline starts (DataPlane).
  std::string path;             // request path after the stage, still encoded: "/pets/1"
  QueryParams query;            // decoded, in order
  net::Headers headers;         // request headers minus those AWS never forwards
  ContextVariables context;
  std::string trace_id;         // "Root=1-...;Parent=...;Sampled=0"
  bool has_body_method = true;  // false for GET, HEAD, OPTIONS
  int64_t started_us = 0;       // services.clock.MonotonicMicros() on arrival
  std::string greedy_param;     // the {name+} the route matched, if any

  // Route match.
  const CompiledResource* resource = nullptr;
  const CompiledMethod* method = nullptr;
  std::vector<std::pair<std::string, std::string>> path_params;  // decoded

  // Request mapping.
  IntegrationRequest integration_request;
  bool request_template_applied = false;

  // Integration.
  EndpointResponse endpoint;

  // Response mapping (or a proxy integration's response as it is).
  net::HttpResponse response;

  // Any stage: set to stop the pipeline and answer with a gateway response.
  std::optional<GatewayError> error;

  // Pipeline bookkeeping (pipeline.cc).
  size_t next_stage = 0;

  const CompiledIntegration& integration() const { return *method->integration; }
  void Fail(GatewayResponseType type, std::string message = {}, int status = 0) {
    error = GatewayError::Of(type, std::move(message), status);
  }
  // The last value of query parameter / request header `name`, or nullptr.
  const std::string* QueryValue(std::string_view name) const;
  const std::string* PathParam(std::string_view name) const;
};

}  // namespace apigw::dp
