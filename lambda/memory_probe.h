// MemoryProbe: a function process's peak resident memory for its REPORT
// lines ("Max Memory Used"), read after every invocation without making the
// invocation pay for it. /proc/<pid>/status, which holds the peak (VmHWM),
// renders dozens of fields: opening and reading it cost more than the rest
// of the runner's work for a warm invocation. So it is read at most once per
// `refresh_us`; in between, the current resident size from /proc/<pid>/statm
// (a few numbers, read with pread on a descriptor kept open, at most once per
// `rss_every_us`) raises the figure, so memory a function still holds shows
// within milliseconds. Not thread-safe: one probe per process, used by one
// invocation at a time.
#pragma once

#include <cstdint>

namespace apigw::lambda {

class MemoryProbe {
 public:
  explicit MemoryProbe(int64_t refresh_us = 1000000, int64_t rss_every_us = 10000)
      : refresh_us_(refresh_us), rss_every_us_(rss_every_us) {}
  ~MemoryProbe();
  MemoryProbe(const MemoryProbe&) = delete;
  MemoryProbe& operator=(const MemoryProbe&) = delete;

  // The peak in MB (rounded up) of process `pid` as of `now_us` (monotonic),
  // never lower than an earlier answer; 0 when unknown (pid <= 0, /proc unreadable).
  int PeakMb(int pid, int64_t now_us);

 private:
  const int64_t refresh_us_;
  const int64_t rss_every_us_;
  int pid_ = 0;
  int statm_fd_ = -1;
  int64_t hwm_read_us_ = 0;
  int64_t rss_read_us_ = 0;
  bool hwm_read_ = false;
  int64_t peak_kb_ = 0;
};

// VmHWM of /proc/<pid>/status in kB, or -1.
int64_t ReadPeakKb(int pid);
// The resident size of /proc/<pid>/statm read through `fd` (at offset 0), in kB, or -1.
int64_t ReadResidentKb(int fd);

}  // namespace apigw::lambda
