// Error documents with AWS's member order (recorded: test_lambda.py::
// test_lambda_invoke_with_timeout, test_lambda_runtime_exit,
// test_lambda_runtime_wrapper_not_found, test_lambda_too_large_response).
#include "lambda/invocation_errors.h"

#include <signal.h>
#include <sys/wait.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace apigw::lambda {

namespace {

std::string Document(std::initializer_list<std::pair<const char*, std::string>> members) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  for (const auto& [key, value] : members) {
    w.Key(key);
    w.String(value.data(), rapidjson::SizeType(value.size()));
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

const char* SignalName(int sig) {
  switch (sig) {
    case SIGHUP: return "hangup";
    case SIGINT: return "interrupt";
    case SIGQUIT: return "quit";
    case SIGILL: return "illegal instruction";
    case SIGTRAP: return "trace/breakpoint trap";
    case SIGABRT: return "aborted";
    case SIGBUS: return "bus error";
    case SIGFPE: return "floating point exception";
    case SIGKILL: return "killed";
    case SIGUSR1: return "user defined signal 1";
    case SIGSEGV: return "segmentation fault";
    case SIGUSR2: return "user defined signal 2";
    case SIGPIPE: return "broken pipe";
    case SIGALRM: return "alarm clock";
    case SIGTERM: return "terminated";
    default: return nullptr;
  }
}

}  // namespace

std::string ExitDescription(int wait_status) {
  if (WIFEXITED(wait_status)) return "exit status " + std::to_string(WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) {
    int sig = WTERMSIG(wait_status);
    const char* name = SignalName(sig);
    return std::string("signal: ") + (name ? name : "signal " + std::to_string(sig));
  }
  return "exit status unknown";
}

std::string TimeoutError(std::string_view request_id, int timeout_seconds) {
  return Document({{"errorType", "Sandbox.Timedout"},
                   {"errorMessage", "RequestId: " + std::string(request_id) + " Error: Task timed out after " +
                                        std::to_string(timeout_seconds) + ".00 seconds"}});
}

std::string ExitError(std::string_view request_id, int wait_status) {
  std::string reason = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0
                           ? "Runtime exited without providing a reason"
                           : "Runtime exited with error: " + ExitDescription(wait_status);
  return Document({{"errorType", "Runtime.ExitError"},
                   {"errorMessage", "RequestId: " + std::string(request_id) + " Error: " + reason}});
}

std::string ResponseTooLargeError() {
  return Document({{"errorMessage", "Response payload size exceeded maximum allowed payload size (" +
                                        std::to_string(kMaxResponseBytes) + " bytes)."},
                   {"errorType", "Function.ResponseSizeTooLarge"}});
}

std::string InvalidEntrypointError(std::string_view request_id, std::string_view detail) {
  return Document({{"errorType", "Runtime.InvalidEntrypoint"},
                   {"errorMessage", "RequestId: " + std::string(request_id) + " Error: " + std::string(detail)}});
}

std::string UnsupportedRuntimeError(std::string_view runtime) {
  return Document({{"errorType", "Runtime.Unsupported"},
                   {"errorMessage", "apigw-emulator runs nodejs*, python3* and provided* functions locally; " +
                                        std::string(runtime) + " is not supported"}});
}

}  // namespace apigw::lambda
