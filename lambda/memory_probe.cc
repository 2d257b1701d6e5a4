// MemoryProbe: raw open/pread/close on /proc (no streams), and the peak kept
// as the largest of what VmHWM and the resident size ever said.
#include "lambda/memory_probe.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace apigw::lambda {

namespace {

int OpenProc(int pid, const char* file) {
  std::string path = "/proc/" + std::to_string(pid) + "/" + file;
  return open(path.c_str(), O_RDONLY | O_CLOEXEC);
}

}  // namespace

int64_t ReadPeakKb(int pid) {
  int fd = OpenProc(pid, "status");
  if (fd < 0) return -1;
  char buf[4096];
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = '\0';
  const char* line = strstr(buf, "\nVmHWM:");
  if (line == nullptr) return -1;
  return std::strtoll(line + 7, nullptr, 10);
}

int64_t ReadResidentKb(int fd) {
  char buf[128];
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return -1;
  buf[n] = '\0';
  // "size resident shared text lib data dt", in pages.
  char* end = nullptr;
  std::strtoll(buf, &end, 10);
  long long pages = std::strtoll(end, nullptr, 10);
  static const long page_kb = sysconf(_SC_PAGESIZE) / 1024;
  return pages * page_kb;
}

MemoryProbe::~MemoryProbe() {
  if (statm_fd_ >= 0) close(statm_fd_);
}

int MemoryProbe::PeakMb(int pid, int64_t now_us) {
  if (pid <= 0) return int((peak_kb_ + 1023) / 1024);
  if (pid != pid_) {
    if (statm_fd_ >= 0) close(statm_fd_);
    pid_ = pid;
    statm_fd_ = OpenProc(pid, "statm");
    hwm_read_ = false;
  }
  if (!hwm_read_ || now_us - hwm_read_us_ >= refresh_us_) {
    int64_t hwm = ReadPeakKb(pid);
    hwm_read_ = true;
    hwm_read_us_ = rss_read_us_ = now_us;
    if (hwm > peak_kb_) peak_kb_ = hwm;
  } else if (statm_fd_ >= 0 && now_us - rss_read_us_ >= rss_every_us_) {
    int64_t rss = ReadResidentKb(statm_fd_);
    rss_read_us_ = now_us;
    if (rss > peak_kb_) peak_kb_ = rss;
  }
  return int((peak_kb_ + 1023) / 1024);
}

}  // namespace apigw::lambda
