// LambdaRuntimeService: construction order (runner, then handlers, then the
// stored functions) and the temporary cache of an in-memory emulator.
#include "control-plane/lambda/lambda_runtime_service.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>

namespace apigw::cp::lambda {

StatusOr<std::unique_ptr<LambdaRuntimeService>> LambdaRuntimeService::Start(net::IoPool& io, state::Store& store,
                                                                            Logger& log, Clock& clock, IdSource& ids,
                                                                            OperationTable& table,
                                                                            LambdaRuntimeOptions options) {
  std::unique_ptr<LambdaRuntimeService> service(new LambdaRuntimeService());
  apigw::lambda::LocalLambdaOptions runner_options;
  if (options.cache_dir.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "apigw-emulator-lambda-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return Status::Internal("cannot create a temporary Lambda folder");
    service->temp_dir_ = pattern;
    runner_options.cache_dir = pattern;
  } else {
    std::error_code ec;
    runner_options.cache_dir = std::filesystem::absolute(options.cache_dir, ec).string();
  }
  const char* host_path = std::getenv("PATH");
  runner_options.path = !options.path.empty() ? options.path : host_path ? host_path : "/usr/local/bin:/usr/bin:/bin";
  runner_options.max_processes_per_function = options.max_processes_per_function;
  service->runner_ = std::make_unique<apigw::lambda::LocalLambda>(io, log, clock, ids, runner_options);
  APIGW_RETURN_IF_ERROR(service->runner_->Start());
  service->deps_ = std::unique_ptr<LambdaDeps>(
      new LambdaDeps{store, *service->runner_, *service->runner_, ids, log, options.account_id});
  RegisterLambda(table, *service->deps_);
  if (Status st = PublishAllFunctions(*service->deps_); !st.ok())
    log.Warn("lambda", "some functions could not be published: " + st.message());
  return service;
}

void LambdaRuntimeService::Shutdown() {
  if (runner_) runner_->Shutdown();
}

LambdaRuntimeService::~LambdaRuntimeService() {
  Shutdown();
  runner_.reset();  // joins the supervisor: no process is left writing into the folder
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }
}

}  // namespace apigw::cp::lambda
