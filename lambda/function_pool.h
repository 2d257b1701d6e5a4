// FunctionPool: the warm processes of one function version and the queue of
// its invocations. An invocation goes to a process waiting in /next; when none
// is, and no process about to ask for work could take it, a new process is
// started, up to a limit; beyond it invocations wait. A timed-out invocation's
// process is killed; a process that exits is replaced by the next invocation
// that needs one. Thread-safe: events arrive from callers, loop threads
// (Runtime API, timers) and the supervisor thread; one mutex guards the
// scheduling state, and callbacks, sends and kills run after it is released.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "lambda/code_cache.h"
#include "lambda/function_spec.h"
#include "lambda/invocation.h"
#include "lambda/launch_plan.h"
#include "lambda/process_supervisor.h"
#include "lambda/sandbox.h"
#include "net/io_pool.h"

namespace apigw::lambda {

// What every pool shares; outlives the pools.
struct PoolServices {
  net::IoPool& io;
  ProcessSupervisor& supervisor;
  Logger& log;
  Clock& clock;
  IdSource& ids;
  CodeCache& code;
  const LaunchSetup& launch;
  int init_timeout_ms = 10000;  // a process must ask for work within this
};

class FunctionPool : public std::enable_shared_from_this<FunctionPool> {
 public:
  // `generation`, for hot-reloaded code, counts changes to the code folder
  // (nullptr for zip code): processes started from older code are replaced.
  FunctionPool(PoolServices& services, std::shared_ptr<const VersionSpec> spec,
               std::shared_ptr<const std::atomic<uint64_t>> generation, int max_processes);

  void Submit(std::shared_ptr<Invocation> invocation);
  // A new configuration: processes of the old one finish their invocation and go.
  void Update(std::shared_ptr<const VersionSpec> spec, std::shared_ptr<const std::atomic<uint64_t>> generation,
              int max_processes);
  // Stops every process; queued invocations fail with `why` (running ones end as killed).
  void Close(const Status& why);
  // Stops processes idle since before `idle_before_us` (monotonic).
  void StopIdle(int64_t idle_before_us);
  size_t process_count();

  // Sandbox events (see sandbox.h).
  void OnStartFailed(const std::shared_ptr<Sandbox>& sandbox, std::string reason);
  void OnExit(const std::shared_ptr<Sandbox>& sandbox, int wait_status);
  void OnNext(const std::shared_ptr<Sandbox>& sandbox, std::shared_ptr<net::ResponseWriter> writer);
  void OnResult(const std::shared_ptr<Sandbox>& sandbox, bool is_error, std::string request_id,
                net::HttpRequest request, std::shared_ptr<net::ResponseWriter> writer);
  void OnInitError(const std::shared_ptr<Sandbox>& sandbox, net::HttpRequest request,
                   std::shared_ptr<net::ResponseWriter> writer);

 private:
  using After = std::vector<std::function<void()>>;  // work for after the lock is released

  void Pump(After& after);
  bool StartSandbox(After& after);
  void Dispatch(const std::shared_ptr<Sandbox>& sandbox, std::shared_ptr<Invocation> invocation, After& after);
  // Ends the sandbox's current invocation with `result`, writing the extra
  // lines, END and REPORT to its log.
  void FinishCurrent(Sandbox& sandbox, InvokeResult result, const std::vector<std::string>& extra_lines,
                     int peak_memory_mb, After& after);
  // Ends a queued invocation that never ran (its process failed to start).
  void FailQueued(std::shared_ptr<Invocation> invocation, const std::string& error_doc,
                  const std::vector<std::string>& lines, After& after);
  void Retire(const std::shared_ptr<Sandbox>& sandbox, After& after);
  bool Stale(const Sandbox& sandbox) const;
  // The sandbox's timeout timer (see Sandbox::timeout_timer).
  void ArmTimeout(const std::shared_ptr<Sandbox>& sandbox, int64_t delay_ms);
  void OnTimeoutTimer(const std::shared_ptr<Sandbox>& sandbox);
  void OnInitTimeout(const std::shared_ptr<Sandbox>& sandbox);
  // One timer for the queue: due at the earliest wait deadline of a queued
  // invocation (or earlier); it fails those past theirs and arms again.
  void ArmWaitTimer(int64_t deadline_us);
  void OnWaitTimer();
  std::shared_ptr<Invocation> PopQueued();
  // The queued invocation `sandbox` should run next (the queue is not empty).
  std::shared_ptr<Invocation> TakeFor(const Sandbox& sandbox);
  InvokeResult BaseResult(const Invocation& invocation) const;
  static void Run(After& after);

  PoolServices& services_;
  std::mutex mu_;
  std::shared_ptr<const VersionSpec> spec_;
  std::shared_ptr<const std::atomic<uint64_t>> generation_;
  int max_processes_;
  bool closed_ = false;
  Status closed_status_;
  std::deque<std::shared_ptr<Invocation>> queue_;
  std::shared_ptr<net::TimerHandle> wait_timer_;
  int64_t wait_timer_due_us_ = 0;
  std::vector<std::shared_ptr<Sandbox>> sandboxes_;  // every live one
};

}  // namespace apigw::lambda
