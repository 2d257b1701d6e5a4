// FunctionHost: what the lambda control plane needs from the runner — code
// checked and unpacked when it is uploaded, and every function's snapshot
// published after each committed change — without knowing about processes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status_or.h"
#include "lambda/function_spec.h"

namespace apigw::lambda {

struct CodeInfo {
  std::string sha256_base64;  // CodeSha256
  int64_t size = 0;           // CodeSize: the zip's length in bytes
};

class FunctionHost {
 public:
  virtual ~FunctionHost() = default;

  // Checks a deployment package and unpacks it into the code cache (once per
  // content). Refuses what is not a zip with AWS's InvalidParameterValueException
  // "Could not unzip uploaded file. ...", and entries that would land outside
  // the code folder.
  virtual StatusOr<CodeInfo> InstallZip(std::string_view zip_bytes) = 0;
  // True when the code of that hash is unpacked in the cache (so a restart
  // need not read the zip from the store again).
  virtual bool HasCode(std::string_view sha256_base64) = 0;

  // Replaces what the function runs; processes of changed versions are
  // replaced as soon as they are idle.
  virtual void Publish(FunctionSnapshot snapshot) = 0;
  // The function is gone: its processes are stopped, its queued invocations fail.
  virtual void Remove(std::string_view region, std::string_view name) = 0;
};

}  // namespace apigw::lambda
