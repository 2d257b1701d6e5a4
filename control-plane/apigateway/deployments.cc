// Deployments of REST APIs: CreateDeployment (freezing the API, and with a
// stageName creating or moving that stage), GetDeployment, GetDeployments,
// UpdateDeployment, DeleteDeployment.
#include <string>
#include <utility>

#include "base/text.h"
#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/deployment_snapshot.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/apigateway/stage_publisher.h"
#include "control-plane/apigateway/stage_records.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {
namespace {

constexpr size_t kDeploymentIdLength = 6;

std::string Str(const JsonValue& input, std::string_view name) { return GetString(input, name).value_or(""); }

Status CanaryPrecondition(ApigatewayDeps& deps, const JsonValue& input, std::string_view api_id) {
  std::optional<std::string> stage_name = GetString(input, "stageName");
  if (!stage_name || stage_name->empty()) {
    return Status::BadRequest(
        "Invalid deployment content specified.Non null and non empty stageName must be provided for canary "
        "deployment. Provided value is " +
        (stage_name ? *stage_name : std::string("null")));
  }
  auto existing = deps.store.Get(kind::kStage, api_id, *stage_name);
  if (!existing.ok()) return existing.status();
  if (!existing->has_value()) {
    return Status::BadRequest("Invalid deployment content specified.Stage " + *stage_name +
                              " must already be created before making a canary release deployment");
  }
  return Status::Ok();
}

StatusOr<std::string> NewDeploymentId(ApigatewayDeps& deps, std::string_view api_id) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string id = deps.ids.LowerAlnum(kDeploymentIdLength);
    auto taken = DeploymentExists(deps.store, api_id, id);
    if (!taken.ok()) return taken.status();
    if (!*taken) return id;
  }
  return Status::Internal("could not find a free deployment id");
}

// The stage CreateDeployment names: created, or moved to the new deployment
// (or given it as its canary), with the stage fields of the request.
StatusOr<JsonDoc> DeployToStage(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input,
                                std::string_view api_id, const std::string& stage_name,
                                const std::string& deployment_id) {
  int64_t now_s = ctx.now_ms / 1000;
  auto existing = deps.store.Get(kind::kStage, api_id, stage_name);
  if (!existing.ok()) return existing.status();
  JsonDoc stage;
  if (existing->has_value()) {
    auto parsed = LoadStage(deps.store, api_id, stage_name);
    if (!parsed.ok()) return parsed.status();
    stage = std::move(parsed).value();
  } else {
    stage = NewStage(stage_name, deployment_id, now_s);
  }
  auto& alloc = stage.GetAllocator();
  if (const JsonValue* canary = Member(input, "canarySettings"); canary && canary->IsObject()) {
    // A canary release leaves the stage on its deployment and sends part of
    // the traffic to the new one.
    SetMember(stage, "canarySettings", CanaryWithDefaults(canary, deployment_id, alloc), alloc);
  } else {
    SetString(stage, "deploymentId", deployment_id, alloc);
    RemoveMember(stage, "canarySettings");
  }
  if (std::optional<std::string> description = GetString(input, "stageDescription"))
    SetOptionalString(stage, "description", description);
  if (const JsonValue* vars = Member(input, "variables")) SetVariables(stage, *vars);
  SetCacheCluster(stage, GetBool(input, "cacheClusterEnabled"), GetString(input, "cacheClusterSize"));
  if (std::optional<bool> tracing = GetBool(input, "tracingEnabled"))
    SetMember(stage, "tracingEnabled", JsonValue(*tracing), alloc);
  SetMember(stage, "lastUpdatedDate", JsonValue(now_s), alloc);
  return stage;
}

OperationResult CreateDeployment(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  auto rest_api = LoadRestApi(deps.store, ctx, api_id);
  if (!rest_api.ok()) return rest_api.status();
  if (const JsonValue* canary = Member(input, "canarySettings"); canary && canary->IsObject())
    APIGW_RETURN_IF_ERROR(CanaryPrecondition(deps, input, api_id));
  std::string stage_name = Str(input, "stageName");
  if (!stage_name.empty()) APIGW_RETURN_IF_ERROR(ValidateStageName(stage_name));
  APIGW_RETURN_IF_ERROR(CheckStageVariables(Member(input, "variables")));

  auto id = NewDeploymentId(deps, api_id);
  if (!id.ok()) return id.status();
  JsonDoc deployment(rapidjson::kObjectType);
  auto& alloc = deployment.GetAllocator();
  deployment.AddMember("id", JsonString(*id, alloc), alloc);
  if (std::optional<std::string> description = GetString(input, "description"); description && !description->empty())
    deployment.AddMember("description", JsonString(*description, alloc), alloc);
  deployment.AddMember("createdDate", ctx.now_ms / 1000, alloc);
  auto snapshot = FreezeRestApi(deps.store, *rest_api, api_id, deployment);
  if (!snapshot.ok()) return snapshot.status();

  state::WriteBatch batch;
  PutDoc(batch, kind::kDeployment, api_id, *id, deployment);
  PutDoc(batch, kind::kDeploymentSnapshot, api_id, *id, *snapshot);
  std::optional<JsonDoc> stage;
  if (!stage_name.empty()) {
    auto deployed = DeployToStage(deps, ctx, input, api_id, stage_name, *id);
    if (!deployed.ok()) return deployed.status();
    stage = std::move(deployed).value();
    PutDoc(batch, kind::kStage, api_id, stage_name, *stage);
  }
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  if (stage) PublishStage(deps, ctx, api_id, *stage);
  return deployment;
}

// A deployment of an API that may not exist: AWS answers for the deployment either way.
StatusOr<JsonDoc> LoadDeployment(ApigatewayDeps& deps, const CallContext& ctx, std::string_view api_id,
                                 std::string_view deployment_id) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidDeploymentId();
  return LoadDoc(deps.store, kind::kDeployment, api_id, deployment_id, InvalidDeploymentId());
}

OperationResult GetDeployment(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string deployment_id = Str(input, "deploymentId");
  auto deployment = LoadDeployment(deps, ctx, api_id, deployment_id);
  if (!deployment.ok()) return deployment.status();
  bool summary = false;
  if (const JsonValue* embed = Member(input, "embed"); embed && embed->IsArray()) {
    for (const JsonValue& e : embed->GetArray())
      summary = summary || (e.IsString() && EqualsIgnoreCase(e.GetString(), "apisummary"));
  }
  if (summary) {
    auto snapshot = LoadDeploymentSnapshot(deps.store, api_id, deployment_id);
    if (!snapshot.ok()) return snapshot.status();
    JsonValue api_summary = ApiSummary(**snapshot, deployment->GetAllocator());
    SetMember(*deployment, "apiSummary", std::move(api_summary), deployment->GetAllocator());
  }
  return deployment;
}

OperationResult GetDeployments(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidApiId(ctx, api_id);
  auto deployments = LoadAll(deps.store, kind::kDeployment, api_id);
  if (!deployments.ok()) return deployments.status();
  JsonDoc out(rapidjson::kObjectType);
  auto& alloc = out.GetAllocator();
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& deployment : *deployments) items.PushBack(JsonValue(deployment, alloc), alloc);
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out));
  return out;
}

OperationResult UpdateDeployment(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string deployment_id = Str(input, "deploymentId");
  auto deployment = LoadDeployment(deps, ctx, api_id, deployment_id);
  if (!deployment.ok()) return deployment.status();
  // Only the description of a deployment can change.
  PatchRules rules;
  rules.String("/description", "description");
  APIGW_RETURN_IF_ERROR(rules.Apply(input, *deployment, deployment->GetAllocator()));
  // The snapshot keeps the deployment as it was frozen: a description is not
  // something a stage serves.
  state::WriteBatch batch;
  PutDoc(batch, kind::kDeployment, api_id, deployment_id, *deployment);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  return deployment;
}

OperationResult DeleteDeployment(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string deployment_id = Str(input, "deploymentId");
  auto deployment = LoadDeployment(deps, ctx, api_id, deployment_id);
  if (!deployment.ok()) return deployment.status();
  auto stages = LoadAll(deps.store, kind::kStage, api_id);
  if (!stages.ok()) return stages.status();
  for (const JsonDoc& stage : *stages) {
    if (StageUsesDeployment(stage, deployment_id))
      return Status::BadRequest("Active stages pointing to this deployment must be moved or deleted");
  }
  state::WriteBatch batch;
  batch.Delete(kind::kDeployment, api_id, deployment_id);
  batch.Delete(kind::kDeploymentSnapshot, api_id, deployment_id);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterDeployments(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateDeployment", CreateDeployment);
  AddHandler(table, deps, "GetDeployment", GetDeployment);
  AddHandler(table, deps, "GetDeployments", GetDeployments);
  AddHandler(table, deps, "UpdateDeployment", UpdateDeployment);
  AddHandler(table, deps, "DeleteDeployment", DeleteDeployment);
}

}  // namespace apigw::cp::apigateway
