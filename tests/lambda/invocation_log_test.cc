// Tests of lambda/invocation_log.h and invocation_errors.h: the log lines and
// error documents Lambda writes itself.
#include <doctest/doctest.h>
#include <signal.h>

#include "base/json.h"
#include "lambda/invocation_errors.h"
#include "lambda/invocation_log.h"

namespace apigw::lambda {

TEST_CASE("START, END and REPORT lines as AWS writes them") {
  CHECK(StartLine("r-1", "$LATEST") == "START RequestId: r-1 Version: $LATEST");
  CHECK(EndLine("r-1") == "END RequestId: r-1");
  CHECK(ReportLine("r-1", 3.014, 128, 36, 110.1) ==
        "REPORT RequestId: r-1\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\t"
        "Max Memory Used: 36 MB\tInit Duration: 110.10 ms\t");
  CHECK(ReportLine("r-1", 0.2, 512, 40, std::nullopt) ==
        "REPORT RequestId: r-1\tDuration: 0.20 ms\tBilled Duration: 1 ms\tMemory Size: 512 MB\t"
        "Max Memory Used: 40 MB\t");
  CHECK(TimeoutLine(1704067200123, "r-1", 3) == "2024-01-01T00:00:00.123Z r-1 Task timed out after 3.00 seconds");
}

TEST_CASE("the log tail keeps the last 4 KB") {
  LogTail tail;
  CHECK(tail.Tail().empty());
  tail.AppendLine("first");
  tail.AppendLine("second");
  CHECK(tail.Tail() == "first\nsecond\n");
  for (int i = 0; i < 1000; ++i) tail.AppendLine("line " + std::to_string(i));
  std::string t = tail.Tail();
  CHECK(t.size() == kLogTailBytes);
  CHECK(t.substr(t.size() - 9) == "line 999\n");
  CHECK(t.find("first") == std::string::npos);
  // One line longer than the tail keeps its end.
  LogTail big;
  big.AppendLine(std::string(10000, 'a') + "END");
  CHECK(big.Tail().size() == kLogTailBytes);
  CHECK(big.Tail().substr(kLogTailBytes - 4) == "END\n");
}

TEST_CASE("exits are described as the Lambda service does") {
  CHECK(ExitDescription(0) == "exit status 0");
  CHECK(ExitDescription(1 << 8) == "exit status 1");
  CHECK(ExitDescription(127 << 8) == "exit status 127");
  CHECK(ExitDescription(SIGKILL) == "signal: killed");
  CHECK(ExitDescription(SIGSEGV) == "signal: segmentation fault");
  CHECK(ExitDescription(SIGABRT) == "signal: aborted");
}

TEST_CASE("error documents have AWS's members and messages") {
  auto doc = ParseJson(TimeoutError("r-1", 3));
  REQUIRE(doc.ok());
  CHECK(*GetString(*doc, "errorType") == "Sandbox.Timedout");
  CHECK(*GetString(*doc, "errorMessage") == "RequestId: r-1 Error: Task timed out after 3.00 seconds");
  CHECK(TimeoutError("r", 1).find("{\"errorType\"") == 0);  // AWS's member order

  doc = ParseJson(ExitError("r-2", 1 << 8));
  REQUIRE(doc.ok());
  CHECK(*GetString(*doc, "errorType") == "Runtime.ExitError");
  CHECK(*GetString(*doc, "errorMessage") == "RequestId: r-2 Error: Runtime exited with error: exit status 1");
  doc = ParseJson(ExitError("r-3", 0));
  CHECK(*GetString(*doc, "errorMessage") == "RequestId: r-3 Error: Runtime exited without providing a reason");
  doc = ParseJson(ExitError("r-4", SIGKILL));
  CHECK(*GetString(*doc, "errorMessage") == "RequestId: r-4 Error: Runtime exited with error: signal: killed");

  doc = ParseJson(ResponseTooLargeError());
  REQUIRE(doc.ok());
  CHECK(*GetString(*doc, "errorType") == "Function.ResponseSizeTooLarge");
  CHECK(*GetString(*doc, "errorMessage") ==
        "Response payload size exceeded maximum allowed payload size (6291556 bytes).");

  doc = ParseJson(InvalidEntrypointError("r-5", "fork/exec /x/bootstrap: permission denied"));
  REQUIRE(doc.ok());
  CHECK(*GetString(*doc, "errorType") == "Runtime.InvalidEntrypoint");
  CHECK(*GetString(*doc, "errorMessage") == "RequestId: r-5 Error: fork/exec /x/bootstrap: permission denied");
  // Quotes in details stay valid JSON.
  CHECK(ParseJson(InvalidEntrypointError("r", "a \"quoted\"\nline")).ok());
}

}  // namespace apigw::lambda
