// ProcessSupervisor: fork/exec, an epoll loop over output pipes, pidfds and
// an eventfd, and reaping that kills the whole group before the leader's pid
// is released (so a recycled pid is never signalled).
#include "lambda/process_supervisor.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/text.h"

namespace apigw::lambda {

namespace {

constexpr uint64_t kTagWake = 0, kTagOutput = 1, kTagPidfd = 2, kTagWatch = 3;
constexpr size_t kMaxLineBytes = 256 * 1024;  // a longer line is cut into pieces

uint64_t Tag(uint64_t id, uint64_t kind) { return (id << 2) | kind; }

int PidfdOpen(pid_t pid) { return int(syscall(SYS_pidfd_open, pid, 0)); }

std::string LowerStrerror(int err) { return ToLower(std::strerror(err)); }

}  // namespace

struct ProcessSupervisor::Proc {
  Handle handle = 0;
  Command command;
  std::shared_ptr<ProcessObserver> observer;
  // Guarded by the supervisor's mu_.
  pid_t pid = -1;
  int pidfd = -1;
  bool kill_requested = false;
  bool reaped = false;
  // Guarded by out_mu: the output pipe and the line being assembled.
  std::mutex out_mu;
  int out_fd = -1;
  std::string partial;
};

ProcessSupervisor::ProcessSupervisor(Logger& log) : log_(log) {}

ProcessSupervisor::~ProcessSupervisor() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  KillAll();
  if (thread_.joinable()) {
    Wake();
    thread_.join();
  }
  // Reap what is left; each has been sent SIGKILL.
  for (auto& [handle, proc] : procs_) {
    if (proc->pid > 0 && !proc->reaped) {
      kill(-proc->pid, SIGKILL);
      int status = 0;
      waitpid(proc->pid, &status, 0);
    }
    if (proc->pidfd >= 0) close(proc->pidfd);
    if (proc->out_fd >= 0) close(proc->out_fd);
  }
  if (epoll_fd_ >= 0) close(epoll_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

Status ProcessSupervisor::Start() {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0) return Status::Internal(std::string("epoll/eventfd: ") + std::strerror(errno));
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = Tag(0, kTagWake);
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

void ProcessSupervisor::Wake() {
  uint64_t one = 1;
  ssize_t n = write(wake_fd_, &one, sizeof one);
  (void)n;
}

ProcessSupervisor::Handle ProcessSupervisor::Spawn(Command command, std::shared_ptr<ProcessObserver> observer) {
  auto proc = std::make_shared<Proc>();
  proc->command = std::move(command);
  proc->observer = std::move(observer);
  {
    std::lock_guard<std::mutex> lock(mu_);
    proc->handle = next_handle_++;
    procs_[proc->handle] = proc;
    to_spawn_.push_back(proc);
  }
  if (wake_fd_ >= 0) Wake();
  return proc->handle;
}

void ProcessSupervisor::Kill(Handle handle) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = procs_.find(handle);
  if (it == procs_.end()) return;
  Proc& p = *it->second;
  p.kill_requested = true;
  // Not yet reaped, so the group id cannot have been recycled.
  if (p.pid > 0 && !p.reaped) kill(-p.pid, SIGKILL);
}

void ProcessSupervisor::KillAll() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [handle, proc] : procs_) {
    proc->kill_requested = true;
    if (proc->pid > 0 && !proc->reaped) kill(-proc->pid, SIGKILL);
  }
}

void ProcessSupervisor::Drain(Handle handle) {
  std::shared_ptr<Proc> proc;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = procs_.find(handle);
    if (it == procs_.end()) return;
    proc = it->second;
  }
  ReadOutput(*proc, false);
}

void ProcessSupervisor::Watch(int fd, std::function<void()> on_readable) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    watches_[fd] = std::make_shared<std::function<void()>>(std::move(on_readable));
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = Tag(uint64_t(fd), kTagWatch);
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
}

void ProcessSupervisor::Unwatch(int fd) {
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  std::unique_lock<std::mutex> lock(mu_);
  watches_.erase(fd);
  // A callback already picked up may still be running on the supervisor
  // thread: wait for it, or its owner would be destroyed under it.
  if (std::this_thread::get_id() != thread_.get_id())
    watch_done_.wait(lock, [&] { return running_watch_ != fd; });
}

void ProcessSupervisor::Loop() {
  epoll_event events[64];
  for (;;) {
    int n = epoll_wait(epoll_fd_, events, 64, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      log_.Error("lambda", std::string("epoll_wait: ") + std::strerror(errno));
      return;
    }
    for (int i = 0; i < n; ++i) {
      uint64_t kind = events[i].data.u64 & 3, id = events[i].data.u64 >> 2;
      if (kind == kTagWake) {
        uint64_t count;
        ssize_t r = read(wake_fd_, &count, sizeof count);
        (void)r;
        std::vector<std::shared_ptr<Proc>> batch;
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (stopping_) return;
          batch.swap(to_spawn_);
        }
        for (auto& proc : batch) SpawnNow(proc);
        continue;
      }
      if (kind == kTagWatch) {
        std::shared_ptr<std::function<void()>> fn;
        {
          std::lock_guard<std::mutex> lock(mu_);
          auto it = watches_.find(int(id));
          if (it != watches_.end()) {
            fn = it->second;
            running_watch_ = int(id);
          }
        }
        if (fn) {
          (*fn)();
          {
            std::lock_guard<std::mutex> lock(mu_);
            running_watch_ = -1;
          }
          watch_done_.notify_all();
        }
        continue;
      }
      std::shared_ptr<Proc> proc;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;
        auto it = procs_.find(id);
        if (it != procs_.end()) proc = it->second;
      }
      if (!proc) continue;
      if (kind == kTagOutput) ReadOutput(*proc, false);
      if (kind == kTagPidfd) Reap(proc);
    }
  }
}

void ProcessSupervisor::SpawnNow(const std::shared_ptr<Proc>& proc) {
  const Command& cmd = proc->command;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (proc->kill_requested) {
      procs_.erase(proc->handle);
      return;  // killed before it ran: nothing to report
    }
  }
  // Everything the child needs is prepared before fork: between fork and
  // exec only async-signal-safe calls are allowed.
  std::vector<char*> argv, envp;
  for (const std::string& a : cmd.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const std::string& e : cmd.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const char* path = cmd.executable.c_str();
  const char* cwd = cmd.cwd.c_str();

  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    proc->observer->OnStartFailed(std::string("pipe: ") + LowerStrerror(errno));
    std::lock_guard<std::mutex> lock(mu_);
    procs_.erase(proc->handle);
    return;
  }
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(out[0]);
    close(out[1]);
    proc->observer->OnStartFailed(std::string("pipe: ") + LowerStrerror(errno));
    std::lock_guard<std::mutex> lock(mu_);
    procs_.erase(proc->handle);
    return;
  }
  int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    // The child. Signals the emulator blocks or ignores must not leak into the function.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGPIPE, &dfl, nullptr);
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the emulator died before prctl
    if (devnull >= 0) dup2(devnull, 0);
    dup2(out[1], 1);
    dup2(out[1], 2);
    // Every other descriptor closes on exec (sockets of the emulator included);
    // err[1] stays open until exec succeeds.
    syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */);
    // Reports {step, errno}: step 1 is chdir, 2 is exec.
    int report[2] = {1, 0};
    if (chdir(cwd) != 0) {
      report[1] = errno;
    } else {
      execve(path, argv.data(), envp.data());
      report[0] = 2;
      report[1] = errno;
    }
    ssize_t w = write(err[1], report, sizeof report);
    (void)w;
    _exit(127);
  }
  int fork_errno = errno;
  close(out[1]);
  close(err[1]);
  if (devnull >= 0) close(devnull);
  if (pid < 0) {
    close(out[0]);
    close(err[0]);
    proc->observer->OnStartFailed(std::string("fork: ") + LowerStrerror(fork_errno));
    std::lock_guard<std::mutex> lock(mu_);
    procs_.erase(proc->handle);
    return;
  }
  setpgid(pid, pid);  // also from this side, so Kill works whichever runs first
  int report[2] = {0, 0};
  ssize_t got;
  do {
    got = read(err[0], report, sizeof report);
  } while (got < 0 && errno == EINTR);
  close(err[0]);
  if (got > 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    close(out[0]);
    {
      std::lock_guard<std::mutex> lock(mu_);
      procs_.erase(proc->handle);
    }
    std::string what = report[0] == 1 ? "chdir " + cmd.cwd : "fork/exec " + cmd.executable;
    proc->observer->OnStartFailed(what + ": " + LowerStrerror(report[1]));
    return;
  }
  fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
  int pidfd = PidfdOpen(pid);
  bool kill_now = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    proc->pid = pid;
    proc->pidfd = pidfd;
    kill_now = proc->kill_requested;
  }
  {
    std::lock_guard<std::mutex> lock(proc->out_mu);
    proc->out_fd = out[0];
  }
  proc->observer->OnStarted(pid);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = Tag(proc->handle, kTagOutput);
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, out[0], &ev);
  if (pidfd >= 0) {
    ev.data.u64 = Tag(proc->handle, kTagPidfd);
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, pidfd, &ev);
  } else {
    log_.Error("lambda", std::string("pidfd_open failed: ") + std::strerror(errno) + "; exits go unnoticed");
  }
  if (kill_now) kill(-pid, SIGKILL);
}

void ProcessSupervisor::ReadOutput(Proc& proc, bool final) {
  std::lock_guard<std::mutex> lock(proc.out_mu);
  if (proc.out_fd < 0) return;
  char buf[65536];
  bool eof = false;
  for (;;) {
    ssize_t n = read(proc.out_fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;  // EAGAIN: all read for now
    if (n == 0) {
      eof = true;
      break;
    }
    std::string_view chunk(buf, size_t(n));
    while (!chunk.empty()) {
      size_t nl = chunk.find('\n');
      if (nl == std::string_view::npos) {
        proc.partial.append(chunk);
        if (proc.partial.size() >= kMaxLineBytes) {
          proc.observer->OnLine(proc.partial);
          proc.partial.clear();
        }
        break;
      }
      if (proc.partial.empty()) {
        proc.observer->OnLine(chunk.substr(0, nl));
      } else {
        proc.partial.append(chunk.substr(0, nl));
        proc.observer->OnLine(proc.partial);
        proc.partial.clear();
      }
      chunk.remove_prefix(nl + 1);
    }
    if (size_t(n) < sizeof buf) break;  // a short read: the pipe is empty
  }
  if (eof || final) {
    if (!proc.partial.empty()) {
      proc.observer->OnLine(proc.partial);
      proc.partial.clear();
    }
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, proc.out_fd, nullptr);
    close(proc.out_fd);
    proc.out_fd = -1;
  }
}

void ProcessSupervisor::Reap(const std::shared_ptr<Proc>& proc) {
  int status = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (proc->reaped) return;
    // Children it left behind go with it; the zombie leader keeps the group id reserved.
    kill(-proc->pid, SIGKILL);
    pid_t r = waitpid(proc->pid, &status, WNOHANG);
    if (r == 0) return;  // not yet (spurious wake-up)
    proc->reaped = true;
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, proc->pidfd, nullptr);
    close(proc->pidfd);
    proc->pidfd = -1;
    procs_.erase(proc->handle);
  }
  // What it wrote before dying is still in the pipe; grandchildren killed
  // above no longer hold it open, but do not wait for EOF.
  ReadOutput(*proc, true);
  proc->observer->OnExit(status);
}

std::string FindExecutable(std::string_view name, std::string_view path_list) {
  if (name.find('/') != std::string_view::npos) return access(std::string(name).c_str(), X_OK) == 0 ? std::string(name) : "";
  for (const std::string& dir : Split(path_list, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + std::string(name);
    struct stat st;
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return "";
}

}  // namespace apigw::lambda
