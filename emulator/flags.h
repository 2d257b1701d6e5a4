// Options: the emulator's settings, read from command-line flags and their
// environment variables (flags win), and the --help text describing them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/log.h"
#include "base/status_or.h"

namespace apigw::emulator {

struct Options {
  // Address both listeners bind (--host): 127.0.0.1 keeps the emulator local;
  // 0.0.0.0 exposes it, e.g. from a container.
  std::string host = "127.0.0.1";
  // Port of the AWS management APIs: apigateway, apigatewayv2, lambda
  // (--control-port). 0 picks a free port; the port bound is printed.
  int control_port = 4566;
  // Port of the deployed stages, HTTP and WebSocket (--data-port). 0 picks a free port.
  int data_port = 4567;
  // The SQLite state file, created on demand with its folder (--state).
  // Ignored when in_memory.
  std::string state_path = ".apigw-emulator/state.db";
  // Keep the state in memory only: nothing is written, nothing survives a
  // restart, and no lock on a state file is taken (--in-memory).
  bool in_memory = false;
  // Region used where a request names none (--region).
  std::string region = "us-east-1";
  // The 12-digit account id in ARNs and responses (--account-id).
  std::string account_id = "000000000000";
  // Least severe level logged (--log-level).
  LogLevel log_level = LogLevel::kInfo;
  // Threads serving requests (--threads); ParseFlags sets the default:
  // DefaultThreadCount().
  int threads = 0;
  // Where Lambda deployment packages are unpacked (--lambda-dir); empty: a
  // "lambda" folder next to the state file, or a temporary one with --in-memory.
  std::string lambda_dir;
  // Processes each Lambda function version may run at once; more invocations
  // wait (--lambda-concurrency).
  int lambda_concurrency = 10;
  // Where AWS service integrations (DynamoDB, SQS, ...) send their requests
  // (--aws-endpoint, repeatable; APIGW_AWS_ENDPOINTS, comma-separated):
  // "dynamodb=http://localhost:8000" for one service, "http://localhost:4566"
  // for every service without its own. A later entry wins for its service.
  std::vector<std::string> aws_endpoints;
  // --help was given: print HelpText() and exit 0 without starting.
  bool help = false;
  // --version was given: print VersionText() and exit 0 without starting.
  bool version = false;
};

// Reads, in increasing precedence, the defaults above, the environment
// variables (through `getenv`, injected so tests need not touch the process
// environment; an empty value counts as unset) and argv[1..argc). Accepts
// "--flag value" and "--flag=value". Fails with a one-line message naming the
// flag or variable at fault.
StatusOr<Options> ParseFlags(int argc, const char* const* argv,
                             const std::function<const char*(const char*)>& getenv);

// Usage, then every flag with its value, meaning, environment variable and default.
std::string HelpText();

// "apigw-emulator <version>".
std::string VersionText();

// The number of cores, at least 2.
int DefaultThreadCount();

}  // namespace apigw::emulator
