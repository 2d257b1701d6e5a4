// LaunchPlan: the program, arguments, folder and environment of a function
// process, per runtime: nodejs* and python3* run the bootstrap this emulator
// ships with the host's node / python3; provided* run the code's own
// `bootstrap`. Reads the file system only to check that a bootstrap exists.
#pragma once

#include <future>
#include <string>

#include "base/status_or.h"
#include "lambda/function_spec.h"
#include "lambda/process_supervisor.h"

namespace apigw::lambda {

struct LaunchSetup {
  // Absolute paths of node and python3 ("" when the host has none). Resolved in
  // the background at start (through a version manager's shim this takes tens
  // of milliseconds, which startup must not wait for); the first cold start
  // waits for them if it comes sooner.
  std::shared_future<std::string> node;
  std::shared_future<std::string> python;
  std::string runtimes_dir;   // holds nodejs/bootstrap.cjs and python/_apigw_lambda_runtime.py
  std::string host_path;      // PATH given to functions
  std::string endpoint_url;   // AWS_ENDPOINT_URL given to functions
};

// The command for one process of `spec` whose code is in `task_root`.
// Fails (message = the detail of a Runtime.InvalidEntrypoint error, as the
// Lambda service words it) when there is nothing to start.
StatusOr<Command> PlanLaunch(const VersionSpec& spec, const std::string& task_root, const LaunchSetup& setup,
                             const std::string& runtime_api, const std::string& log_stream);

}  // namespace apigw::lambda
