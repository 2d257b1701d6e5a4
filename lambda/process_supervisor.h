// ProcessSupervisor: starts function processes and watches them from one
// thread of its own, so that no event-loop thread forks, reads a pipe or waits
// for a child. Each process is exec'd without a shell in a new process group,
// with stdin on /dev/null and stdout+stderr merged into one pipe (so lines
// keep their order), and is killed by the kernel when the emulator dies
// (PR_SET_PDEATHSIG), even by SIGKILL. Its output is split into lines; its
// exit is seen through a pidfd. Thread-safe.
#pragma once

#include <cstdint>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/log.h"
#include "base/status.h"

namespace apigw::lambda {

struct Command {
  std::string executable;          // absolute path
  std::vector<std::string> argv;   // argv[0] included
  std::vector<std::string> env;    // "NAME=value"; nothing is inherited
  std::string cwd;
};

// One process's events. OnStarted/OnStartFailed/OnExit run on the supervisor
// thread; OnLine runs there or on a thread calling Drain, never two at once
// for one process. Callbacks must not call Drain for their own process.
class ProcessObserver {
 public:
  virtual ~ProcessObserver() = default;
  virtual void OnStarted(int pid) = 0;
  // exec failed: `reason` as the Lambda service words it, e.g.
  // "fork/exec /code/bootstrap: permission denied".
  virtual void OnStartFailed(std::string reason) = 0;
  virtual void OnLine(std::string_view line) = 0;  // without the '\n'
  virtual void OnExit(int wait_status) = 0;        // after the last OnLine
};

class ProcessSupervisor {
 public:
  using Handle = uint64_t;

  explicit ProcessSupervisor(Logger& log);
  // Kills every process (and its group) and joins the thread; no callbacks after.
  ~ProcessSupervisor();
  ProcessSupervisor(const ProcessSupervisor&) = delete;
  ProcessSupervisor& operator=(const ProcessSupervisor&) = delete;

  // Creates the thread. Spawn before Start queues.
  Status Start();
  // Starts `command` soon, on the supervisor thread.
  Handle Spawn(Command command, std::shared_ptr<ProcessObserver> observer);
  // SIGKILL to the process's group (also when it has not started yet: then it never runs).
  void Kill(Handle handle);
  // Reads what the process has written so far and delivers it as lines now,
  // on the caller's thread (so that a response's log lines are in before it is answered).
  void Drain(Handle handle);
  // Kills every process; their OnExit follow.
  void KillAll();
  // Calls `on_readable` on the supervisor thread whenever `fd` is readable
  // (used for inotify). The caller keeps ownership of fd and must Unwatch before closing it.
  void Watch(int fd, std::function<void()> on_readable);
  // After Unwatch returns, `on_readable` runs no more and is not running
  // (unless Unwatch is called from that callback itself), so its owner may go.
  void Unwatch(int fd);

 private:
  struct Proc;
  void Loop();
  void SpawnNow(const std::shared_ptr<Proc>& proc);
  void ReadOutput(Proc& proc, bool final);
  void Reap(const std::shared_ptr<Proc>& proc);
  void Wake();

  Logger& log_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::thread thread_;
  std::mutex mu_;  // guards everything below and each Proc's pid/reaped/kill_requested
  bool stopping_ = false;
  Handle next_handle_ = 1;
  std::map<Handle, std::shared_ptr<Proc>> procs_;
  std::vector<std::shared_ptr<Proc>> to_spawn_;
  std::map<int, std::shared_ptr<std::function<void()>>> watches_;
  int running_watch_ = -1;                 // the fd whose callback the supervisor thread is in
  std::condition_variable watch_done_;     // signalled when that callback returns
};

// The absolute path of `name` found on `path_list` ("a:b:c"), executable; "" when none.
std::string FindExecutable(std::string_view name, std::string_view path_list);

}  // namespace apigw::lambda
