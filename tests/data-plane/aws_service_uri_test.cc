// Tests of data-plane/rest/aws_service_uri: AWS integration URIs.
#include <doctest/doctest.h>

#include "data-plane/rest/aws_service_uri.h"

using namespace apigw;
using namespace apigw::dp;
using S = AwsServiceUri::Style;

TEST_CASE("aws uri: action style, with parameters") {
  auto u = ParseAwsServiceUri("arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem");
  REQUIRE(u);
  CHECK(u->region == "eu-west-1");
  CHECK(u->service == "dynamodb");
  CHECK(u->style == S::kAction);
  CHECK(u->action == "PutItem");
  CHECK(u->params.empty());

  auto s3 = ParseAwsServiceUri("arn:aws:apigateway:us-west-2:s3:action/GetObject&Bucket=b&Key=a%2Fb?x=1");
  REQUIRE(s3);
  CHECK(s3->action == "GetObject");
  CHECK(s3->params == QueryParams{{"Bucket", "b"}, {"Key", "a/b"}, {"x", "1"}});
}

TEST_CASE("aws uri: path style, subdomains, lambda") {
  auto sqs = ParseAwsServiceUri("arn:aws:apigateway:us-east-1:sqs:path/000000000000/my-queue");
  REQUIRE(sqs);
  CHECK(sqs->style == S::kPath);
  CHECK(sqs->path == "000000000000/my-queue");
  auto hosted = ParseAwsServiceUri("arn:aws:apigateway:us-east-1:my-bucket.s3:path/a%20b.txt?versionId=3");
  REQUIRE(hosted);
  CHECK(hosted->service == "s3");
  CHECK(hosted->subdomain == "my-bucket");
  CHECK(hosted->path == "a%20b.txt");
  CHECK(hosted->params == QueryParams{{"versionId", "3"}});
  auto lambda = ParseAwsServiceUri(
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations");
  REQUIRE(lambda);
  CHECK(lambda->service == "lambda");
}

TEST_CASE("aws uri: what is not one") {
  for (const char* bad : {"", "http://example.com", "arn:aws:apigateway:us-east-1:sqs", "arn:aws:apigateway::sqs:path/x",
                          "arn:aws:apigateway:us-east-1::path/x", "arn:aws:lambda:us-east-1:sqs:path/x",
                          "arn:aws:apigateway:us-east-1:sqs:other/x", "arn:aws:apigateway:us-east-1:sqs:action/",
                          "arn:aws:apigateway:us-east-1:.s3:path/x"}) {
    std::string uri = bad;
    CAPTURE(uri);
    CHECK_FALSE(ParseAwsServiceUri(uri));
  }
}
