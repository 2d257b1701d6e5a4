// The apigateway Account of a region: GetAccount, UpdateAccount. Until it is
// first updated it is AWS's default account, and is not stored.
#include <string>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {
namespace {

constexpr std::string_view kAccountId = "account";

// A fresh account as AWS answers it: the account-level throttle limits.
JsonDoc DefaultAccount() {
  JsonDoc account(rapidjson::kObjectType);
  auto& alloc = account.GetAllocator();
  JsonValue throttle(rapidjson::kObjectType);
  throttle.AddMember("burstLimit", 5000, alloc);
  throttle.AddMember("rateLimit", 10000.0, alloc);
  account.AddMember("throttleSettings", throttle, alloc);
  JsonValue features(rapidjson::kArrayType);
  features.PushBack("UsagePlans", alloc);
  account.AddMember("features", features, alloc);
  account.AddMember("apiKeyVersion", "4", alloc);
  return account;
}

StatusOr<JsonDoc> LoadAccount(state::Store& store, const CallContext& ctx) {
  auto raw = store.Get(kind::kAccount, ctx.region, kAccountId);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return DefaultAccount();
  return LoadDoc(store, kind::kAccount, ctx.region, kAccountId, Status::Internal("account vanished"));
}

// "add /features" with value "UsagePlans" turns a feature on; remove turns it off.
Status PatchFeatures(const PatchMatch& match, JsonValue& account, JsonAlloc& alloc) {
  const std::string value = match.operation->value.value_or("");
  JsonValue* features = MutableMember(account, "features");
  if (!features || !features->IsArray()) {
    SetMember(account, "features", JsonValue(rapidjson::kArrayType), alloc);
    features = MutableMember(account, "features");
  }
  for (auto it = features->Begin(); it != features->End(); ++it) {
    if (!it->IsString() || value != it->GetString()) continue;
    if (match.operation->op == PatchOp::kRemove) features->Erase(it);
    return Status::Ok();  // adding a feature twice keeps one
  }
  if (match.operation->op == PatchOp::kAdd) features->PushBack(JsonString(value, alloc), alloc);
  return Status::Ok();
}

// "replace /cloudwatchRoleArn" without a value, or with "", resets the
// account's role: GetAccount then has no cloudwatchRoleArn (Terraform's
// aws_api_gateway_account acceptance tests, run against AWS, reset it so and
// check for its absence).
Status PatchRole(const PatchMatch& match, JsonValue& account, JsonAlloc& alloc) {
  const std::optional<std::string>& value = match.operation->value;
  if (!value || value->empty()) {
    RemoveMember(account, "cloudwatchRoleArn");
  } else {
    SetString(account, "cloudwatchRoleArn", *value, alloc);
  }
  return Status::Ok();
}

OperationResult GetAccount(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue&) {
  return LoadAccount(deps.store, ctx);
}

OperationResult UpdateAccount(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto account = LoadAccount(deps.store, ctx);
  if (!account.ok()) return account.status();
  PatchRules rules;
  rules.Custom("/cloudwatchRoleArn", {PatchOp::kReplace}, PatchRole)
      .Custom("/features", {PatchOp::kAdd, PatchOp::kRemove}, PatchFeatures);
  APIGW_RETURN_IF_ERROR(rules.Apply(input, *account, account->GetAllocator()));
  state::WriteBatch batch;
  PutDoc(batch, kind::kAccount, ctx.region, kAccountId, *account);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  return account;
}

}  // namespace

void RegisterAccount(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "GetAccount", GetAccount);
  AddHandler(table, deps, "UpdateAccount", UpdateAccount);
}

}  // namespace apigw::cp::apigateway
