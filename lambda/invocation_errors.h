// The error documents Lambda itself answers an invocation with (the runtime's
// own errors are passed through as the runtime posted them); each goes out
// with X-Amz-Function-Error: Unhandled.
#pragma once

#include <string>
#include <string_view>

namespace apigw::lambda {

// The largest response a function may return (6 MB, as AWS counts it).
inline constexpr size_t kMaxResponseBytes = 6291556;

// {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 3.00 seconds"}
std::string TimeoutError(std::string_view request_id, int timeout_seconds);
// {"errorType":"Runtime.ExitError","errorMessage":"RequestId: <id> Error: Runtime exited with error: exit status 1"}
// (or "... Runtime exited without providing a reason" for exit status 0).
std::string ExitError(std::string_view request_id, int wait_status);
// {"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).",
//  "errorType":"Function.ResponseSizeTooLarge"}
std::string ResponseTooLargeError();
// {"errorType":"Runtime.InvalidEntrypoint","errorMessage":"RequestId: <id> Error: <detail>"}: the
// process could not be started (no bootstrap, not executable, no interpreter).
std::string InvalidEntrypointError(std::string_view request_id, std::string_view detail);
// A runtime this emulator cannot run (java, dotnet, ruby).
std::string UnsupportedRuntimeError(std::string_view runtime);

// How Go (and so the Lambda service) prints a process's end: "exit status 1",
// "signal: killed", "signal: segmentation fault".
std::string ExitDescription(int wait_status);

}  // namespace apigw::lambda
