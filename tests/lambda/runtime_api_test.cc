// Tests of lambda/runtime_api.h (routing) and runtime_kind.h.
#include <doctest/doctest.h>

#include "lambda/runtime_api.h"
#include "lambda/runtime_kind.h"

namespace apigw::lambda {

TEST_CASE("the four Runtime API routes") {
  RuntimeRoute r = RouteRuntimeCall("GET", "/2018-06-01/runtime/invocation/next");
  CHECK(r.call == RuntimeCall::kNext);
  r = RouteRuntimeCall("POST", "/2018-06-01/runtime/invocation/8476a536-e9f4/response");
  CHECK(r.call == RuntimeCall::kResponse);
  CHECK(r.request_id == "8476a536-e9f4");
  r = RouteRuntimeCall("POST", "/2018-06-01/runtime/invocation/abc/error");
  CHECK(r.call == RuntimeCall::kError);
  CHECK(r.request_id == "abc");
  r = RouteRuntimeCall("POST", "/2018-06-01/runtime/init/error");
  CHECK(r.call == RuntimeCall::kInitError);
}

TEST_CASE("other paths and methods") {
  CHECK(RouteRuntimeCall("POST", "/2018-06-01/runtime/invocation/next").call == RuntimeCall::kBadMethod);
  CHECK(RouteRuntimeCall("GET", "/2018-06-01/runtime/invocation/abc/response").call == RuntimeCall::kBadMethod);
  CHECK(RouteRuntimeCall("GET", "/").call == RuntimeCall::kNotFound);
  CHECK(RouteRuntimeCall("GET", "/2020-01-01/extension/register").call == RuntimeCall::kNotFound);
  CHECK(RouteRuntimeCall("POST", "/2018-06-01/runtime/invocation//response").call == RuntimeCall::kNotFound);
  CHECK(RouteRuntimeCall("POST", "/2018-06-01/runtime/invocation/abc/other").call == RuntimeCall::kNotFound);
  CHECK(RouteRuntimeCall("POST", "/2018-06-01/runtime/invocation/abc").call == RuntimeCall::kNotFound);
}

TEST_CASE("runtimes: kinds and what CreateFunction accepts") {
  CHECK(KindOf("nodejs22.x") == RuntimeKind::kNode);
  CHECK(KindOf("python3.13") == RuntimeKind::kPython);
  CHECK(KindOf("provided.al2023") == RuntimeKind::kProvided);
  CHECK(KindOf("java21") == RuntimeKind::kUnsupported);
  CHECK(CheckRuntime("nodejs20.x").ok());
  CHECK(CheckRuntime("python3.12").ok());
  CHECK(CheckRuntime("provided.al2").ok());
  CHECK(CheckRuntime("java21").ok());
  Status deprecated = CheckRuntime("python3.7");
  REQUIRE_FALSE(deprecated.ok());
  CHECK(deprecated.message() ==
        "The runtime parameter of python3.7 is no longer supported for creating or updating AWS Lambda functions. "
        "We recommend you use a supported runtime while creating or updating functions.");
  Status unknown = CheckRuntime("PYTHON3.9");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.type() == "InvalidParameterValueException");
  CHECK(unknown.message().rfind("Value PYTHON3.9 at 'runtime' failed to satisfy constraint: Member must satisfy "
                                "enum value set: [nodejs20.x, python3.14, provided.al2023,",
                                0) == 0);
  CHECK(unknown.message().find("] or be a valid ARN") != std::string::npos);
}

}  // namespace apigw::lambda
