// ContextVariables: the $context data of one REST invocation (developer guide,
// "$context Variables for data models, authorizers, mapping templates, and
// CloudWatch access logging"), built once per request and read by parameter
// mappings, mapping templates and gateway responses.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace apigw::vtl {
class Context;  // vtl/template.h
}  // namespace apigw::vtl

namespace apigw::dp {

struct AuthorizerResult;  // authorizer/authorizer_result.h

struct ContextIdentity {
  std::string source_ip;
  std::string user_agent;  // empty when the client sent none (then null in templates)
};

// $context.error, set when a gateway response is being rendered.
struct ContextError {
  std::string message;
  std::string response_type;  // "MISSING_AUTHENTICATION_TOKEN"
  std::string validation_error_string;
};

struct ContextVariables {
  std::string account_id;
  std::string api_id;
  std::string deployment_id;
  std::optional<bool> is_canary_request;  // set only on stages with a canary
  std::string domain_name;          // the Host header, without a port
  std::string domain_prefix;        // its first label
  std::string extended_request_id;  // also sent as x-amz-apigw-id
  std::string http_method;
  std::string path;                 // "/{stage}/{path}" as requested, still encoded
  std::string protocol = "HTTP/1.1";
  std::string request_id;           // also sent as x-amzn-RequestId
  int64_t request_time_epoch = 0;   // milliseconds; requestTime is formatted from it when read
  std::string resource_id;
  std::string resource_path;        // "/pets/{id}"
  std::string stage;
  ContextIdentity identity;
  std::optional<ContextError> error;
  // What a Lambda authorizer returned ($context.authorizer.principalId and
  // .<context key>); null when the method has none. Shared with the cache.
  std::shared_ptr<const AuthorizerResult> authorizer;
  // The variables a request template rendered with (null when none did): the
  // response template of the same request reads and changes the same $context,
  // so what the request template set there (requestOverride, responseOverride,
  // any other key) is seen by the response template, and a responseOverride
  // applies even when no response template renders (recorded:
  // test_apigateway_integrations.snapshot.json, test_integration_mock_with_*).
  // Kept whole, since a render's Context owns what the render made.
  std::shared_ptr<vtl::Context> request_template_variables;

  // The value of a mapping source "context.NAME" ("requestId",
  // "identity.sourceIp", "error.messageString"), nullopt when unknown or null.
  std::optional<std::string> Lookup(std::string_view name) const;
};

// "dd/MMM/yyyy:HH:mm:ss +0000" in UTC, as $context.requestTime shows it.
std::string FormatRequestTime(int64_t epoch_millis);

// A JSON string literal of `s` (quotes included): $context.error.messageString.
std::string JsonQuote(std::string_view s);

}  // namespace apigw::dp
