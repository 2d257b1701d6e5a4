// Function code as uploaded: a zip (checked and unpacked by the runner, kept
// in the store so it survives restarts) or a local folder run in place
// (Code={S3Bucket=hot-reload,S3Key=/abs/path}, as LocalStack users know it).
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "base/status_or.h"
#include "control-plane/lambda/lambda_service.h"
#include "state/store.h"

namespace apigw::cp::lambda {

inline constexpr std::string_view kHotReloadBucket = "hot-reload";
// What a hot-reloaded function reports as CodeSha256 (LocalStack's value).
inline constexpr std::string_view kHotReloadSha = "hot-reloading-hash-not-available";
// Where GetFunction's Code.Location points: {region}/{name}/{sha256 hex} follow.
inline constexpr std::string_view kCodeDownloadPrefix = "/_emulator/lambda/code/";

struct CodeUpload {
  apigw::lambda::CodeInfo info;
  std::string zip;             // the package (empty for hot reload)
  std::string hot_reload_dir;  // absolute folder (empty for zips)
};

// Reads ZipFile / S3Bucket / S3Key / ImageUri from `code` (CreateFunction's
// Code, or UpdateFunctionCode's input itself) and installs a zip into the
// runner's cache. AWS's errors for anything that cannot be used.
StatusOr<CodeUpload> ReadCode(LambdaDeps& deps, const JsonValue& code);

// Adds the package's blob to `batch` (nothing for hot reload).
void StoreCode(state::WriteBatch& batch, std::string_view region, std::string_view name, const CodeUpload& code);

// Deletes the stored packages of the function no configuration in `keep`
// (CodeSha256 values) refers to any more.
Status DropUnusedCode(state::Store& store, state::WriteBatch& batch, std::string_view region, std::string_view name,
                      const std::set<std::string>& keep);

// Sets the configuration's CodeSha256/CodeSize and the record's HotReloadDir.
void ApplyCode(JsonDoc& record, JsonValue& config, const CodeUpload& code);

}  // namespace apigw::cp::lambda
