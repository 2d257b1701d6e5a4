// Tests of data-plane/aws/aws_endpoints: --aws-endpoint entries.
#include <doctest/doctest.h>

#include "data-plane/aws/aws_endpoints.h"

using namespace apigw;
using namespace apigw::dp;

TEST_CASE("aws endpoints: per service, a catch-all, later entries win") {
  StatusOr<AwsEndpoints> e = AwsEndpoints::Parse(
      {"dynamodb=http://localhost:8000/", "http://localhost:4566", "sqs=http://a:1,SQS=https://b:2/x"});
  REQUIRE(e.ok());
  CHECK(*e->Find("dynamodb") == "http://localhost:8000");
  CHECK(*e->Find("sqs") == "https://b:2/x");
  CHECK(*e->Find("kinesis") == "http://localhost:4566");
  CHECK_FALSE(e->empty());

  StatusOr<AwsEndpoints> only = AwsEndpoints::Parse({"dynamodb=http://localhost:8000"});
  REQUIRE(only.ok());
  CHECK(only->Find("sqs") == nullptr);
  StatusOr<AwsEndpoints> none = AwsEndpoints::Parse({});
  REQUIRE(none.ok());
  CHECK(none->empty());
  CHECK(none->Find("dynamodb") == nullptr);
}

TEST_CASE("aws endpoints: malformed entries are refused") {
  for (const char* bad : {"dynamodb", "=http://x", "dynamodb=localhost:8000", "ftp://x", "http://", "s3=http://"}) {
    std::string entry = bad;
    CAPTURE(entry);
    CHECK_FALSE(AwsEndpoints::Parse({entry}).ok());
  }
  CHECK(AwsEndpoints::Parse({" , "}).ok());  // empty items are skipped
}
