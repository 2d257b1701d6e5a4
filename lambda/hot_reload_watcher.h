// HotReloadWatcher: counts changes under the local folders functions run from
// (Code={S3Bucket=hot-reload,S3Key=/abs/path}), with inotify on every folder
// of the tree, on the supervisor thread. A pool compares a process's count
// with the current one before giving it work, so the first invocation after
// an edit starts a fresh process on the new files, and an unchanged folder
// costs nothing per invocation. Python byte-code caches and VCS folders are
// ignored (the interpreter writes the former itself).
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "base/log.h"
#include "lambda/process_supervisor.h"

namespace apigw::lambda {

class HotReloadWatcher {
 public:
  HotReloadWatcher(ProcessSupervisor& supervisor, Logger& log);
  ~HotReloadWatcher();
  HotReloadWatcher(const HotReloadWatcher&) = delete;
  HotReloadWatcher& operator=(const HotReloadWatcher&) = delete;

  // The change counter of `dir` (watched from now on; same counter for the same dir).
  std::shared_ptr<const std::atomic<uint64_t>> Watch(const std::string& dir);

  // True for names whose changes never matter ("__pycache__", "x.pyc", ".git").
  static bool Ignored(const std::string& name);

 private:
  struct Root {
    std::shared_ptr<std::atomic<uint64_t>> generation = std::make_shared<std::atomic<uint64_t>>(0);
    size_t watches = 0;
  };
  void AddTree(const std::string& root, const std::string& dir, size_t depth);
  void OnReadable();

  ProcessSupervisor& supervisor_;
  Logger& log_;
  int fd_ = -1;
  std::mutex mu_;  // guards roots_ and dirs_
  std::map<std::string, Root> roots_;
  std::map<int, std::pair<std::string, std::string>> dirs_;  // watch descriptor -> (root, dir)
};

}  // namespace apigw::lambda
