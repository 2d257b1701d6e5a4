// Sandbox: one function process (an "execution environment") — its Runtime
// API server, its state in the pool's scheduling, and where its output goes.
// The pool owns sandboxes and guards their scheduling state with its mutex;
// a sandbox only forwards process and Runtime API events to its pool.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "base/log.h"
#include "lambda/function_spec.h"
#include "lambda/invocation.h"
#include "lambda/invocation_log.h"
#include "lambda/memory_probe.h"
#include "lambda/process_supervisor.h"
#include "lambda/runtime_api.h"
#include "net/http_server.h"

namespace apigw::lambda {

class FunctionPool;

class Sandbox : public ProcessObserver, public RuntimeApiEndpoint, public std::enable_shared_from_this<Sandbox> {
 public:
  enum class State {
    kStarting,   // spawned; its first /next has not come yet (init)
    kReady,      // waiting in /next (next_writer holds the long poll)
    kBusy,       // running `current`
    kReturning,  // answered; its next /next is on the way
    kDead,       // killed or exited; no longer in the pool
  };

  Sandbox(std::weak_ptr<FunctionPool> pool, std::shared_ptr<const VersionSpec> spec, uint64_t generation,
          Logger& log, std::string log_component);

  // ProcessObserver
  void OnStarted(int pid) override;
  void OnStartFailed(std::string reason) override;
  void OnLine(std::string_view line) override;
  void OnExit(int wait_status) override;
  // RuntimeApiEndpoint
  void OnNext(std::shared_ptr<net::ResponseWriter> writer) override;
  void OnResult(bool is_error, std::string request_id, net::HttpRequest request,
                std::shared_ptr<net::ResponseWriter> writer) override;
  void OnInitError(net::HttpRequest request, std::shared_ptr<net::ResponseWriter> writer) override;

  // Where output lines go besides the emulator's log (nullptr: nowhere).
  void SetCapture(std::shared_ptr<LogTail> tail);
  // Logs a line Lambda itself writes (START, END, ...) and captures it too.
  void WriteLine(LogLevel level, const std::string& line);

  const std::shared_ptr<const VersionSpec> spec;
  const uint64_t generation;  // hot-reload generation of the code it runs

  // Guarded by the pool's mutex.
  State state = State::kStarting;
  std::shared_ptr<net::ResponseWriter> next_writer;
  size_t loop = SIZE_MAX;  // the IoPool loop its Runtime API connection is on, seen at /next
  std::shared_ptr<Invocation> current;
  std::shared_ptr<net::TimerHandle> init_timer;
  // Armed at the first dispatch and left running between invocations: when
  // it fires before `deadline_us` (a later invocation's), it is armed again
  // for the rest, so a warm invocation neither arms nor cancels a timer.
  std::shared_ptr<net::TimerHandle> timeout_timer;
  bool timeout_armed = false;
  int64_t deadline_us = 0;  // steady clock: when `current` times out
  MemoryProbe memory;       // Max Memory Used
  std::shared_ptr<net::HttpServer> server;  // its Runtime API
  int64_t spawned_us = 0;
  int64_t dispatched_us = 0;
  int64_t idle_since_us = 0;
  double init_ms = 0;
  bool reported_init = false;  // Init Duration goes in the first REPORT only
  std::shared_ptr<LogTail> init_log = std::make_shared<LogTail>();  // output before the first /next

  std::atomic<ProcessSupervisor::Handle> handle{0};
  std::atomic<int> pid{0};

 private:
  const std::weak_ptr<FunctionPool> pool_;
  Logger& log_;
  const std::string log_component_;
  std::mutex capture_mu_;
  std::shared_ptr<LogTail> capture_;  // guarded by capture_mu_
};

}  // namespace apigw::lambda
