// Versions: PublishVersion and ListVersionsByFunction (recorded:
// test_lambda_api.py::test_version_lifecycle, test_publish_with_wrong_*).
#include <string>

#include "control-plane/lambda/function_config.h"
#include "control-plane/lambda/function_publisher.h"
#include "control-plane/lambda/function_records.h"
#include "control-plane/lambda/handlers.h"
#include "control-plane/lambda/publish_version.h"
#include "control-plane/protocol/paging.h"
#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

std::string ConfigurationFingerprint(const JsonValue& config) {
  JsonDoc copy = CopyDoc(config);
  for (const char* key : {"RevisionId", "LastModified", "State", "StateReason", "StateReasonCode", "LastUpdateStatus",
                          "LastUpdateStatusReason", "LastUpdateStatusReasonCode"})
    RemoveMember(copy, key);
  return ToJson(copy);
}

StatusOr<JsonDoc> NewVersion(LambdaDeps& deps, const CallContext& ctx, JsonDoc& function_record,
                             const std::string& description, state::WriteBatch& batch) {
  auto& a = function_record.GetAllocator();
  const JsonValue* latest = Member(function_record, "Configuration");
  if (!latest) return Status::Internal("function record without a configuration");
  std::string name = GetString(*latest, "FunctionName").value_or("");
  std::string scope = FunctionScope(ctx.region, name);
  int64_t last = GetInt(function_record, "LastVersion").value_or(0);
  // Neither code nor configuration changed since the last publish: AWS
  // answers with that version (recorded: test_version_lifecycle
  // third_publish_response). Tags and policies change the RevisionId of
  // $LATEST but are no part of a version, hence a fingerprint of the
  // configuration rather than its RevisionId.
  const std::string fingerprint = ConfigurationFingerprint(*latest);
  bool unchanged = GetString(function_record, "PublishedFingerprint") == fingerprint;
  if (!Member(function_record, "PublishedFingerprint"))  // records written before fingerprints
    unchanged = GetString(function_record, "PublishedRevision") == GetString(*latest, "RevisionId");
  if (last > 0 && unchanged) {
    auto existing = FindDoc(deps.store, kind::kVersion, scope, std::to_string(last));
    if (!existing.ok()) return existing.status();
    if (existing->has_value())
      if (const JsonValue* c = Member(**existing, "Configuration")) return CopyDoc(*c);
  }
  std::string number = std::to_string(last + 1);
  JsonDoc version(rapidjson::kObjectType);
  auto& va = version.GetAllocator();
  JsonValue config(*latest, va);
  SetString(config, "Version", number, va);
  SetString(config, "FunctionArn", lam::FunctionArn(ctx.region, ctx.account_id, name, number), va);
  SetString(config, "RevisionId", deps.ids.Uuid(), va);
  if (!description.empty()) SetString(config, "Description", description, va);
  SetString(config, "State", "Active", va);
  SetString(config, "LastUpdateStatus", "Successful", va);
  version.AddMember("Configuration", std::move(config), va);
  if (auto dir = GetString(function_record, "HotReloadDir")) SetString(version, "HotReloadDir", *dir, va);
  PutDoc(batch, kind::kVersion, scope, number, version);
  // Publishing changes the RevisionId of $LATEST too (recorded:
  // test_function_revisions_version_and_alias get_function_latest_rev3).
  std::string revision = deps.ids.Uuid();
  SetString(*MutableMember(function_record, "Configuration"), "RevisionId", revision, a);
  SetMember(function_record, "LastVersion", JsonValue(last + 1), a);
  SetString(function_record, "PublishedFingerprint", fingerprint, a);
  RemoveMember(function_record, "PublishedRevision");
  return CopyDoc(*Member(version, "Configuration"));
}

namespace {

OperationResult PublishVersion(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  auto record = LoadFunction(deps.store, ctx, target->name);
  if (!record.ok()) return record.status();
  const JsonValue& latest = *Member(*record, "Configuration");
  std::string current_sha = GetString(latest, "CodeSha256").value_or("");
  if (auto sha = GetString(input, "CodeSha256"); sha && *sha != current_sha)
    return InvalidParameter("CodeSHA256 (" + *sha + ") is different from current CodeSHA256 in $LATEST (" +
                            current_sha + "). Please try again with the CodeSHA256 in $LATEST.");
  if (auto rev = GetString(input, "RevisionId"); rev && *rev != GetString(latest, "RevisionId").value_or(""))
    return RevisionMismatch();
  state::WriteBatch batch;
  auto version = NewVersion(deps, ctx, *record, GetString(input, "Description").value_or(""), batch);
  if (!version.ok()) return version.status();
  if (!batch.empty()) {
    PutDoc(batch, kind::kFunction, ctx.region, target->name, *record);
    APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
    Status st = PublishFunction(deps, ctx.region, target->name);
    if (!st.ok()) deps.log.Warn("lambda", "cannot publish " + target->name + ": " + st.message());
  }
  return version;
}

OperationResult ListVersionsByFunction(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  auto record = LoadFunction(deps.store, ctx, target->name);
  if (!record.ok()) return record.status();
  JsonDoc out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  JsonValue items(rapidjson::kArrayType);
  JsonValue latest_arn(lam::FunctionArn(ctx.region, ctx.account_id, target->name, lam::kLatest).c_str(), a);
  items.PushBack(JsonValue(ListView(*Member(*record, "Configuration"), &latest_arn), a), a);
  auto versions = LoadVersions(deps.store, ctx.region, target->name);
  if (!versions.ok()) return versions.status();
  for (const JsonDoc& v : *versions)
    if (const JsonValue* c = Member(v, "Configuration")) items.PushBack(JsonValue(ListView(*c), a), a);
  APIGW_RETURN_IF_ERROR(LambdaPage(input, items, out, "Version", "Versions"));
  if (!Member(out, "Versions")) out.AddMember("Versions", JsonValue(rapidjson::kArrayType), a);
  return out;
}

}  // namespace

void RegisterVersions(OperationTable& table, LambdaDeps& deps) {
  AddHandler(table, deps, "PublishVersion", PublishVersion);
  AddHandler(table, deps, "ListVersionsByFunction", ListVersionsByFunction);
}

}  // namespace apigw::cp::lambda
