// Aliases: CreateAlias, GetAlias, ListAliases, UpdateAlias, DeleteAlias
// (recorded: test_lambda_api.py::test_alias_lifecycle,
// test_notfound_and_invalid_routingconfigs, test_non_existent_alias_*).
#include <string>

#include "control-plane/lambda/function_publisher.h"
#include "control-plane/lambda/function_records.h"
#include "control-plane/lambda/handlers.h"
#include "control-plane/protocol/paging.h"
#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

namespace {

std::string AliasArn(const CallContext& ctx, const std::string& function, const std::string& alias) {
  return lam::FunctionArn(ctx.region, ctx.account_id, function, alias);
}

// The version exists ($LATEST always does with its function).
Status CheckVersion(LambdaDeps& deps, const CallContext& ctx, const std::string& name, const std::string& version) {
  if (version == lam::kLatest) return Status::Ok();
  auto doc = FindDoc(deps.store, kind::kVersion, FunctionScope(ctx.region, name), version);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return FunctionNotFound(ctx, name, version);
  return Status::Ok();
}

// Checks RoutingConfig against the alias's version and writes it into `alias`
// (dropped when it routes nowhere, as AWS answers).
Status ApplyRouting(LambdaDeps& deps, const CallContext& ctx, const std::string& name, const JsonValue& input,
                    JsonDoc& alias) {
  const JsonValue* routing = Member(input, "RoutingConfig");
  if (!routing) return Status::Ok();
  auto& a = alias.GetAllocator();
  const JsonValue* weights = Member(*routing, "AdditionalVersionWeights");
  if (!weights || !weights->IsObject() || weights->MemberCount() == 0) {
    RemoveMember(alias, "RoutingConfig");
    return Status::Ok();
  }
  if (weights->MemberCount() > 1)
    return InvalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
  std::string version = GetString(alias, "FunctionVersion").value_or("");
  for (const auto& w : weights->GetObject()) {
    std::string other(w.name.GetString(), w.name.GetStringLength());
    if (other == version)
      return InvalidParameter("Invalid function version " + other + ". Function version " + other +
                              " is already included in routing configuration.");
    APIGW_RETURN_IF_ERROR(CheckVersion(deps, ctx, name, other));
  }
  if (version == lam::kLatest)
    return Status(400, "InvalidParameterValueException", "$LATEST is not supported for an alias pointing to more than 1 version");
  JsonValue config(rapidjson::kObjectType);
  config.AddMember("AdditionalVersionWeights", JsonValue(*weights, a), a);
  SetMember(alias, "RoutingConfig", std::move(config), a);
  return Status::Ok();
}

Status Commit(LambdaDeps& deps, const CallContext& ctx, const std::string& name, state::WriteBatch& batch) {
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  Status st = PublishFunction(deps, ctx.region, name);
  if (!st.ok()) deps.log.Warn("lambda", "cannot publish " + name + ": " + st.message());
  return Status::Ok();
}

// The alias record, or `missing` (its wording differs by operation).
StatusOr<JsonDoc> LoadAlias(LambdaDeps& deps, const CallContext& ctx, const std::string& name,
                            const std::string& alias, const std::string& missing_prefix) {
  Status missing = ResourceNotFound(missing_prefix + AliasArn(ctx, name, alias));
  auto function = FindDoc(deps.store, kind::kFunction, ctx.region, name);
  if (!function.ok()) return function.status();
  if (!function->has_value()) return missing;
  auto doc = FindDoc(deps.store, kind::kAlias, FunctionScope(ctx.region, name), alias);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return missing;
  return std::move(**doc);
}

OperationResult CreateAlias(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  std::string alias_name = GetString(input, "Name").value_or("");
  std::string version = GetString(input, "FunctionVersion").value_or("");
  auto function = FindDoc(deps.store, kind::kFunction, ctx.region, target->name);
  if (!function.ok()) return function.status();
  if (!function->has_value()) return FunctionNotFound(ctx, target->name, version);
  APIGW_RETURN_IF_ERROR(CheckVersion(deps, ctx, target->name, version));
  const std::string scope = FunctionScope(ctx.region, target->name);
  auto existing = FindDoc(deps.store, kind::kAlias, scope, alias_name);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return ResourceConflict("Alias already exists: " + AliasArn(ctx, target->name, alias_name));

  JsonDoc alias(rapidjson::kObjectType);
  auto& a = alias.GetAllocator();
  SetString(alias, "AliasArn", AliasArn(ctx, target->name, alias_name), a);
  SetString(alias, "Name", alias_name, a);
  SetString(alias, "FunctionVersion", version, a);
  SetString(alias, "Description", GetString(input, "Description").value_or(""), a);
  APIGW_RETURN_IF_ERROR(ApplyRouting(deps, ctx, target->name, input, alias));
  SetString(alias, "RevisionId", deps.ids.Uuid(), a);
  state::WriteBatch batch;
  PutDoc(batch, kind::kAlias, scope, alias_name, alias);
  APIGW_RETURN_IF_ERROR(Commit(deps, ctx, target->name, batch));
  return alias;
}

OperationResult GetAlias(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  return LoadAlias(deps, ctx, target->name, GetString(input, "Name").value_or(""), "Cannot find alias arn: ");
}

OperationResult UpdateAlias(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  std::string alias_name = GetString(input, "Name").value_or("");
  auto alias = LoadAlias(deps, ctx, target->name, alias_name, "Alias not found: ");
  if (!alias.ok()) return alias.status();
  if (auto rev = GetString(input, "RevisionId"); rev && *rev != GetString(*alias, "RevisionId").value_or(""))
    return RevisionMismatch();
  auto& a = alias->GetAllocator();
  if (auto version = GetString(input, "FunctionVersion")) {
    APIGW_RETURN_IF_ERROR(CheckVersion(deps, ctx, target->name, *version));
    SetString(*alias, "FunctionVersion", *version, a);
  }
  if (auto description = GetString(input, "Description")) SetString(*alias, "Description", *description, a);
  APIGW_RETURN_IF_ERROR(ApplyRouting(deps, ctx, target->name, input, *alias));
  SetString(*alias, "RevisionId", deps.ids.Uuid(), a);
  state::WriteBatch batch;
  PutDoc(batch, kind::kAlias, FunctionScope(ctx.region, target->name), alias_name, *alias);
  APIGW_RETURN_IF_ERROR(Commit(deps, ctx, target->name, batch));
  return alias;
}

OperationResult DeleteAlias(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  auto function = LoadFunction(deps.store, ctx, target->name);
  if (!function.ok()) return function.status();
  // Deleting an alias that is not there succeeds, as on AWS.
  state::WriteBatch batch;
  batch.Delete(kind::kAlias, FunctionScope(ctx.region, target->name), GetString(input, "Name").value_or(""));
  APIGW_RETURN_IF_ERROR(Commit(deps, ctx, target->name, batch));
  return JsonDoc(rapidjson::kObjectType);
}

OperationResult ListAliases(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  auto function = LoadFunction(deps.store, ctx, target->name);
  if (!function.ok()) return function.status();
  auto aliases = LoadAll(deps.store, kind::kAlias, FunctionScope(ctx.region, target->name));
  if (!aliases.ok()) return aliases.status();
  std::optional<std::string> version = GetString(input, "FunctionVersion");
  JsonDoc out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& alias : *aliases) {
    if (version && GetString(alias, "FunctionVersion") != version) continue;
    JsonValue item(alias, a);
    RemoveMember(item, "Policy");
    RemoveMember(item, "PolicyRevisionId");
    items.PushBack(std::move(item), a);
  }
  APIGW_RETURN_IF_ERROR(LambdaPage(input, items, out, "Name", "Aliases"));
  if (!Member(out, "Aliases")) out.AddMember("Aliases", JsonValue(rapidjson::kArrayType), a);
  return out;
}

}  // namespace

void RegisterAliases(OperationTable& table, LambdaDeps& deps) {
  AddHandler(table, deps, "CreateAlias", CreateAlias);
  AddHandler(table, deps, "GetAlias", GetAlias);
  AddHandler(table, deps, "UpdateAlias", UpdateAlias);
  AddHandler(table, deps, "DeleteAlias", DeleteAlias);
  AddHandler(table, deps, "ListAliases", ListAliases);
}

}  // namespace apigw::cp::lambda
