// LambdaRuntimeService: the lambda service assembled for main — the runner
// (functions as local processes) and the control-plane handlers over it —
// so that wiring Lambda into the emulator is a few lines.
#pragma once

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "control-plane/lambda/lambda_service.h"
#include "control-plane/protocol/operation.h"
#include "lambda/local_lambda.h"
#include "net/io_pool.h"
#include "state/store.h"

namespace apigw::cp::lambda {

struct LambdaRuntimeOptions {
  // Where packages are unpacked; empty: a temporary folder removed at exit.
  std::string cache_dir;
  // PATH for functions (and where node/python3 are found); empty: the emulator's own.
  std::string path;
  // Processes per function version.
  int max_processes_per_function = 10;
  std::string account_id = "000000000000";
};

class LambdaRuntimeService {
 public:
  // Starts the runner, registers the lambda operations into `table` and
  // publishes every stored function. Everything passed must outlive the service.
  static StatusOr<std::unique_ptr<LambdaRuntimeService>> Start(net::IoPool& io, state::Store& store, Logger& log,
                                                               Clock& clock, IdSource& ids, OperationTable& table,
                                                               LambdaRuntimeOptions options);
  ~LambdaRuntimeService();

  // For API Gateway's Lambda integrations and authorizers.
  apigw::lambda::Invoker& invoker() { return *runner_; }
  // AWS_ENDPOINT_URL for functions: the control plane's URL, once it listens.
  void set_endpoint_url(std::string url) { runner_->set_endpoint_url(std::move(url)); }
  // Stops every function process (call before stopping the IoPool).
  void Shutdown();

 private:
  LambdaRuntimeService() = default;
  std::unique_ptr<apigw::lambda::LocalLambda> runner_;
  std::unique_ptr<LambdaDeps> deps_;
  std::string temp_dir_;  // removed at destruction when the cache was temporary
};

}  // namespace apigw::cp::lambda
