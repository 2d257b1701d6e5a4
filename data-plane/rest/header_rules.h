// Which headers API Gateway drops, refuses or renames between the client and
// the integration, per integration type. The lists reproduce AWS responses
// recorded in LocalStack's snapshot tests (test_apigateway_integrations
// .snapshot.json, TestApiGatewayHeaderRemapping) as LocalStack's
// header_utils.py, integration_request.py and method_response.py tabulate them.
#pragma once

#include <string_view>

#include "net/http_message.h"

namespace apigw::dp {

// Removes the client request's headers that never reach an integration or a
// template (hop-by-hop and framing headers).
void RemoveDroppedFromInvocation(net::Headers& headers);
// Headers a parameter mapping or a requestOverride may not set (AWS answers
// 500); an AWS integration forbids a few more (`aws`), as it signs the request.
bool IsIllegalMappedRequestHeader(std::string_view name, bool aws = false);
// Removes what an HTTP / HTTP_PROXY integration request never carries.
void DropFromHttpIntegrationRequest(net::Headers& headers);
// Removes what an AWS integration request never carries.
void DropFromAwsIntegrationRequest(net::Headers& headers);

enum class ResponseHeaderRules { kProxy, kNonProxy };
// Renames headers AWS keeps only as "x-amzn-Remapped-<name>" and drops the
// hop-by-hop ones, in place.
void RemapResponseHeaders(net::Headers& headers, ResponseHeaderRules rules);

}  // namespace apigw::dp
