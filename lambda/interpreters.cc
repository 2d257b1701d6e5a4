// ResolveInterpreter: PATH search, then for scripts one run of the
// interpreter asking for its own executable (posix_spawn, no shell).
#include "lambda/interpreters.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "base/text.h"
#include "lambda/process_supervisor.h"

extern char** environ;

namespace apigw::lambda {

namespace {

// Runs `argv` and returns its stdout (first line), or "" on any failure.
std::string FirstLineOf(const std::vector<std::string>& args) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return "";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // Nothing else of ours: the probe runs on a thread of its own at startup, and
  // a descriptor it inherited (a file another thread has open for writing,
  // such as a function's code being unpacked) would stay open in the
  // interpreter, and an exec of that file would fail with ETXTBSY meanwhile.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  std::string text;
  if (rc == 0) {
    char buf[4096];
    ssize_t n;
    while ((n = read(out[0], buf, sizeof buf)) > 0 && text.size() < 65536) text.append(buf, size_t(n));
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) text.clear();
  }
  close(out[0]);
  size_t nl = text.find('\n');
  return std::string(Trim(text.substr(0, nl)));
}

}  // namespace

bool IsElfBinary(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char magic[4] = {};
  ssize_t n = read(fd, magic, sizeof magic);
  close(fd);
  return n == 4 && std::memcmp(magic, "\x7f" "ELF", 4) == 0;
}

std::string ResolveInterpreter(std::string_view name, std::string_view path_list) {
  std::string found = FindExecutable(name, path_list);
  if (found.empty() || IsElfBinary(found)) return found;
  std::string real;
  if (StartsWith(name, "python")) real = FirstLineOf({found, "-c", "import sys; print(sys.executable)"});
  if (StartsWith(name, "node")) real = FirstLineOf({found, "-p", "process.execPath"});
  if (!real.empty() && real.front() == '/' && access(real.c_str(), X_OK) == 0) return real;
  return found;
}

}  // namespace apigw::lambda
