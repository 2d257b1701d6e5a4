// LockFile: flock(LOCK_EX | LOCK_NB) on "<state file>.lock".
#include "state/lock_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "base/text.h"

namespace apigw::state {

namespace {

// The pid the holder wrote, or "" when it cannot be read (it may be writing it).
std::string ReadHolderPid(int fd) {
  char buffer[32];
  ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) return {};
  std::string pid(Trim(std::string_view(buffer, static_cast<size_t>(n))));
  if (pid.empty()) return {};
  for (char c : pid) {
    if (c < '0' || c > '9') return {};
  }
  return pid;
}

}  // namespace

StatusOr<std::unique_ptr<LockFile>> LockFile::Acquire(const std::string& lock_path, const std::string& state_name) {
  // O_CLOEXEC: processes the emulator starts (Lambda runtimes) must not inherit
  // the lock, or they would keep the file locked after the emulator is gone.
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::Internal("cannot create lock file " + lock_path + " for state file " + state_name + ": " +
                            std::strerror(errno));
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    std::string pid = error == EWOULDBLOCK ? ReadHolderPid(fd) : std::string();
    close(fd);
    if (error != EWOULDBLOCK) {
      return Status::Internal("cannot lock " + lock_path + " for state file " + state_name + ": " +
                              std::strerror(error));
    }
    return Status::Internal("state file " + state_name + " is in use by another apigw-emulator (pid " +
                            (pid.empty() ? std::string("unknown") : pid) +
                            "); stop it or start with --state <other file> or --in-memory");
  }
  // The pid is only for the message above; failing to write it is harmless.
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) == 0) {
    ssize_t written = pwrite(fd, pid.data(), pid.size(), 0);
    (void)written;
  }
  return std::unique_ptr<LockFile>(new LockFile(fd));
}

LockFile::~LockFile() { close(fd_); }

}  // namespace apigw::state
