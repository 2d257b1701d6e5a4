// The events API Gateway sends Lambda functions for a REST API: the Lambda
// proxy integration's event (payload format 1.0, developer guide "Input
// format of a Lambda function for proxy integration") and the TOKEN and
// REQUEST authorizer events ("Input to an API Gateway Lambda authorizer").
// Members are written in the order AWS sends them; absent collections are
// null, as recorded (LocalStack's test_apigateway_lambda.snapshot.json,
// test_lambda_aws_proxy_integration).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data-plane/rest/invocation.h"

namespace apigw::dp {

// The proxy integration's event, as JSON.
std::string BuildProxyEvent(const Invocation& inv);

// {"type":"TOKEN","authorizationToken":...,"methodArn":...}
std::string BuildTokenAuthorizerEvent(std::string_view token, std::string_view method_arn);

// {"type":"REQUEST","methodArn":...,"resource":...,"path":...,"httpMethod":...,
//  "headers":...,"multiValueHeaders":...,"queryStringParameters":...,
//  "multiValueQueryStringParameters":...,"pathParameters":...,
//  "stageVariables":...,"requestContext":...}
std::string BuildRequestAuthorizerEvent(const Invocation& inv, std::string_view method_arn);

// "arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}",
// the path as requested without its first slash ("GET/" for the root).
std::string MethodArn(const Invocation& inv);

// The path parameters still percent-encoded, as the events carry them
// (recorded: "test%2Balias@gmail.com" stays encoded in pathParameters):
// `resource_path`'s {name} and {name+} placeholders against `path`'s segments.
std::vector<std::pair<std::string, std::string>> RawPathParameters(std::string_view resource_path,
                                                                   std::string_view path);

}  // namespace apigw::dp
