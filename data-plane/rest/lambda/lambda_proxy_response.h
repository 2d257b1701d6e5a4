// The Lambda proxy integration's response document (developer guide, "Output
// format of a Lambda function for proxy integration"): statusCode, headers,
// multiValueHeaders, body and isBase64Encoded, every member optional and no
// other allowed. The rules follow responses recorded against AWS (LocalStack's
// test_apigateway_lambda.snapshot.json, test_aws_proxy_response_payload_format
// _validation and test_lambda_aws_proxy_response_format).
#pragma once

#include <string>
#include <string_view>

#include "base/status_or.h"
#include "net/http_message.h"

namespace apigw::dp {

struct LambdaProxyResponse {
  int status = 200;          // statusCode; absent: 200
  net::Headers headers;      // headers and multiValueHeaders merged
  std::string body;          // "" when absent or null
  bool base64 = false;       // isBase64Encoded
};

// Fails, saying why, on what AWS answers 502 for: not a JSON object, an
// unknown member, a statusCode that is not an integer (or a string of one) in
// 100..599, headers that are not an object of scalars, multiValueHeaders that
// are not an object of lists, a body that is an object or a list.
// A header's boolean or number value becomes its text ("true").
// Merging: a name in both maps keeps multiValueHeaders' spelling and carries
// its values first, then the single value (recorded: "value-multi, value-solo"
// under "tesT-Multi").
StatusOr<LambdaProxyResponse> ParseLambdaProxyResponse(std::string_view payload);

}  // namespace apigw::dp
