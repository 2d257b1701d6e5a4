// HotReloadWatcher: one inotify descriptor; each watched folder maps back to
// the root whose counter it bumps; new sub-folders are watched as they appear.
#include "lambda/hot_reload_watcher.h"

#include <dirent.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "base/text.h"

namespace apigw::lambda {

namespace {

constexpr size_t kMaxWatchesPerRoot = 4096;
constexpr size_t kMaxDepth = 32;
constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB |
                             IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF;

}  // namespace

HotReloadWatcher::HotReloadWatcher(ProcessSupervisor& supervisor, Logger& log) : supervisor_(supervisor), log_(log) {}

HotReloadWatcher::~HotReloadWatcher() {
  if (fd_ >= 0) {
    supervisor_.Unwatch(fd_);
    close(fd_);
  }
}

bool HotReloadWatcher::Ignored(const std::string& name) {
  return name == "__pycache__" || name == ".git" || name == ".hg" || name == ".svn" || name == ".pytest_cache" ||
         name == ".mypy_cache" || EndsWith(name, ".pyc") || EndsWith(name, ".swp") || EndsWith(name, "~");
}

std::shared_ptr<const std::atomic<uint64_t>> HotReloadWatcher::Watch(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = roots_.find(dir);
  if (it != roots_.end()) return it->second.generation;
  if (fd_ < 0) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) {
      log_.Warn("lambda", std::string("inotify unavailable (") + std::strerror(errno) +
                              "): hot-reloaded code is read again only when a process restarts");
    } else {
      supervisor_.Watch(fd_, [this] { OnReadable(); });
    }
  }
  Root& root = roots_[dir];
  if (fd_ >= 0) AddTree(dir, dir, 0);
  return root.generation;
}

// Called with mu_ held.
void HotReloadWatcher::AddTree(const std::string& root, const std::string& dir, size_t depth) {
  Root& r = roots_[root];
  if (r.watches >= kMaxWatchesPerRoot || depth > kMaxDepth) return;
  int wd = inotify_add_watch(fd_, dir.c_str(), kEvents | IN_ONLYDIR);
  if (wd < 0) return;
  ++r.watches;
  dirs_[wd] = {root, dir};
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  std::vector<std::string> subdirs;
  while (struct dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == ".." || Ignored(name)) continue;
    std::string path = dir + "/" + name;
    struct stat st;
    if (lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) subdirs.push_back(path);
  }
  closedir(d);
  for (const std::string& sub : subdirs) AddTree(root, sub, depth + 1);
}

void HotReloadWatcher::OnReadable() {
  alignas(inotify_event) char buf[16384];
  for (;;) {
    ssize_t n = read(fd_, buf, sizeof buf);
    if (n <= 0) return;
    std::lock_guard<std::mutex> lock(mu_);
    for (char* p = buf; p < buf + n;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      auto it = dirs_.find(ev->wd);
      if (it == dirs_.end()) continue;
      auto [root, dir] = it->second;
      if (ev->mask & IN_IGNORED) {
        dirs_.erase(it);
        continue;
      }
      std::string name = ev->len ? std::string(ev->name) : "";
      if (!name.empty() && Ignored(name)) continue;
      if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && !name.empty())
        AddTree(root, dir + "/" + name, 1);
      auto r = roots_.find(root);
      if (r != roots_.end()) r->second.generation->fetch_add(1);
    }
  }
}

}  // namespace apigw::lambda
