// LocalLambda: the runner. It keeps what the control plane published for
// every function (versions, aliases), resolves invocations to a version's
// pool of warm processes, and owns what the pools share: the process
// supervisor, the code cache, the runtime bootstraps, the hot-reload watcher
// and a sweep that stops processes idle for too long.
//
// Threads: Invoke may be called from any thread and never blocks on a
// function; results arrive on loop threads or the supervisor thread. The
// registry is read under a shared lock; no pool is called while it is held.
#pragma once

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <utility>

#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "lambda/code_cache.h"
#include "lambda/function_host.h"
#include "lambda/function_pool.h"
#include "lambda/hot_reload_watcher.h"
#include "lambda/invoker.h"
#include "lambda/launch_plan.h"
#include "lambda/process_supervisor.h"
#include "net/io_pool.h"

namespace apigw::lambda {

struct LocalLambdaOptions {
  // Where zips are unpacked (per content hash) and the bootstraps written.
  std::string cache_dir = ".apigw-emulator/lambda";
  // AWS_ENDPOINT_URL given to functions: the emulator's control plane.
  std::string endpoint_url;
  // PATH given to functions, and where node and python3 are looked for.
  std::string path = "/usr/local/bin:/usr/bin:/bin";
  // Interpreters to use instead of the ones found on `path` (absolute paths).
  std::string node;
  std::string python;
  // Processes per function version; invocations beyond wait for one.
  int max_processes_per_function = 10;
  // A warm process idle this long is stopped (AWS keeps them for minutes too).
  int idle_timeout_ms = 10 * 60 * 1000;
  // A process must ask for its first invocation within this (AWS: 10 s init).
  int init_timeout_ms = 10000;
};

class LocalLambda final : public Invoker, public FunctionHost {
 public:
  LocalLambda(net::IoPool& io, Logger& log, Clock& clock, IdSource& ids, LocalLambdaOptions options);
  ~LocalLambda() override;
  LocalLambda(const LocalLambda&) = delete;
  LocalLambda& operator=(const LocalLambda&) = delete;

  // Creates the cache folder, writes the bootstraps, finds the interpreters
  // and starts the supervisor thread.
  Status Start();
  // Stops every function process; later invocations fail. Idempotent.
  void Shutdown();
  // The control plane's URL, known once it listens; call before it serves.
  void set_endpoint_url(std::string url) { launch_.endpoint_url = std::move(url); }

  // Invoker
  void Invoke(InvokeRequest request, InvokeDone done) override;
  // FunctionHost
  StatusOr<CodeInfo> InstallZip(std::string_view zip_bytes) override;
  bool HasCode(std::string_view sha256_base64) override;
  void Publish(FunctionSnapshot snapshot) override;
  void Remove(std::string_view region, std::string_view name) override;

  // Live function processes (for tests and the health of the emulator).
  size_t process_count();
  const LaunchSetup& launch_setup() const { return launch_; }

 private:
  using Key = std::pair<std::string, std::string>;  // (region, name)
  struct Entry {
    FunctionSnapshot snapshot;
    std::map<std::string, std::shared_ptr<FunctionPool>> pools;  // by version, created on first use
  };

  std::shared_ptr<FunctionPool> PoolFor(const Key& key, const std::string& version,
                                        std::shared_ptr<const VersionSpec>* spec);
  std::shared_ptr<const std::atomic<uint64_t>> GenerationFor(const VersionSpec& spec);
  int MaxProcesses(const FunctionSnapshot& snapshot) const;
  void ScheduleSweep();

  net::IoPool& io_;
  Logger& log_;
  Clock& clock_;
  IdSource& ids_;
  const LocalLambdaOptions options_;
  CodeCache code_;
  LaunchSetup launch_;
  std::unique_ptr<ProcessSupervisor> supervisor_;
  std::unique_ptr<HotReloadWatcher> watcher_;
  std::unique_ptr<PoolServices> services_;
  std::shared_ptr<net::TimerHandle> sweep_;

  std::shared_mutex mu_;  // guards functions_ and stopped_
  std::map<Key, Entry> functions_;
  bool stopped_ = false;
};

}  // namespace apigw::lambda
