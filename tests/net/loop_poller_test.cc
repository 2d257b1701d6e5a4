// LoopPoller registrations: a removed socket leaves the epoll set even when
// another reference keeps the socket open (a Lambda process being spawned
// holds copies of every descriptor between fork and exec), so the set never
// reports an entry that was freed.
#include "net/loop_poller.h"

#include <doctest/doctest.h>
#include <dirent.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>

using namespace apigw::net;

namespace {

class CountingHandler final : public PollHandler {
 public:
  void OnPollEvents(uint32_t) override { ++calls; }
  int calls = 0;
};

// Whether any epoll set of this process still watches descriptor number `fd`
// (the kernel lists each registration as "tfd: N" in the set's fdinfo).
bool SomeEpollSetWatches(int fd) {
  DIR* dir = ::opendir("/proc/self/fd");
  REQUIRE(dir != nullptr);
  bool found = false;
  while (dirent* d = ::readdir(dir)) {
    std::string name = d->d_name;
    if (name == "." || name == "..") continue;
    char target[256] = {};
    ssize_t n = ::readlink(("/proc/self/fd/" + name).c_str(), target, sizeof target - 1);
    if (n <= 0 || std::string(target, n) != "anon_inode:[eventpoll]") continue;
    std::ifstream info("/proc/self/fdinfo/" + name);
    std::string word;
    while (info >> word) {
      if (word != "tfd:") continue;
      int watched = -1;
      info >> watched;
      if (watched == fd) found = true;
    }
  }
  ::closedir(dir);
  return found;
}

}  // namespace

TEST_CASE("poller: a removed socket leaves the set although another reference keeps it open") {
  asio::io_context ctx;
  std::unique_ptr<LoopPoller> poller = NewLoopPoller(ctx);
  int sv[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) == 0);
  const int other = ::dup(sv[0]);  // as a child between fork and exec holds one
  auto handler = std::make_shared<CountingHandler>();
  LoopPoller::Entry* entry = poller->Add(sv[0], handler);
  REQUIRE(entry != nullptr);
  ctx.run_for(std::chrono::milliseconds(20));
  CHECK(handler->calls >= 1);  // writable at once
  CHECK(SomeEpollSetWatches(sv[0]));

  const int calls = handler->calls;
  poller->Remove(entry);
  ::close(sv[0]);
  CHECK_FALSE(SomeEpollSetWatches(sv[0]));
  REQUIRE(::write(sv[1], "x", 1) == 1);
  ::shutdown(sv[1], SHUT_RDWR);
  ctx.restart();
  ctx.run_for(std::chrono::milliseconds(20));
  CHECK(handler->calls == calls);

  ShutdownLoopPoller(*poller);
  poller.reset();
  ::close(other);
  ::close(sv[1]);
}
