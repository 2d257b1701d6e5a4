// CodeCache: the folder where deployment packages are unpacked, one folder
// per content hash (<root>/code/<sha256 hex>/), shared by every function and
// version with the same zip. Content-addressed folders never change once
// written, so running processes are never disturbed by an upload.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "base/status_or.h"
#include "lambda/function_host.h"

namespace apigw::lambda {

class CodeCache {
 public:
  explicit CodeCache(std::string root);

  // Creates the root folder; fails with a clear message when it cannot.
  Status Init();
  // Checks and unpacks `zip` (a no-op when its content is already there).
  StatusOr<CodeInfo> Install(std::string_view zip);
  bool Has(std::string_view sha256_base64) const;
  // The folder of the code with that CodeSha256.
  std::string CodeDir(std::string_view sha256_base64) const;
  const std::string& root() const { return root_; }

 private:
  const std::string root_;
  std::mutex install_mu_;  // one extraction at a time: they are rare and disk-bound
};

// "abc/+=" base64 of a sha256 -> its 64 hex digits (folder names cannot hold '/').
std::string HexOfBase64Sha(std::string_view sha256_base64);

}  // namespace apigw::lambda
