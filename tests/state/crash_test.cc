// Crash test: a child process writes and acknowledges records one by one and
// is killed with SIGKILL; every acknowledged record must be in the file.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>

#include "state/store.h"
#include "tests/state/temp_dir.h"

using namespace apigw;
using namespace apigw::state;

namespace {

std::string DocFor(uint32_t i) { return "doc-" + std::to_string(i) + std::string(i % 300, 'p'); }

// The child: never returns. Writes records first, first + 1, ...; acknowledges i by writing i to `ack_fd`
// after Apply returned OK; exits non-zero on any failure.
[[noreturn]] void WriteUntilKilled(const std::string& path, uint32_t first, int ack_fd) {
  Logger log(LogLevel::kOff);
  auto store = Store::Open({path}, log);
  if (!store.ok()) _exit(2);
  for (uint32_t i = first;; ++i) {
    WriteBatch batch;  // two records per transaction: both or neither
    batch.Put("item", "s", std::to_string(i), DocFor(i));
    batch.Put("twin", "s", std::to_string(i), DocFor(i));
    if (!(*store)->Apply(batch).ok()) _exit(3);
    if (write(ack_fd, &i, sizeof i) != sizeof i) _exit(4);
  }
}

}  // namespace

TEST_CASE("crash: every acknowledged write survives kill -9") {
  TempDir dir;
  REQUIRE(dir.ok());
  const std::string path = dir.File("state.db");
  // Several rounds on the same file: each child also recovers the file the
  // previous one left behind when it was killed.
  uint32_t first = 0;
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      close(fds[0]);
      WriteUntilKilled(path, first, fds[1]);
    }
    close(fds[1]);

    // Let it write a while, then kill it in the middle of whatever it is doing.
    int64_t last_ack = -1;
    uint32_t ack = 0;
    while (last_ack < first + 2000 && read(fds[0], &ack, sizeof ack) == sizeof ack) last_ack = ack;
    REQUIRE_MESSAGE(last_ack >= first + 2000, "the child stopped early");
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    // Acknowledgments still in the pipe were sent before the kill: they count.
    while (read(fds[0], &ack, sizeof ack) == sizeof ack) last_ack = ack;
    close(fds[0]);

    Logger log(LogLevel::kOff);
    auto store = Store::Open({path}, log);  // the lock died with the child
    REQUIRE_MESSAGE(store.ok(), store.status().ToString());
    auto items = (*store)->List("item", "s");
    auto twins = (*store)->List("twin", "s");
    REQUIRE(items.ok());
    REQUIRE(twins.ok());
    MESSAGE("round ", round, ": acknowledged ", last_ack + 1, " batches, found ", items->size());
    // Every acknowledged batch, intact and in order; at most one more that
    // committed before its acknowledgment was written.
    REQUIRE(static_cast<int64_t>(items->size()) >= last_ack + 1);
    CHECK(static_cast<int64_t>(items->size()) <= last_ack + 2);
    CHECK(twins->size() == items->size());
    for (uint32_t i = 0; i < items->size(); ++i) {
      if ((*items)[i].id != std::to_string(i) || (*items)[i].doc != DocFor(i)) FAIL("record ", i, " is wrong");
    }
    first = static_cast<uint32_t>(items->size());
  }
}
