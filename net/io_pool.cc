// IoPool: one asio::io_context per thread, each kept alive by a work guard
// until Stop(); work is spread over the loops round-robin.
#include "net/io_pool.h"

#include <asio.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "net/io_loops.h"
#include "net/loop_poller.h"

namespace apigw::net {

namespace {

// An io_context whose pending handlers can be dropped while it stays alive
// for the I/O objects still pointing at it.
class Loop : public asio::io_context {
 public:
  Loop() : asio::io_context(1) {}  // concurrency hint 1: exactly one thread runs it
  void DropHandlers() { shutdown(); }
};

struct Loops {
  std::vector<std::unique_ptr<Loop>> contexts;
  std::vector<std::unique_ptr<LoopPoller>> pollers;  // one per context; destroyed first
};

// A steady_timer whose cancellation may come from any thread: the flag makes
// Cancel() effective at once, the posted cancel frees the timer early.
class LoopTimer final : public TimerHandle, public std::enable_shared_from_this<LoopTimer> {
 public:
  LoopTimer(std::shared_ptr<void> lifetime, asio::io_context& ctx)
      : lifetime_(std::move(lifetime)), ctx_(ctx), timer_(ctx) {}

  void Arm(int64_t delay_ms, std::function<void()> fn) {
    timer_.expires_after(std::chrono::milliseconds(delay_ms < 0 ? 0 : delay_ms));
    timer_.async_wait([self = shared_from_this(), fn = std::move(fn)](const asio::error_code& ec) {
      if (!ec && !self->cancelled_.load(std::memory_order_acquire)) fn();
    });
  }

  void Cancel() override {
    if (cancelled_.exchange(true, std::memory_order_acq_rel)) return;
    asio::post(ctx_, [self = shared_from_this()] { self->timer_.cancel(); });
  }

 private:
  const std::shared_ptr<void> lifetime_;  // destroyed last: timer_ needs the context
  asio::io_context& ctx_;
  asio::steady_timer timer_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace

struct IoPool::Impl {
  using Guard = asio::executor_work_guard<asio::io_context::executor_type>;

  std::shared_ptr<Loops> shared = std::make_shared<Loops>();
  std::vector<std::unique_ptr<Loop>>& loops = shared->contexts;
  std::vector<std::unique_ptr<Guard>> guards;
  std::vector<std::thread> threads;
  std::atomic<size_t> next{0};
  std::atomic<bool> running{false};
  bool stopped = false;
};

IoPool::IoPool(int threads) : impl_(std::make_unique<Impl>()) {
  const int n = threads < 1 ? 1 : threads;
  for (int i = 0; i < n; ++i) {
    impl_->loops.push_back(std::make_unique<Loop>());
  }
  for (auto& loop : impl_->loops) impl_->shared->pollers.push_back(NewLoopPoller(*loop));
}

IoPool::~IoPool() {
  Stop();
  // Queued handlers go now; the contexts themselves go with the last holder
  // of LoopsLifetime().
  for (auto& loop : impl_->loops) loop->DropHandlers();
  // No loop runs any more: the connections the pollers still hold go now.
  for (auto& poller : impl_->shared->pollers) ShutdownLoopPoller(*poller);
}

void IoPool::Start() {
  if (impl_->running.load() || impl_->stopped) return;
  for (auto& loop : impl_->loops) {
    impl_->guards.push_back(std::make_unique<Impl::Guard>(loop->get_executor()));
  }
  impl_->running.store(true);
  for (auto& loop : impl_->loops) {
    asio::io_context* ctx = loop.get();
    impl_->threads.emplace_back([ctx] { ctx->run(); });
  }
}

void IoPool::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->running.store(false);
  impl_->guards.clear();
  for (auto& loop : impl_->loops) loop->stop();
  for (auto& t : impl_->threads) {
    // A loop thread cannot join itself; the destructor, run elsewhere, joins it.
    if (t.get_id() == std::this_thread::get_id()) {
      t.detach();
    } else if (t.joinable()) {
      t.join();
    }
  }
  impl_->threads.clear();
}

int IoPool::threads() const { return static_cast<int>(impl_->loops.size()); }

void IoPool::Post(std::function<void()> fn) { PostTo(*this, NextLoopIndex(*this), std::move(fn)); }

std::shared_ptr<TimerHandle> IoPool::RunAfter(int64_t delay_ms, std::function<void()> fn) {
  return RunAfterOn(*this, NextLoopIndex(*this), delay_ms, std::move(fn));
}

bool IoPool::InLoopThread() const {
  for (const auto& loop : impl_->loops) {
    if (loop->get_executor().running_in_this_thread()) return true;
  }
  return false;
}

std::shared_ptr<void> LoopsLifetime(IoPool& pool) { return pool.impl().shared; }

size_t LoopCount(IoPool& pool) { return pool.impl().loops.size(); }

LoopPoller& PollerOf(IoPool& pool, size_t index) { return *pool.impl().shared->pollers[index]; }

asio::io_context& LoopContext(IoPool& pool, size_t index) { return *pool.impl().loops[index]; }

size_t NextLoopIndex(IoPool& pool) {
  IoPool::Impl& impl = pool.impl();
  return impl.next.fetch_add(1, std::memory_order_relaxed) % impl.loops.size();
}

bool PoolRunning(IoPool& pool) { return pool.impl().running.load(); }

bool InLoop(IoPool& pool, size_t index) {
  return pool.impl().loops[index]->get_executor().running_in_this_thread();
}

size_t CurrentLoopIndex(IoPool& pool) {
  const auto& loops = pool.impl().loops;
  for (size_t i = 0; i < loops.size(); ++i)
    if (loops[i]->get_executor().running_in_this_thread()) return i;
  return loops.size();
}

void PostTo(IoPool& pool, size_t index, std::function<void()> fn) {
  asio::post(*pool.impl().loops[index], std::move(fn));
}

std::shared_ptr<TimerHandle> RunAfterOn(IoPool& pool, size_t index, int64_t delay_ms, std::function<void()> fn) {
  auto timer = std::make_shared<LoopTimer>(pool.impl().shared, *pool.impl().loops[index]);
  timer->Arm(delay_ms, std::move(fn));
  return timer;
}

}  // namespace apigw::net
