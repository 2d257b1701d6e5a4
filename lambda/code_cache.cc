// CodeCache: install = hash, then extract into the hash's folder unless present.
#include "lambda/code_cache.h"

#include <sys/stat.h>

#include <filesystem>

#include "base/base64.h"
#include "lambda/code_archive.h"

namespace apigw::lambda {

std::string HexOfBase64Sha(std::string_view sha256_base64) {
  static const char kHex[] = "0123456789abcdef";
  std::optional<std::string> raw = Base64Decode(sha256_base64);
  std::string out;
  if (!raw) return out;
  for (unsigned char c : *raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

CodeCache::CodeCache(std::string root) : root_(std::move(root)) {}

Status CodeCache::Init() {
  std::error_code ec;
  std::filesystem::create_directories(root_ + "/code", ec);
  if (ec) return Status::Internal("cannot create the Lambda code cache " + root_ + "/code: " + ec.message());
  return Status::Ok();
}

std::string CodeCache::CodeDir(std::string_view sha256_base64) const {
  return root_ + "/code/" + HexOfBase64Sha(sha256_base64);
}

bool CodeCache::Has(std::string_view sha256_base64) const {
  struct stat st;
  return !HexOfBase64Sha(sha256_base64).empty() && stat(CodeDir(sha256_base64).c_str(), &st) == 0 &&
         S_ISDIR(st.st_mode);
}

StatusOr<CodeInfo> CodeCache::Install(std::string_view zip) {
  CodeInfo info;
  info.sha256_base64 = Sha256Base64(zip);
  info.size = int64_t(zip.size());
  std::lock_guard<std::mutex> lock(install_mu_);
  if (Has(info.sha256_base64)) return info;
  APIGW_RETURN_IF_ERROR(ExtractZip(zip, CodeDir(info.sha256_base64)));
  return info;
}

}  // namespace apigw::lambda
