// ReadCode and the package blobs (recorded messages: test_create_lambda_exceptions
// invalid_zip_exc, test_lambda_code_location_s3_errors, test_oversized_zipped_create_lambda).
#include "control-plane/lambda/function_code.h"

#include <sys/stat.h>

#include "control-plane/lambda/function_records.h"
#include "lambda/code_cache.h"

namespace apigw::cp::lambda {

namespace {

constexpr size_t kMaxZipBytes = 52428800;  // 50 MB, direct upload

}  // namespace

StatusOr<CodeUpload> ReadCode(LambdaDeps& deps, const JsonValue& code) {
  CodeUpload upload;
  std::optional<std::string> zip = GetString(code, "ZipFile");
  std::optional<std::string> bucket = GetString(code, "S3Bucket");
  std::optional<std::string> key = GetString(code, "S3Key");
  if (GetString(code, "ImageUri"))
    return InvalidParameter("Container image functions (ImageUri) cannot run in apigw-emulator; use a zip.");
  if (zip) {
    if (zip->size() > kMaxZipBytes)
      // Not in the model, so its body has only "message" (recorded: test_oversized_zipped_create_lambda).
      return Status(413, "RequestEntityTooLargeException",
                    "Zipped size must be smaller than " + std::to_string(kMaxZipBytes) + " bytes");
    auto info = deps.host.InstallZip(*zip);
    if (!info.ok()) return info.status();
    upload.info = *info;
    upload.zip = std::move(*zip);
    return upload;
  }
  if (bucket && *bucket == kHotReloadBucket) {
    if (!key || key->empty() || key->front() != '/')
      return InvalidParameter("With S3Bucket=hot-reload, S3Key must be the absolute path of a local folder.");
    struct stat st;
    if (stat(key->c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      return InvalidParameter("The hot-reload folder " + *key + " does not exist or is not a folder.");
    upload.hot_reload_dir = *key;
    upload.info.sha256_base64 = std::string(kHotReloadSha);
    upload.info.size = 0;
    return upload;
  }
  if (bucket) {
    // There is no S3 here: every other bucket is one that does not exist.
    return InvalidParameter(
        "Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does "
        "not exist");
  }
  return InvalidParameter("Please provide a source for function code.");
}

void StoreCode(state::WriteBatch& batch, std::string_view region, std::string_view name, const CodeUpload& code) {
  if (code.zip.empty()) return;
  batch.Put(kind::kCode, FunctionScope(region, name), apigw::lambda::HexOfBase64Sha(code.info.sha256_base64),
            code.zip);
}

Status DropUnusedCode(state::Store& store, state::WriteBatch& batch, std::string_view region, std::string_view name,
                      const std::set<std::string>& keep) {
  std::set<std::string> keep_hex;
  for (const std::string& sha : keep) keep_hex.insert(apigw::lambda::HexOfBase64Sha(sha));
  std::string scope = FunctionScope(region, name);
  auto blobs = store.List(kind::kCode, scope);
  if (!blobs.ok()) return blobs.status();
  for (const state::Record& r : *blobs)
    if (!keep_hex.count(r.id)) batch.Delete(kind::kCode, scope, r.id);
  return Status::Ok();
}

void ApplyCode(JsonDoc& record, JsonValue& config, const CodeUpload& code) {
  auto& a = record.GetAllocator();
  SetString(config, "CodeSha256", code.info.sha256_base64, a);
  SetMember(config, "CodeSize", JsonValue(int64_t(code.info.size)), a);
  if (code.hot_reload_dir.empty())
    RemoveMember(record, "HotReloadDir");
  else
    SetString(record, "HotReloadDir", code.hot_reload_dir, a);
}

}  // namespace apigw::cp::lambda
