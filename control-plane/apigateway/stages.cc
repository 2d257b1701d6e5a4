// Stages of REST APIs: CreateStage, GetStage, GetStages, UpdateStage,
// DeleteStage, FlushStageCache, FlushStageAuthorizersCache. Every committed
// change is published to the data plane.
#include <string>
#include <utility>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/apigateway/stage_patch.h"
#include "control-plane/apigateway/stage_publisher.h"
#include "control-plane/apigateway/stage_records.h"

namespace apigw::cp::apigateway {
namespace {

std::string Str(const JsonValue& input, std::string_view name) { return GetString(input, name).value_or(""); }

Status CheckApi(ApigatewayDeps& deps, const CallContext& ctx, std::string_view api_id) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  return *exists ? Status::Ok() : InvalidApiId(ctx, api_id);
}

// A stage of an API that may not exist: AWS answers for the stage either way.
StatusOr<JsonDoc> LoadApiStage(ApigatewayDeps& deps, const CallContext& ctx, std::string_view api_id,
                               std::string_view name) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidStageId();
  return LoadStage(deps.store, api_id, name);
}

OperationResult CreateStage(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string name = Str(input, "stageName");
  std::string deployment_id = Str(input, "deploymentId");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  APIGW_RETURN_IF_ERROR(ValidateStageName(name));
  APIGW_RETURN_IF_ERROR(CheckTagKeys(Member(input, "tags")));
  APIGW_RETURN_IF_ERROR(CheckStageVariables(Member(input, "variables")));
  auto existing = deps.store.Get(kind::kStage, api_id, name);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Conflict("Stage already exists");
  auto deployed = DeploymentExists(deps.store, api_id, deployment_id);
  if (!deployed.ok()) return deployed.status();
  if (!*deployed) return DeploymentIdDoesNotExist();

  JsonDoc stage = NewStage(name, deployment_id, ctx.now_ms / 1000);
  auto& alloc = stage.GetAllocator();
  SetOptionalString(stage, "description", GetString(input, "description"));
  SetCacheCluster(stage, GetBool(input, "cacheClusterEnabled"), GetString(input, "cacheClusterSize"));
  if (const JsonValue* vars = Member(input, "variables")) SetVariables(stage, *vars);
  SetOptionalString(stage, "documentationVersion", GetString(input, "documentationVersion"));
  if (std::optional<bool> tracing = GetBool(input, "tracingEnabled"))
    SetMember(stage, "tracingEnabled", JsonValue(*tracing), alloc);
  if (const JsonValue* canary = Member(input, "canarySettings"); canary && canary->IsObject()) {
    if (std::optional<std::string> canary_deployment = GetString(*canary, "deploymentId")) {
      auto found = DeploymentExists(deps.store, api_id, *canary_deployment);
      if (!found.ok()) return found.status();
      if (!*found) return DeploymentIdDoesNotExist();
    }
    SetMember(stage, "canarySettings", CanaryWithDefaults(canary, deployment_id, alloc), alloc);
  }
  if (const JsonValue* tags = Member(input, "tags"); tags && tags->IsObject() && tags->MemberCount() > 0)
    SetMember(stage, "tags", JsonValue(*tags, alloc), alloc);

  state::WriteBatch batch;
  PutDoc(batch, kind::kStage, api_id, name, stage);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  PublishStage(deps, ctx, api_id, stage);
  return stage;
}

OperationResult GetStage(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadApiStage(deps, ctx, Str(input, "restApiId"), Str(input, "stageName"));
}

OperationResult GetStages(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto stages = LoadAll(deps.store, kind::kStage, api_id);
  if (!stages.ok()) return stages.status();
  std::optional<std::string> deployment_id = GetString(input, "deploymentId");
  JsonDoc out(rapidjson::kObjectType);
  auto& alloc = out.GetAllocator();
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& stage : *stages) {
    if (deployment_id && GetString(stage, "deploymentId") != deployment_id) continue;
    items.PushBack(JsonValue(stage, alloc), alloc);
  }
  out.AddMember("item", items, alloc);
  return out;
}

OperationResult UpdateStage(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  auto stage = LoadApiStage(deps, ctx, api_id, Str(input, "stageName"));
  if (!stage.ok()) return stage.status();
  auto exists = [&](std::string_view id) { return DeploymentExists(deps.store, api_id, id); };
  APIGW_RETURN_IF_ERROR(ApplyStagePatch(*stage, ReadPatchOperations(input), exists));
  SetMember(*stage, "lastUpdatedDate", JsonValue(ctx.now_ms / 1000), stage->GetAllocator());

  state::WriteBatch batch;
  PutDoc(batch, kind::kStage, api_id, Str(*stage, "stageName"), *stage);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  // Stage settings apply without a new deployment, as on AWS.
  PublishStage(deps, ctx, api_id, *stage);
  return stage;
}

OperationResult DeleteStage(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string name = Str(input, "stageName");
  auto stage = LoadApiStage(deps, ctx, api_id, name);
  if (!stage.ok()) return stage.status();
  state::WriteBatch batch;
  batch.Delete(kind::kStage, api_id, name);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  UnpublishStage(deps, api_id, name);
  return JsonDoc(rapidjson::kObjectType);
}

// FlushStageCache: 202 for an existing stage (the emulator keeps no response
// cache). FlushStageAuthorizersCache also drops the Lambda authorizer results
// the data plane cached for the stage.
OperationResult FlushStageCache(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto stage = LoadApiStage(deps, ctx, Str(input, "restApiId"), Str(input, "stageName"));
  if (!stage.ok()) return stage.status();
  return JsonDoc(rapidjson::kObjectType);
}

OperationResult FlushStageAuthorizersCache(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string name = Str(input, "stageName");
  auto stage = LoadApiStage(deps, ctx, api_id, name);
  if (!stage.ok()) return stage.status();
  deps.sink.FlushAuthorizers(api_id, name);
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterStages(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateStage", CreateStage);
  AddHandler(table, deps, "GetStage", GetStage);
  AddHandler(table, deps, "GetStages", GetStages);
  AddHandler(table, deps, "UpdateStage", UpdateStage);
  AddHandler(table, deps, "DeleteStage", DeleteStage);
  AddHandler(table, deps, "FlushStageCache", FlushStageCache);
  AddHandler(table, deps, "FlushStageAuthorizersCache", FlushStageAuthorizersCache);
}

}  // namespace apigw::cp::apigateway
