// Tests of lambda/memory_probe.h on this test process itself.
#include "lambda/memory_probe.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <memory>

namespace apigw::lambda {

TEST_CASE("VmHWM and the resident size are read from /proc") {
  int64_t peak = ReadPeakKb(getpid());
  CHECK(peak > 0);
  int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  int64_t rss = ReadResidentKb(fd);
  CHECK(rss > 0);
  // No rss <= peak check: the kernel updates VmHWM lazily (when the
  // resident set shrinks or the process exits), so the current resident
  // size can be above it for a while.
  CHECK(ReadResidentKb(fd) > 0);  // read again at offset 0
  close(fd);
  // A process that is gone has no figures.
  pid_t child = fork();
  if (child == 0) _exit(0);
  REQUIRE(child > 0);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(ReadPeakKb(child) == -1);
}

TEST_CASE("the peak never falls, and memory held shows before the next VmHWM read") {
  MemoryProbe probe(int64_t(1) << 60, 1000);  // VmHWM only at the first call; RSS every 1 ms
  int first = probe.PeakMb(getpid(), 0);
  CHECK(first > 0);
  {
    // 64 MB touched and still held: the resident size raises the figure.
    size_t bytes = size_t(64) << 20;
    std::unique_ptr<char[]> block(new char[bytes]);
    memset(block.get(), 1, bytes);
    CHECK(probe.PeakMb(getpid(), 500) == first);  // the resident size is not read again yet
    int held = probe.PeakMb(getpid(), 1500);
    CHECK(held >= first + 60);
    CHECK(block[bytes - 1] == 1);
  }
  CHECK(probe.PeakMb(getpid(), 3000) >= first + 60);  // freed, but the peak stays
  CHECK(probe.PeakMb(0, 4000) >= first + 60);         // unknown pid: the last figure
}

TEST_CASE("VmHWM is read again once the refresh interval has passed") {
  MemoryProbe probe(1000);
  int a = probe.PeakMb(getpid(), 0);
  int b = probe.PeakMb(getpid(), 500);
  int c = probe.PeakMb(getpid(), 1500);
  CHECK(a > 0);
  CHECK(b >= a);
  CHECK(c >= b);
  MemoryProbe none;
  CHECK(none.PeakMb(0, 0) == 0);
}

}  // namespace apigw::lambda
