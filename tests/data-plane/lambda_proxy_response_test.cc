// The Lambda proxy response document (data-plane/rest/lambda/lambda_proxy_response.h),
// case by case as recorded against AWS (LocalStack's test_apigateway_lambda
// .snapshot.json, test_aws_proxy_response_payload_format_validation).
#include <doctest/doctest.h>

#include "data-plane/rest/lambda/lambda_proxy_response.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

LambdaProxyResponse Ok(std::string_view payload) {
  StatusOr<LambdaProxyResponse> r = ParseLambdaProxyResponse(payload);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return std::move(r).value();
}

std::vector<std::string> Values(const net::Headers& h, std::string_view name) { return h.GetAll(name); }

}  // namespace

TEST_CASE("proxy response: every member is optional") {
  LambdaProxyResponse r = Ok(R"({"statusCode": 200})");  // invoke-api-no-body
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  CHECK(r.headers.empty());
  r = Ok(R"({})");  // test_lambda_aws_proxy_response_format "empty-response": 200, no body
  CHECK(r.status == 200);
  r = Ok(R"({"headers": {"test-header": "value"}})");  // invoke-api-only-headers: 200
  CHECK(r.status == 200);
  CHECK(r.headers.GetOr("test-header", "") == "value");
  r = Ok(R"({"statusCode": null, "headers": null, "multiValueHeaders": null, "body": null, "isBase64Encoded": null})");
  CHECK(r.status == 200);
}

TEST_CASE("proxy response: statusCode as a number or a string of one") {
  CHECK(Ok(R"({"statusCode": "201"})").status == 201);  // invoke-api-status-code-str
  CHECK(Ok(R"({"statusCode": 404})").status == 404);
  CHECK(Ok(R"({"statusCode": 302.0})").status == 302);
  for (const char* bad : {R"({"statusCode": "test"})", R"({"statusCode": "20x"})", R"({"statusCode": ""})",
                          R"({"statusCode": 99})", R"({"statusCode": 600})", R"({"statusCode": -200})",
                          R"({"statusCode": 200.5})", R"({"statusCode": true})", R"({"statusCode": [200]})",
                          R"({"statusCode": "99999999999999999999"})"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseLambdaProxyResponse(bad).ok());
  }
}

TEST_CASE("proxy response: header values; booleans and numbers become text, null drops the header") {
  LambdaProxyResponse r = Ok(R"({"statusCode": 200, "headers": {"test-header": "value", "header-bool": true,
                                 "n": 5, "gone": null}})");  // invoke-api-with-headers
  CHECK(r.headers.GetOr("header-bool", "") == "true");
  CHECK(r.headers.GetOr("n", "") == "5");
  CHECK_FALSE(r.headers.Has("gone"));
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"headers": {"a": {"b": 1}}})").ok());
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"headers": {"a": ["b"]}})").ok());
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"headers": "a: b"})").ok());
}

TEST_CASE("proxy response: multiValueHeaders merge with headers as AWS answers") {
  // invoke-api-multi-headers-valid
  LambdaProxyResponse r = Ok(R"({"statusCode": 200, "multiValueHeaders": {"test-multi": ["value1", "value2"]}})");
  CHECK(Values(r.headers, "test-multi") == std::vector<std::string>{"value1", "value2"});
  // invoke-api-multi-headers-overwrite: multi values first, then the single one
  r = Ok(R"({"statusCode": 200, "multiValueHeaders": {"test-multi": ["value-multi"]},
             "headers": {"test-multi": "value-solo"}})");
  CHECK(Values(r.headers, "test-multi") == std::vector<std::string>{"value-multi", "value-solo"});
  CHECK(r.headers.size() == 2);
  // invoke-api-multi-headers-overwrite-casing: the multiValueHeaders spelling wins
  r = Ok(R"({"statusCode": 200, "multiValueHeaders": {"tesT-Multi": ["value-multi"]},
             "headers": {"test-multi": "value-solo"}})");
  REQUIRE(r.headers.size() == 2);
  for (const auto& [name, value] : r.headers) CHECK(name == "tesT-Multi");
  // Headers only in one map are kept as they are.
  r = Ok(R"({"multiValueHeaders": {"a": ["1"], "empty": []}, "headers": {"b": "2"}})");
  CHECK(r.headers.GetOr("a", "") == "1");
  CHECK(r.headers.GetOr("b", "") == "2");
  CHECK_FALSE(r.headers.Has("empty"));
  // invoke-api-multi-headers-invalid
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"statusCode": 200, "multiValueHeaders": {"test-multi-invalid": "value1"}})").ok());
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"multiValueHeaders": {"a": [{"x": 1}]}})").ok());
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"multiValueHeaders": ["a"]})").ok());
}

TEST_CASE("proxy response: body and isBase64Encoded") {
  LambdaProxyResponse r = Ok(R"({"statusCode": 200, "body": "dGVzdC1kYXRh", "isBase64Encoded": true})");
  CHECK(r.body == "dGVzdC1kYXRh");
  CHECK(r.base64);
  CHECK_FALSE(Ok(R"({"body": "x", "isBase64Encoded": false})").base64);
  CHECK(Ok(R"({"body": "x", "isBase64Encoded": "true"})").base64);
  CHECK(Ok(R"({"body": 12})").body == "12");
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"body": {"a": 1}})").ok());
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"body": ["a"]})").ok());
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"isBase64Encoded": "yes"})").ok());
  CHECK_FALSE(ParseLambdaProxyResponse(R"({"isBase64Encoded": 1})").ok());
}

TEST_CASE("proxy response: what is not a response document") {
  for (const char* bad : {"", "justAString", "\"justAString\"", "null", "[]", "42",  // invoke-api-just-string
                          R"({"statusCode": 200, "wrongValue": "value"})",            // invoke-api-wrong-format
                          R"({"errorMessage": "boom", "errorType": "Error"})",         // a function error document
                          R"({"statusCode": 200, "cookies": ["a=b"]})",                // format 2.0 only
                          "{\"statusCode\": 200", "\xff\xfe"}) {
    CAPTURE(bad);
    StatusOr<LambdaProxyResponse> r = ParseLambdaProxyResponse(bad);
    CHECK_FALSE(r.ok());
    if (!r.ok()) CHECK_FALSE(r.status().message().empty());
  }
}
