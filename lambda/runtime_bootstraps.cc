// InstallRuntimeFiles: content-addressed, written to a temporary folder and
// renamed into place so no process ever sees a half-written bootstrap.
#include "lambda/runtime_bootstraps.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "lambda/code_archive.h"

namespace apigw::lambda {

StatusOr<std::string> InstallRuntimeFiles(const std::string& cache_root) {
  std::string all;
  for (const EmbeddedFile& f : EmbeddedRuntimeFiles()) {
    all += f.path;
    all += '\0';
    all += f.content;
    all += '\0';
  }
  std::string dir = cache_root + "/runtimes/" + Sha256Hex(all).substr(0, 16);
  struct stat st;
  if (stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return dir;

  std::string tmp = dir + ".tmp-" + std::to_string(getpid()) + "-" +
                    std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  std::error_code ec;
  for (const EmbeddedFile& f : EmbeddedRuntimeFiles()) {
    std::filesystem::path file = std::filesystem::path(tmp) / f.path;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return Status::Internal("cannot create " + file.parent_path().string() + ": " + ec.message());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << f.content;
    if (!out.good()) return Status::Internal("cannot write " + file.string());
  }
  if (rename(tmp.c_str(), dir.c_str()) != 0) {
    std::filesystem::remove_all(tmp, ec);
    if (!(stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)))
      return Status::Internal("cannot install the runtime bootstraps into " + dir);
  }
  return dir;
}

}  // namespace apigw::lambda
