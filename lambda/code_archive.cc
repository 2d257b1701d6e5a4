// ExtractZip over libzip: every entry is checked before anything is written,
// then written with O_NOFOLLOW under folders that contain no symlinks, so
// neither "../" names nor links planted by earlier entries can escape.
#include "lambda/code_archive.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "base/base64.h"
#include "base/text.h"

namespace apigw::lambda {

namespace {

Status InvalidParameter(std::string message) {
  return Status(400, "InvalidParameterValueException", std::move(message));
}

Status CouldNotUnzip() {
  return InvalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
}

std::string Sha256(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(md), len);
}

// Splits "a/b/c" into components, dropping empty ones and "." (zip tools
// write "./a" and "a//b" at times).
std::vector<std::string> Components(std::string_view path) {
  std::vector<std::string> out;
  for (std::string& part : Split(path, '/'))
    if (!part.empty() && part != ".") out.push_back(std::move(part));
  return out;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

struct Entry {
  zip_uint64_t index = 0;
  std::vector<std::string> path;  // components, all safe
  bool directory = false;
  bool symlink = false;
  mode_t mode = 0644;
  zip_uint64_t size = 0;
};

bool MakeDirs(const std::string& root, const std::vector<std::string>& components, size_t count) {
  std::string path = root;
  for (size_t i = 0; i < count; ++i) {
    path += "/" + components[i];
    struct stat st;
    if (lstat(path.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode)) return false;  // a file or a symlink in the way
      continue;
    }
    if (mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return false;
  }
  return true;
}

std::string JoinPath(const std::string& root, const std::vector<std::string>& components) {
  std::string path = root;
  for (const std::string& c : components) path += "/" + c;
  return path;
}

void RemoveTree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);  // removes links, never what they point at
}

StatusOr<std::vector<Entry>> ReadEntries(zip_t* z, int64_t max_unzipped_bytes) {
  zip_int64_t count = zip_get_num_entries(z, 0);
  if (count < 0) return CouldNotUnzip();
  std::vector<Entry> entries;
  int64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw_name = zip_get_name(z, zip_uint64_t(i), ZIP_FL_ENC_RAW);
    if (!raw_name) return CouldNotUnzip();
    std::string name = raw_name;
    if (!IsSafeEntryName(name))
      return InvalidParameter("Could not unzip uploaded file: the entry '" + name +
                              "' would be written outside the function's folder.");
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, zip_uint64_t(i), 0, &st) != 0) return CouldNotUnzip();
    Entry e;
    e.index = zip_uint64_t(i);
    e.path = Components(name);
    e.directory = EndsWith(name, "/");
    e.size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(z, zip_uint64_t(i), 0, &opsys, &attributes) == 0 &&
        opsys == ZIP_OPSYS_UNIX) {
      mode_t mode = mode_t(attributes >> 16);
      if (S_ISLNK(mode)) e.symlink = true;
      if (S_ISDIR(mode)) e.directory = true;
      if (mode & 0777) e.mode = mode & 0777;
    }
    if (e.path.empty()) continue;  // "./" alone
    total += int64_t(e.size);
    if (total > max_unzipped_bytes)
      return InvalidParameter("Unzipped size must be smaller than " + std::to_string(max_unzipped_bytes) + " bytes");
    entries.push_back(std::move(e));
  }
  return entries;
}

StatusOr<std::string> ReadEntry(zip_t* z, const Entry& e, int64_t limit) {
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(z, e.index, 0));
  if (!f) return CouldNotUnzip();
  std::string data;
  char buf[65536];
  for (;;) {
    zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
    if (n < 0) return CouldNotUnzip();
    if (n == 0) break;
    data.append(buf, size_t(n));
    if (int64_t(data.size()) > limit)  // the header lied about the size
      return InvalidParameter("Unzipped size must be smaller than " + std::to_string(limit) + " bytes");
  }
  return data;
}

Status WriteFile(const std::string& path, const std::string& data, mode_t mode) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot write " + path + ": " + std::strerror(errno));
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      return Status::Internal("cannot write " + path + ": " + std::strerror(errno));
    }
    off += size_t(n);
  }
  fchmod(fd, mode);
  close(fd);
  return Status::Ok();
}

Status ExtractInto(zip_t* z, const std::vector<Entry>& entries, const std::string& root, int64_t max_bytes) {
  int64_t written = 0;
  for (const Entry& e : entries) {
    std::string path = JoinPath(root, e.path);
    if (e.directory) {
      if (!MakeDirs(root, e.path, e.path.size()))
        return InvalidParameter("Could not unzip uploaded file: the entry '" + Join(e.path, "/") +
                                "' conflicts with another entry.");
      continue;
    }
    // Parents must be real folders (never a link an earlier entry planted).
    if (!MakeDirs(root, e.path, e.path.size() - 1))
      return InvalidParameter("Could not unzip uploaded file: the entry '" + Join(e.path, "/") +
                              "' would be written through a link or a file.");
    auto data = ReadEntry(z, e, max_bytes - written);
    if (!data.ok()) return data.status();
    written += int64_t(data->size());
    struct stat st;
    if (lstat(path.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) continue;  // a file entry named like a folder: keep the folder
      unlink(path.c_str());               // duplicate entries: the last one wins, as unzip does
    }
    if (e.symlink) {
      if (!IsSafeLinkTarget(Join(e.path, "/"), *data))
        return InvalidParameter("Could not unzip uploaded file: the link '" + Join(e.path, "/") +
                                "' points outside the function's folder.");
      if (symlink(data->c_str(), path.c_str()) != 0)
        return Status::Internal("cannot create link " + path + ": " + std::strerror(errno));
      continue;
    }
    APIGW_RETURN_IF_ERROR(WriteFile(path, *data, e.mode));
  }
  return Status::Ok();
}

}  // namespace

std::string Sha256Base64(std::string_view bytes) { return Base64Encode(Sha256(bytes)); }

std::string Sha256Hex(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : Sha256(bytes)) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool IsSafeEntryName(std::string_view entry) {
  if (entry.empty() || entry.front() == '/' || entry.find('\0') != std::string_view::npos) return false;
  if (entry.find('\\') != std::string_view::npos) {
    // Windows tools write '\' separators; such names are refused rather than
    // guessed at, since "..\\" would escape on the way they are meant.
    for (const std::string& part : Split(entry, '\\'))
      if (part == "..") return false;
  }
  for (const std::string& part : Split(entry, '/'))
    if (part == "..") return false;
  return true;
}

bool IsSafeLinkTarget(std::string_view entry, std::string_view target) {
  if (target.empty() || target.front() == '/') return false;
  std::vector<std::string> base = Components(entry);
  if (base.empty()) return false;
  base.pop_back();  // the link's own folder
  for (const std::string& part : Split(target, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (base.empty()) return false;
      base.pop_back();
    } else {
      base.push_back(part);
    }
  }
  return true;
}

Status ExtractZip(std::string_view zip, const std::string& dest, int64_t max_unzipped_bytes) {
  if (zip.empty()) return CouldNotUnzip();  // libzip would read it as an empty archive
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip.data(), zip.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return CouldNotUnzip();
  }
  std::unique_ptr<zip_t, ZipCloser> z(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  zip_error_fini(&error);
  if (!z) {
    zip_source_free(source);
    return CouldNotUnzip();
  }
  auto entries = ReadEntries(z.get(), max_unzipped_bytes);
  if (!entries.ok()) return entries.status();

  // Unique among threads and emulators sharing the cache: pid, thread, time.
  std::string partial = dest + ".partial-" + std::to_string(getpid()) + "-" +
                        std::to_string(std::hash<std::thread::id>()(std::this_thread::get_id()) % 1000000) + "-" +
                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  RemoveTree(partial);
  if (mkdir(partial.c_str(), 0755) != 0)
    return Status::Internal("cannot create " + partial + ": " + std::strerror(errno));
  Status st = ExtractInto(z.get(), *entries, partial, max_unzipped_bytes);
  if (!st.ok()) {
    RemoveTree(partial);
    return st;
  }
  if (rename(partial.c_str(), dest.c_str()) != 0) {
    int err = errno;
    RemoveTree(partial);
    // Another thread or emulator unpacked the same content first: same bytes, fine.
    if (err == EEXIST || err == ENOTEMPTY) return Status::Ok();
    return Status::Internal("cannot rename " + partial + ": " + std::strerror(err));
  }
  return Status::Ok();
}

}  // namespace apigw::lambda
