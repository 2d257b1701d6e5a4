// The JSON-protocol services, from their botocore models (targetPrefix,
// jsonVersion).
#include "data-plane/aws/service_protocols.h"

namespace apigw::dp {

namespace {

constexpr JsonProtocol kJsonProtocols[] = {
    {"dynamodb", "DynamoDB_20120810", "application/x-amz-json-1.0"},
    {"events", "AWSEvents", "application/x-amz-json-1.1"},
    {"firehose", "Firehose_20150804", "application/x-amz-json-1.1"},
    {"kinesis", "Kinesis_20131202", "application/x-amz-json-1.1"},
    {"logs", "Logs_20140328", "application/x-amz-json-1.1"},
    {"sqs", "AmazonSQS", "application/x-amz-json-1.0"},
    {"states", "AWSStepFunctions", "application/x-amz-json-1.0"},
};

}  // namespace

const JsonProtocol* FindJsonProtocol(std::string_view service) {
  for (const JsonProtocol& p : kJsonProtocols) {
    if (p.service == service) return &p;
  }
  return nullptr;
}

}  // namespace apigw::dp
