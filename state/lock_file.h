// LockFile: an exclusive flock on a sidecar file, held for the owner's
// lifetime, so that two emulators never share one state file.
#pragma once

#include <memory>
#include <string>

#include "base/status_or.h"

namespace apigw::state {

class LockFile {
 public:
  // Creates `lock_path` when missing and locks it without waiting, writing this
  // process's pid into it. When another process (or another open LockFile of
  // this process) holds it, fails with a message naming `state_name` and the
  // holder's pid.
  static StatusOr<std::unique_ptr<LockFile>> Acquire(const std::string& lock_path, const std::string& state_name);

  // Releases the lock. The file stays: removing it could let a third process
  // lock a new file while a second still waits on the old one.
  ~LockFile();
  LockFile(const LockFile&) = delete;
  LockFile& operator=(const LockFile&) = delete;

 private:
  explicit LockFile(int fd) : fd_(fd) {}

  const int fd_;
};

}  // namespace apigw::state
