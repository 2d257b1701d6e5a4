// The environment of a function process: the variables the Lambda execution
// environment defines (names and values as recorded on AWS), the function's
// own Environment.Variables, and what makes it work locally (the emulator's
// endpoint, dummy credentials, the host's PATH). Pure: no process state read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "lambda/function_spec.h"

namespace apigw::lambda {

struct ProcessEnvInputs {
  std::string runtime_api;    // "127.0.0.1:PORT" (AWS_LAMBDA_RUNTIME_API)
  std::string task_root;      // the code folder (LAMBDA_TASK_ROOT, also the cwd)
  std::string runtime_dir;    // where our bootstrap lives (LAMBDA_RUNTIME_DIR)
  std::string log_stream;     // "2024/01/01/[$LATEST]0123..." (AWS_LAMBDA_LOG_STREAM_NAME)
  std::string endpoint_url;   // the emulator's control plane (AWS_ENDPOINT_URL); empty: unset
  std::string host_path;      // PATH for the process (the emulator's own, so node/python are found)
};

// "NAME=value" strings, as execve wants them.
std::vector<std::string> BuildProcessEnv(const VersionSpec& spec, const ProcessEnvInputs& in);

// The log stream name AWS gives an execution environment: "YYYY/MM/DD/[<version>]<32 hex>".
std::string LogStreamName(int64_t epoch_ms, std::string_view version, std::string_view hex32);

// Keys the function may not set (AWS: "Lambda was unable to configure your
// environment variables because the environment variables you have provided
// contains reserved keys that are currently not supported for modification.
// Reserved keys used in this request: <k1>, <k2>"). OK when none is used.
Status CheckReservedKeys(const std::vector<std::string>& keys);

}  // namespace apigw::lambda
