// Tests of lambda/process_supervisor.h: watched descriptors.
#include <doctest/doctest.h>

#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "base/log.h"
#include "lambda/process_supervisor.h"

namespace apigw::lambda {

TEST_CASE("Unwatch returns only after a callback already running has returned") {
  Logger log;
  ProcessSupervisor supervisor(log);
  REQUIRE(supervisor.Start().ok());
  int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  REQUIRE(fd >= 0);
  std::atomic<bool> started{false}, finished{false};
  supervisor.Watch(fd, [&] {
    uint64_t v;
    (void)!read(fd, &v, sizeof v);
    started = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    finished = true;
  });
  uint64_t one = 1;
  REQUIRE(write(fd, &one, sizeof one) == ssize_t(sizeof one));
  for (int i = 0; i < 200 && !started; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(started);
  supervisor.Unwatch(fd);
  // The watcher (the hot-reload watcher's destructor) may now free what the callback uses.
  CHECK(finished);
  close(fd);
}

}  // namespace apigw::lambda
