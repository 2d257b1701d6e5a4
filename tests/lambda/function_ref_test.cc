// Tests of lambda/function_ref.h: every form of function name Lambda accepts.
#include <doctest/doctest.h>

#include "lambda/function_ref.h"

namespace apigw::lambda {

TEST_CASE("a plain name, with and without a qualifier") {
  auto ref = ParseFunctionRef("my-function");
  REQUIRE(ref.ok());
  CHECK(ref->name == "my-function");
  CHECK(ref->region.empty());
  CHECK(ref->account_id.empty());
  CHECK(ref->qualifier.empty());

  ref = ParseFunctionRef("my-function:prod");
  REQUIRE(ref.ok());
  CHECK(ref->name == "my-function");
  CHECK(ref->qualifier == "prod");
}

TEST_CASE("partial and full ARNs") {
  auto ref = ParseFunctionRef("123456789012:function:fn");
  REQUIRE(ref.ok());
  CHECK(ref->account_id == "123456789012");
  CHECK(ref->name == "fn");

  ref = ParseFunctionRef("function:fn:$LATEST");
  REQUIRE(ref.ok());
  CHECK(ref->name == "fn");
  CHECK(ref->qualifier == "$LATEST");

  ref = ParseFunctionRef("arn:aws:lambda:eu-west-1:000000000000:function:fn:3");
  REQUIRE(ref.ok());
  CHECK(ref->region == "eu-west-1");
  CHECK(ref->account_id == "000000000000");
  CHECK(ref->name == "fn");
  CHECK(ref->qualifier == "3");

  ref = ParseFunctionRef("arn:aws-us-gov:lambda:us-gov-west-1:000000000000:function:fn");
  REQUIRE(ref.ok());
  CHECK(ref->region == "us-gov-west-1");
  CHECK(ref->qualifier.empty());
}

TEST_CASE("an ARN ending at 'function' names a function called 'function', as AWS reads it") {
  auto ref = ParseFunctionRef("arn:aws:lambda:us-east-1:000000000000:function");
  REQUIRE(ref.ok());
  CHECK(ref->name == "function");
  CHECK(ref->qualifier.empty());
}

TEST_CASE("what cannot be split is refused, never crashes") {
  for (const char* bad : {"", ":", "fn:", "fn:1:2", "arn:aws:ec2:us-east-1:000000000000:instance:i-1",
                          "arn:aws:lambda:us-east-1:000000000000:function:fn:1:2", "a:b:c:d:e:f:g:h:i"}) {
    CAPTURE(bad);
    auto ref = ParseFunctionRef(bad);
    CHECK_FALSE(ref.ok());
    if (!ref.ok()) CHECK(ref.status().type() == "InvalidParameterValueException");
  }
}

TEST_CASE("qualifiers from the name and the parameter must agree") {
  FunctionRef ref;
  ref.name = "fn";
  CHECK(*MergeQualifier(ref, "") == "");
  CHECK(*MergeQualifier(ref, "2") == "2");
  ref.qualifier = "$LATEST";
  CHECK(*MergeQualifier(ref, "") == "$LATEST");
  CHECK(*MergeQualifier(ref, "$LATEST") == "$LATEST");
  auto mismatch = MergeQualifier(ref, "1");
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.status().message() ==
        "The derived qualifier from the function name does not match the specified qualifier.");
}

TEST_CASE("ARNs and version numbers") {
  CHECK(FunctionArn("us-east-1", "000000000000", "fn") == "arn:aws:lambda:us-east-1:000000000000:function:fn");
  CHECK(FunctionArn("us-east-1", "000000000000", "fn", "$LATEST") ==
        "arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST");
  CHECK(IsVersionNumber("1"));
  CHECK(IsVersionNumber("42"));
  CHECK_FALSE(IsVersionNumber(""));
  CHECK_FALSE(IsVersionNumber("$LATEST"));
  CHECK_FALSE(IsVersionNumber("prod"));
  CHECK_FALSE(IsVersionNumber("1a"));
}

}  // namespace apigw::lambda
