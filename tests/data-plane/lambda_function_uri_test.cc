// Lambda invocation URIs (data-plane/rest/lambda/lambda_function_uri.h).
#include <doctest/doctest.h>

#include "data-plane/rest/lambda/lambda_function_uri.h"

using namespace apigw::dp;

TEST_CASE("Lambda URI: the function ARN and the URI's region") {
  auto fn = ParseLambdaFunctionUri(
      "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:my-fn/invocations");
  REQUIRE(fn);
  CHECK(fn->region == "eu-west-1");
  CHECK(fn->function == "arn:aws:lambda:eu-west-1:111111111111:function:my-fn");
  fn = ParseLambdaFunctionUri(
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:0:function:f:live/invocations");
  REQUIRE(fn);
  CHECK(fn->function == "arn:aws:lambda:us-east-1:0:function:f:live");  // the qualifier stays
  fn = ParseLambdaFunctionUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/plain-name/invocations");
  REQUIRE(fn);
  CHECK(fn->function == "plain-name");
}

TEST_CASE("Lambda URI: what names no function") {
  for (const char* bad : {
           "", "arn:aws:lambda:us-east-1:0:function:f",  // a function ARN alone (AWS refuses it too)
           "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions//invocations",
           "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:x/y/invocations",
           "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:x",
           "arn:aws:apigateway:us-east-1:lambda:action/Invoke",
           "arn:aws:apigateway:us-east-1:firehose:path/2015-03-31/functions/arn:x/invocations",
           "bad-arn:lambda:path/2015-03-31/functions/f/invocations",
           "arn:aws:apigateway:us-east-1:lambda:path/random/value/invocations",
       }) {
    CAPTURE(bad);
    CHECK_FALSE(ParseLambdaFunctionUri(bad));
  }
}
