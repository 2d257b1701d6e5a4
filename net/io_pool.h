// IoPool: the event-loop threads that every listener and the outbound HTTP
// client share. Asio stays behind this interface (only net/*.cc include it) so
// that the rest of the build stays fast.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace apigw::net {

class TimerHandle {
 public:
  virtual ~TimerHandle() = default;
  // Stops the callback from running if it has not started; safe from any thread.
  virtual void Cancel() = 0;
};

class IoPool {
 public:
  // `threads` event loops, each on its own thread (at least 1).
  explicit IoPool(int threads);
  ~IoPool();  // stops and joins
  IoPool(const IoPool&) = delete;
  IoPool& operator=(const IoPool&) = delete;

  void Start();
  void Stop();  // idempotent; pending callbacks are dropped
  int threads() const;

  // Runs `fn` soon on one of the loops. Never runs it inline.
  void Post(std::function<void()> fn);
  // Runs `fn` on one of the loops after `delay_ms`.
  std::shared_ptr<TimerHandle> RunAfter(int64_t delay_ms, std::function<void()> fn);
  // True when called from one of this pool's threads. Work there must not block.
  bool InLoopThread() const;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace apigw::net
