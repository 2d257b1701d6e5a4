// The wire protocol API Gateway speaks to an AWS service for an action-style
// integration URI (arn:aws:apigateway:{region}:{service}:action/{Action}):
// JSON-protocol services take the action in X-Amz-Target and a
// application/x-amz-json-1.x body (values from each service's model:
// metadata.targetPrefix and jsonVersion); the others (SNS, SQS's query API)
// take Action={Action} in the query string.
#pragma once

#include <string_view>

namespace apigw::dp {

struct JsonProtocol {
  std::string_view service;        // as in the integration URI
  std::string_view target_prefix;  // X-Amz-Target: {prefix}.{Action}
  std::string_view content_type;   // application/x-amz-json-1.0 or -1.1
};

// The JSON protocol of `service`, or nullptr when it has none. SQS speaks
// both; the integration picks by what its request template produced.
const JsonProtocol* FindJsonProtocol(std::string_view service);

}  // namespace apigw::dp
