// Tests of data-plane/rest/mock_status_code.
#include <doctest/doctest.h>

#include "data-plane/rest/mock_status_code.h"

using apigw::dp::ParseMockStatusCode;

TEST_CASE("mock status code: JSON and the lenient forms AWS accepts") {
  CHECK(ParseMockStatusCode(R"({"statusCode": 200})") == 200);
  CHECK(ParseMockStatusCode("  {\n \"statusCode\" : 404 \n}  ") == 404);
  CHECK(ParseMockStatusCode("{ statusCode: 200 }") == 200);  // CDK's CORS preflight template
  CHECK(ParseMockStatusCode("{'statusCode': 201}") == 201);
  CHECK(ParseMockStatusCode(R"({"a": {"statusCode": 1}, "b": [1,"}"], "statusCode": 302})") == 302);
  CHECK(ParseMockStatusCode(R"({"message": "x\"y", "statusCode": 500})") == 500);
}

TEST_CASE("mock status code: absent or not an integer") {
  CHECK_FALSE(ParseMockStatusCode(""));
  CHECK_FALSE(ParseMockStatusCode("{}"));
  CHECK_FALSE(ParseMockStatusCode("[200]"));
  CHECK_FALSE(ParseMockStatusCode(R"({"statusCode": "200"})"));
  CHECK_FALSE(ParseMockStatusCode(R"({"statusCode": 200.5})"));
  CHECK_FALSE(ParseMockStatusCode(R"({"statusCode": })"));
  CHECK_FALSE(ParseMockStatusCode(R"({"status": 200})"));
  CHECK_FALSE(ParseMockStatusCode(R"({"a": {"statusCode": 200}})"));  // not at the top level
  CHECK_FALSE(ParseMockStatusCode(R"({"statusCode": 99999999999})"));
  CHECK_FALSE(ParseMockStatusCode("{\"a\": \"unterminated"));
  CHECK_FALSE(ParseMockStatusCode("{\"a\": [1, {\"b\": 2}"));
}
