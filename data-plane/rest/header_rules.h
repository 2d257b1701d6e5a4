// Which headers API Gateway drops, refuses or renames between the client and
// the integration, per integration type. The lists reproduce AWS responses
// recorded in LocalStack's snapshot tests (test_apigateway_integrations
// .snapshot.json, TestApiGatewayHeaderRemapping) as LocalStack's
// header_utils.py, integration_request.py and method_response.py tabulate them,
// and, where nothing was recorded (a proxy backend's own headers), the table
// in the developer guide's "Amazon API Gateway important notes for REST APIs".
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
// Adds what the front end of every API Gateway endpoint adds to the method
// request before API Gateway sees it: X-Forwarded-For (the client's address,
// appended to a value the client sent), X-Forwarded-Port and -Proto. The
// AWS_PROXY events recorded against AWS carry all three among the client's
// headers, and a recorded HTTP_PROXY backend received an X-Forwarded-For other
// than API Gateway's own address (test_apigateway_http.snapshot.json,
// test_http_integration_with_lambda[HTTP_PROXY]); a non-proxy HTTP request
// carries none of them (same test, [HTTP]). `host` is the request's Host header.
void AddForwardingHeaders(net::Headers& headers, std::string_view client_ip, std::string_view host);
// Removes what an AWS integration request never carries.
void DropFromAwsIntegrationRequest(net::Headers& headers);

// What reaches the client of the integration's response headers:
//   kProxy (HTTP_PROXY, AWS_PROXY): the backend's headers, as the developer
//     guide's table in "Amazon API Gateway important notes for REST APIs"
//     lists them for http_proxy and lambda: Authorization, Connection,
//     Content-MD5, Date, Max-Forwards, Server, User-Agent and WWW-Authenticate
//     kept only renamed, Expect, Host, Proxy-Authenticate, TE, Trailer,
//     Upgrade and Via dropped (Content-Length and x-amzn-RequestId renamed as
//     recorded in test_apigateway_http.snapshot.json);
//   kNonProxy (HTTP, AWS): what response parameters set, renamed as recorded
//     in TestApiGatewayHeaderRemapping (a Via or TE set there reaches the
//     client);
//   kMock: what response parameters set, with LocalStack's shorter list.
enum class ResponseHeaderRules { kProxy, kMock, kNonProxy };
// Renames headers AWS keeps only as "x-amzn-Remapped-<name>" and drops the
// hop-by-hop ones, in place.
void RemapResponseHeaders(net::Headers& headers, ResponseHeaderRules rules);

}  // namespace apigw::dp
