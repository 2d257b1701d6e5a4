// Tests of control-plane/lambda/invoke.cc: the request the runner gets, and
// how its result becomes InvocationResponse.
#include "tests/control-plane/lambda/lambda_bench.h"

namespace apigw::cp::lambda {

using testing::LambdaBench;
using testing::Reply;

TEST_CASE("a result becomes status, payload and the X-Amz headers") {
  LambdaBench bench;
  bench.runner.next_result.payload = R"({"ok":true})";
  bench.runner.next_result.executed_version = "3";
  bench.runner.next_result.function_error = "Unhandled";
  bench.runner.next_result.log_tail = "START\nline\n";
  net::Headers headers;
  headers.Set("X-Amz-Log-Type", "Tail");
  headers.Set("X-Amz-Client-Context", "eyJhIjoxfQ==");
  Reply r = bench.Call("POST", "/2015-03-31/functions/fn/invocations?Qualifier=live", R"({"in":1})", "us-east-1",
                       headers);
  CHECK(r.status == 200);
  CHECK(r.body == R"({"ok":true})");
  CHECK(r.headers.GetOr("X-Amz-Executed-Version", "") == "3");
  CHECK(r.headers.GetOr("X-Amz-Function-Error", "") == "Unhandled");
  CHECK(r.headers.GetOr("X-Amz-Log-Result", "") == Base64Encode("START\nline\n"));
  REQUIRE(bench.runner.requests.size() == 1);
  const apigw::lambda::InvokeRequest& req = bench.runner.requests[0];
  CHECK(req.function == "fn");
  CHECK(req.qualifier == "live");
  CHECK(req.region == "us-east-1");
  CHECK(req.payload == R"({"in":1})");
  CHECK(req.tail_logs);
  CHECK(req.client_context_base64 == "eyJhIjoxfQ==");
  CHECK(req.type == apigw::lambda::InvocationType::kRequestResponse);
  CHECK(!req.request_id.empty());
  CHECK(req.request_id == r.headers.GetOr("x-amzn-RequestId", ""));
}

TEST_CASE("Event and DryRun answer 202 and 204 without a body") {
  LambdaBench bench;
  bench.runner.next_result.status_code = 202;
  net::Headers headers;
  headers.Set("X-Amz-Invocation-Type", "Event");
  Reply r = bench.Call("POST", "/2015-03-31/functions/fn/invocations", "{}", "us-east-1", headers);
  CHECK(r.status == 202);
  CHECK(r.body.empty());
  CHECK(bench.runner.requests.back().type == apigw::lambda::InvocationType::kEvent);
  CHECK_FALSE(bench.runner.requests.back().tail_logs);
  bench.runner.next_result.status_code = 204;
  headers.Set("X-Amz-Invocation-Type", "DryRun");
  r = bench.Call("POST", "/2015-03-31/functions/fn/invocations", "{}", "us-east-1", headers);
  CHECK(r.status == 204);
  CHECK(bench.runner.requests.back().type == apigw::lambda::InvocationType::kDryRun);
}

TEST_CASE("what never reaches the runner: bad payloads, other regions, mismatched qualifiers") {
  LambdaBench bench;
  Reply r = bench.Call("POST", "/2015-03-31/functions/fn/invocations", "{not json");
  CHECK(r.status == 400);
  CHECK(r.error_type == "InvalidRequestContentException");
  CHECK(r.message().find("Could not parse request body into json: Could not parse payload into json: ") == 0);
  CHECK(r.message().find("line: 1, column: 2]") != std::string::npos);
  // The two payloads recorded against AWS (test_lambda_invoke_payload_encoding_error: what the
  // AWS CLI v2 sends for --payload '{...}' without --cli-binary-format).
  const std::string tail = "\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ";
  r = bench.Call("POST", "/2015-03-31/functions/fn/invocations", "n\x87r\x9e\xe9\xb5\xd7I\xee\x9bmt");
  CHECK(r.message() == "Could not parse request body into json: Could not parse payload into json: Invalid UTF-8 "
                       "start byte 0x87" + tail + "line: 1, column: 3]");
  r = bench.Call("POST", "/2015-03-31/functions/fn/invocations", "\x99\xeb,j\x07\xa1zYh");
  CHECK(r.message() == "Could not parse request body into json: Could not parse payload into json: Unexpected "
                       "character ((CTRL-CHAR, code 153)): expected a valid value (JSON String, Number, Array, "
                       "Object or token 'null', 'true' or 'false')" + tail + "line: 1, column: 1]");
  r = bench.Call("POST", "/2015-03-31/functions/arn:aws:lambda:eu-west-1:000000000000:function:fn/invocations", "{}");
  CHECK(r.status == 404);
  CHECK(r.message() == "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
  r = bench.Call("POST", "/2015-03-31/functions/fn:1/invocations?Qualifier=2", "{}");
  CHECK(r.status == 400);
  CHECK(bench.runner.requests.empty());
  r = bench.Call("POST", "/2015-03-31/functions/fn/invocations", "\"" + std::string(6291456, 'x') + "\"");
  CHECK(r.status == 413);
  CHECK(r.error_type == "RequestTooLargeException");
  CHECK(r.message() == "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
  // An empty payload is fine (the function gets {}).
  bench.runner.next_result.payload = "null";
  r = bench.Call("POST", "/2015-03-31/functions/fn/invocations", "");
  CHECK(r.status == 200);
  CHECK(r.body == "null");
}

TEST_CASE("a runner error is the operation's error") {
  LambdaBench bench;
  bench.runner.next_result.status =
      Status(404, "ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:000000000000:function:x:$LATEST");
  Reply r = bench.Call("POST", "/2015-03-31/functions/x/invocations", "{}");
  CHECK(r.status == 404);
  CHECK(r.error_type == "ResourceNotFoundException");
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:x:$LATEST");
  CHECK(GetString(r.json, "Type") == "User");
}

TEST_CASE("a function the runner does not have is named with the caller's account and the qualifier") {
  // The runner knows no account for a function it never had; AWS names the
  // caller's, with $LATEST when no qualifier was given (recorded:
  // test_lambda.py::test_invoke_exceptions, test_function_name_and_qualifier_validation[*-invoke]).
  LambdaBench bench;
  bench.runner.next_result.status =
      Status(404, "ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:999999999999:function:x");
  Reply r = bench.Call("POST", "/2015-03-31/functions/x/invocations", "{}");
  CHECK(r.status == 404);
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:x:$LATEST");
  r = bench.Call("POST", "/2015-03-31/functions/x/invocations?Qualifier=%24latest", "{}");
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:x:$latest");
  r = bench.Call("POST", "/2015-03-31/functions/000000000000:function:x:live/invocations", "{}");
  CHECK(r.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:x:live");
}

}  // namespace apigw::cp::lambda
