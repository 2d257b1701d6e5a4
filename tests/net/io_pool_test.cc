// IoPool: posting, timers, cancellation and loop-thread detection.
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "net/io_pool.h"

using namespace apigw::net;

namespace {
struct Waiter {
  std::mutex mu;
  std::condition_variable cv;
  int count = 0;
  void Hit() {
    std::lock_guard<std::mutex> l(mu);
    ++count;
    cv.notify_all();
  }
  bool WaitFor(int n, int ms = 3000) {
    std::unique_lock<std::mutex> l(mu);
    return cv.wait_for(l, std::chrono::milliseconds(ms), [&] { return count >= n; });
  }
};
}  // namespace

TEST_CASE("io pool: Post runs on loop threads, never inline, spread over loops") {
  IoPool pool(2);
  pool.Start();
  CHECK(pool.threads() == 2);
  CHECK_FALSE(pool.InLoopThread());
  Waiter w;
  std::mutex mu;
  std::set<std::thread::id> ids;
  bool ran_inline = true;
  for (int i = 0; i < 10; ++i) {
    bool posted = false;
    pool.Post([&, i] {
      std::lock_guard<std::mutex> l(mu);
      if (i == 0) ran_inline = false;
      CHECK(pool.InLoopThread());
      ids.insert(std::this_thread::get_id());
      w.Hit();
    });
    posted = true;
    (void)posted;
  }
  REQUIRE(w.WaitFor(10));
  CHECK_FALSE(ran_inline);
  CHECK(ids.size() == 2);
  CHECK(ids.count(std::this_thread::get_id()) == 0);
}

TEST_CASE("io pool: RunAfter fires after the delay; Cancel stops it") {
  IoPool pool(1);
  pool.Start();
  Waiter w;
  std::atomic<bool> cancelled_ran{false};
  auto start = std::chrono::steady_clock::now();
  auto keep = pool.RunAfter(30, [&] { w.Hit(); });
  auto cancel = pool.RunAfter(10, [&] { cancelled_ran = true; });
  cancel->Cancel();
  cancel->Cancel();  // twice is fine
  REQUIRE(w.WaitFor(1));
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(30));
  // The cancelled timer was due first; the kept one firing proves it was dropped.
  CHECK_FALSE(cancelled_ran.load());
}

TEST_CASE("io pool: Stop drops pending work and is idempotent") {
  auto pool = std::make_unique<IoPool>(2);
  pool->Start();
  std::atomic<bool> ran{false};
  auto t = pool->RunAfter(10000, [&] { ran = true; });
  pool->Stop();
  pool->Stop();
  pool->Post([&] { ran = true; });
  pool.reset();
  CHECK_FALSE(ran.load());
}
