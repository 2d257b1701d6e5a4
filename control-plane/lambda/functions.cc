// The function family: CreateFunction, GetFunction, GetFunctionConfiguration,
// ListFunctions, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction.
#include <set>
#include <string>

#include "control-plane/lambda/function_code.h"
#include "control-plane/lambda/function_config.h"
#include "control-plane/lambda/function_publisher.h"
#include "control-plane/lambda/function_records.h"
#include "control-plane/lambda/handlers.h"
#include "control-plane/lambda/publish_version.h"
#include "control-plane/protocol/paging.h"
#include "lambda/code_cache.h"
#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

namespace {

constexpr size_t kMaxNameLength = 64;
constexpr size_t kMaxTags = 50;

// After a commit: the runner learns the new state; its failure does not undo the write.
void Publish(LambdaDeps& deps, const CallContext& ctx, const std::string& name) {
  Status st = PublishFunction(deps, ctx.region, name);
  if (!st.ok()) deps.log.Warn("lambda", "cannot publish " + name + " to the runner: " + st.message());
}

Status CheckRevision(const JsonValue& input, const JsonValue& config) {
  std::optional<std::string> wanted = GetString(input, "RevisionId");
  if (wanted && *wanted != GetString(config, "RevisionId").value_or("")) return RevisionMismatch();
  return Status::Ok();
}

// Every CodeSha256 the function's configurations use, but the version `except`'s.
StatusOr<std::set<std::string>> CodeInUse(LambdaDeps& deps, const CallContext& ctx, const std::string& name,
                                          const JsonValue& latest_config, const std::string& except = "") {
  std::set<std::string> keep = {GetString(latest_config, "CodeSha256").value_or("")};
  auto versions = LoadVersions(deps.store, ctx.region, name);
  if (!versions.ok()) return versions.status();
  for (const JsonDoc& v : *versions)
    if (const JsonValue* c = Member(v, "Configuration"))
      if (GetString(*c, "Version").value_or("") != except) keep.insert(GetString(*c, "CodeSha256").value_or(""));
  return keep;
}

// Answers a name without a qualifier (the operations that change $LATEST).
StatusOr<std::string> UnqualifiedName(const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  return target->name;
}

OperationResult CreateFunction(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string given = GetString(input, "FunctionName").value_or("");
  auto ref = lam::ParseFunctionRef(given);
  if (!ref.ok()) return ref.status();
  if (!ref->region.empty() && ref->region != ctx.region)
    return ResourceNotFound("Functions from '" + ref->region + "' are not reachable in this region ('" + ctx.region +
                            "')");
  // Another account's ARN: AWS refuses it before anything else (recorded:
  // test_function_arns function_arn_other_account_exc, 403 without a message).
  if (!ref->account_id.empty() && ref->account_id != ctx.account_id) return Status(403, "AccessDeniedException", "");
  const std::string name = ref->name;
  if (name.size() > kMaxNameLength)
    return InvalidParameter("1 validation error detected: Value '" + given +
                            "' at 'functionName' failed to satisfy constraint: Member must have length less than "
                            "or equal to 64");
  auto existing = FindDoc(deps.store, kind::kFunction, ctx.region, name);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return ResourceConflict("Function already exist: " + name);

  if (const JsonValue* tags = Member(input, "Tags"); tags && tags->IsObject() && tags->MemberCount() > kMaxTags)
    return InvalidParameter("Number of tags exceeds resource tag limit.");
  const JsonValue* code_input = Member(input, "Code");
  if (!code_input || !code_input->IsObject()) return InvalidParameter("Please provide a source for function code.");
  // Configuration first: a bad runtime is reported before the code is unpacked.
  auto probe = NewConfiguration(ctx, input, name, lam::CodeInfo{}, deps.ids);
  if (!probe.ok()) return probe.status();
  auto code = ReadCode(deps, *code_input);
  if (!code.ok()) return code.status();
  auto config = NewConfiguration(ctx, input, name, code->info, deps.ids);
  if (!config.ok()) return config.status();

  JsonDoc record(rapidjson::kObjectType);
  auto& a = record.GetAllocator();
  record.AddMember("Configuration", JsonValue(*config, a), a);
  if (const JsonValue* tags = Member(input, "Tags"); tags && tags->IsObject() && tags->MemberCount() > 0)
    record.AddMember("Tags", JsonValue(*tags, a), a);
  record.AddMember("LastVersion", JsonValue(0), a);
  ApplyCode(record, *MutableMember(record, "Configuration"), *code);

  state::WriteBatch batch;
  StoreCode(batch, ctx.region, name, *code);
  JsonDoc answer = CreatingView(*Member(record, "Configuration"), deps.ids.Uuid());
  if (GetBool(input, "Publish").value_or(false)) {
    auto version = NewVersion(deps, ctx, record, "", batch);
    if (!version.ok()) return version.status();
    SetString(answer, "Version", GetString(*version, "Version").value_or("1"), answer.GetAllocator());
  }
  PutDoc(batch, kind::kFunction, ctx.region, name, record);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  Publish(deps, ctx, name);
  return answer;
}

OperationResult GetFunctionConfiguration(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  return ConfigurationFor(deps.store, ctx, *target);
}

// Where the package can be fetched: a pre-signed S3 URL on AWS, a URL of the
// control plane here (the package is in the emulator's state; a plain GET
// answers its bytes, as AWS's URL does). A hot-reloaded folder is named by a
// file:// URI, as LocalStack does (the AWS Toolkit relies on it).
std::string CodeLocation(const CallContext& ctx, const std::string& name, const JsonValue& config,
                         const JsonValue& function) {
  std::string sha = GetString(config, "CodeSha256").value_or("");
  if (sha == kHotReloadSha) return "file://" + GetString(function, "HotReloadDir").value_or("");
  std::string host = "localhost:4566";
  if (ctx.http)
    if (const std::string* h = ctx.http->headers.Get("Host"); h && !h->empty()) host = *h;
  return "http://" + host + std::string(kCodeDownloadPrefix) + ctx.region + "/" + name + "/" +
         apigw::lambda::HexOfBase64Sha(sha);
}

// GET {kCodeDownloadPrefix}{region}/{name}/{sha256 hex}: the stored package.
StatusOr<std::string> DownloadCode(LambdaDeps& deps, std::string_view rest) {
  size_t a = rest.find('/');
  size_t b = a == std::string_view::npos ? a : rest.find('/', a + 1);
  Status missing(404, "ResourceNotFoundException", "No such code package: " + std::string(rest));
  if (b == std::string_view::npos) return missing;
  auto blob = deps.store.Get(kind::kCode, FunctionScope(rest.substr(0, a), rest.substr(a + 1, b - a - 1)),
                             rest.substr(b + 1));
  if (!blob.ok()) return blob.status();
  if (!blob->has_value()) return missing;
  return std::move(**blob);
}

OperationResult GetFunction(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  auto config = ConfigurationFor(deps.store, ctx, *target);
  if (!config.ok()) return config.status();
  auto function = LoadFunction(deps.store, ctx, target->name);
  if (!function.ok()) return function.status();
  JsonDoc out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  out.AddMember("Configuration", JsonValue(*config, a), a);
  JsonValue code(rapidjson::kObjectType);
  SetString(code, "RepositoryType", "S3", a);
  SetString(code, "Location", CodeLocation(ctx, target->name, *config, *function), a);
  out.AddMember("Code", std::move(code), a);
  if (const JsonValue* tags = Member(*function, "Tags"); tags && tags->IsObject() && tags->MemberCount() > 0)
    out.AddMember("Tags", JsonValue(*tags, a), a);
  if (auto reserved = GetInt(*function, "ReservedConcurrentExecutions")) {
    JsonValue c(rapidjson::kObjectType);
    c.AddMember("ReservedConcurrentExecutions", JsonValue(*reserved), a);
    out.AddMember("Concurrency", std::move(c), a);
  }
  return out;
}

OperationResult ListFunctions(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  bool all_versions = GetString(input, "FunctionVersion").value_or("") == "ALL";
  auto functions = LoadAll(deps.store, kind::kFunction, ctx.region);
  if (!functions.ok()) return functions.status();
  JsonDoc out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& f : *functions) {
    const JsonValue* config = Member(f, "Configuration");
    if (!config) continue;
    if (!all_versions) {
      items.PushBack(JsonValue(ListView(*config), a), a);
      continue;
    }
    std::string name = GetString(*config, "FunctionName").value_or("");
    JsonValue latest_arn(lam::FunctionArn(ctx.region, ctx.account_id, name, lam::kLatest).c_str(), a);
    items.PushBack(JsonValue(ListView(*config, &latest_arn), a), a);
    auto versions = LoadVersions(deps.store, ctx.region, name);
    if (!versions.ok()) return versions.status();
    for (const JsonDoc& v : *versions)
      if (const JsonValue* vc = Member(v, "Configuration")) items.PushBack(JsonValue(ListView(*vc), a), a);
  }
  APIGW_RETURN_IF_ERROR(LambdaPage(input, items, out, "FunctionArn", "Functions"));
  if (!Member(out, "Functions")) out.AddMember("Functions", JsonValue(rapidjson::kArrayType), a);
  return out;
}

OperationResult UpdateFunctionCode(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto name = UnqualifiedName(ctx, input);
  if (!name.ok()) return name.status();
  auto record = LoadFunction(deps.store, ctx, *name);
  if (!record.ok()) return record.status();
  JsonValue& config = *MutableMember(*record, "Configuration");
  APIGW_RETURN_IF_ERROR(CheckRevision(input, config));
  auto code = ReadCode(deps, input);
  if (!code.ok()) return code.status();
  if (GetBool(input, "DryRun").value_or(false)) {
    JsonDoc view = CopyDoc(config);
    SetString(view, "CodeSha256", code->info.sha256_base64, view.GetAllocator());
    SetMember(view, "CodeSize", JsonValue(int64_t(code->info.size)), view.GetAllocator());
    return view;
  }
  auto& a = record->GetAllocator();
  ApplyCode(*record, config, *code);
  if (const JsonValue* arch = Member(input, "Architectures"); arch && arch->IsArray() && arch->Size() == 1)
    SetMember(config, "Architectures", JsonValue(*arch, a), a);
  SetString(config, "LastModified", LastModified(ctx.now_ms), a);
  SetString(config, "RevisionId", deps.ids.Uuid(), a);

  state::WriteBatch batch;
  StoreCode(batch, ctx.region, *name, *code);
  JsonDoc answer = UpdatingView(config, deps.ids.Uuid());
  if (GetBool(input, "Publish").value_or(false)) {
    auto version = NewVersion(deps, ctx, *record, "", batch);
    if (!version.ok()) return version.status();
    // The new version, still being created (recorded: test_publish_with_update).
    answer = CreatingView(*version);
  }
  auto keep = CodeInUse(deps, ctx, *name, *Member(*record, "Configuration"));
  if (!keep.ok()) return keep.status();
  keep->insert(code->info.sha256_base64);
  APIGW_RETURN_IF_ERROR(DropUnusedCode(deps.store, batch, ctx.region, *name, *keep));
  PutDoc(batch, kind::kFunction, ctx.region, *name, *record);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  Publish(deps, ctx, *name);
  return answer;
}

OperationResult UpdateFunctionConfiguration(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto name = UnqualifiedName(ctx, input);
  if (!name.ok()) return name.status();
  auto record = LoadFunction(deps.store, ctx, *name);
  if (!record.ok()) return record.status();
  JsonValue* config_value = MutableMember(*record, "Configuration");
  APIGW_RETURN_IF_ERROR(CheckRevision(input, *config_value));
  JsonDoc config = CopyDoc(*config_value);
  APIGW_RETURN_IF_ERROR(UpdateConfiguration(ctx, input, config, deps.ids));
  SetMember(*record, "Configuration", JsonValue(config, record->GetAllocator()), record->GetAllocator());
  state::WriteBatch batch;
  PutDoc(batch, kind::kFunction, ctx.region, *name, *record);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  Publish(deps, ctx, *name);
  return UpdatingView(config, deps.ids.Uuid());
}

OperationResult DeleteFunction(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  // The qualifier is checked before the function is looked up (recorded:
  // test_ops_with_arn_qualifier_mismatch[delete_function],
  // function_name_and_qualifier_too_long-delete_function).
  if (target->qualifier == lam::kLatest)
    return InvalidParameter("$LATEST version cannot be deleted without deleting the function.");
  if (!lam::IsVersionNumber(target->qualifier) && CanBeAliasName(target->qualifier))
    return InvalidParameter("Deletion of aliases is not currently supported.");
  auto record = LoadFunction(deps.store, ctx, target->name);
  if (!record.ok()) return record.status();
  // Neither a version nor an alias name ("$latest"): nothing of the function is named so.
  if (!target->qualifier.empty() && !lam::IsVersionNumber(target->qualifier))
    return FunctionNotFound(ctx, target->name, target->qualifier);
  const std::string scope = FunctionScope(ctx.region, target->name);
  JsonDoc out(rapidjson::kObjectType);
  out.AddMember("StatusCode", JsonValue(204), out.GetAllocator());
  state::WriteBatch batch;
  if (target->qualifier.empty()) {
    batch.Delete(kind::kFunction, ctx.region, target->name);
    batch.DeleteScopeTree(scope);
    APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
    deps.host.Remove(ctx.region, target->name);
    return out;
  }
  auto version = FindDoc(deps.store, kind::kVersion, scope, target->qualifier);
  if (!version.ok()) return version.status();
  if (!version->has_value()) return out;  // deleting a version that is not there succeeds, as on AWS
  auto aliases = LoadAll(deps.store, kind::kAlias, scope);
  if (!aliases.ok()) return aliases.status();
  std::vector<std::string> users;
  for (const JsonDoc& alias : *aliases) {
    bool uses = GetString(alias, "FunctionVersion").value_or("") == target->qualifier;
    if (const JsonValue* r = Member(alias, "RoutingConfig"))
      if (const JsonValue* w = Member(*r, "AdditionalVersionWeights"); w && w->IsObject() &&
                                                                       Member(*w, target->qualifier))
        uses = true;
    if (uses) users.push_back(GetString(alias, "Name").value_or(""));
  }
  if (!users.empty()) {
    std::string list;
    for (const std::string& u : users) list += (list.empty() ? "" : ", ") + u;
    return ResourceConflict("Unable to delete version because the following aliases reference it: [" + list + "]");
  }
  batch.Delete(kind::kVersion, scope, target->qualifier);
  auto keep = CodeInUse(deps, ctx, target->name, *Member(*record, "Configuration"), target->qualifier);
  if (!keep.ok()) return keep.status();
  APIGW_RETURN_IF_ERROR(DropUnusedCode(deps.store, batch, ctx.region, target->name, *keep));
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  Publish(deps, ctx, target->name);
  return out;
}

}  // namespace

void RegisterFunctions(OperationTable& table, LambdaDeps& deps) {
  AddHandler(table, deps, "CreateFunction", CreateFunction);
  AddHandler(table, deps, "GetFunction", GetFunction);
  AddHandler(table, deps, "GetFunctionConfiguration", GetFunctionConfiguration);
  AddHandler(table, deps, "ListFunctions", ListFunctions);
  AddHandler(table, deps, "UpdateFunctionCode", UpdateFunctionCode);
  AddHandler(table, deps, "UpdateFunctionConfiguration", UpdateFunctionConfiguration);
  AddHandler(table, deps, "DeleteFunction", DeleteFunction);
  table.AddFile(std::string(kCodeDownloadPrefix), "application/zip",
                [&deps](std::string_view rest) { return DownloadCode(deps, rest); });
}

}  // namespace apigw::cp::lambda
