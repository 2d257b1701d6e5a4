// Publishing REST API stages to the data plane: after each committed change,
// and all of them at startup (PublishAllStages).
#include "control-plane/apigateway/stage_publisher.h"

#include <memory>
#include <string>
#include <utility>

#include "control-plane/apigateway/deployment_snapshot.h"
#include "control-plane/apigateway/rest_records.h"

namespace apigw::cp::apigateway {
namespace {
constexpr std::string_view kComponent = "apigateway";
}  // namespace

StatusOr<PublishedStage> BuildPublishedStage(state::Store& store, std::string_view region,
                                             std::string_view account_id, std::string_view api_id,
                                             const JsonValue& stage) {
  std::optional<std::string> name = GetString(stage, "stageName");
  std::optional<std::string> deployment_id = GetString(stage, "deploymentId");
  if (!name || !deployment_id) return Status::Internal("stage record without stageName or deploymentId");
  auto snapshot = LoadDeploymentSnapshot(store, api_id, *deployment_id);
  if (!snapshot.ok()) return snapshot.status();
  PublishedStage out;
  out.protocol = ApiProtocol::kRest;
  out.api_id = std::string(api_id);
  out.stage_name = *name;
  out.region = std::string(region);
  out.account_id = std::string(account_id);
  out.deployment = std::move(snapshot).value();
  out.stage = std::make_shared<const JsonDoc>(CopyDoc(stage));
  if (const JsonValue* canary = Member(stage, "canarySettings"); canary && canary->IsObject()) {
    if (std::optional<std::string> canary_id = GetString(*canary, "deploymentId")) {
      auto canary_snapshot = LoadDeploymentSnapshot(store, api_id, *canary_id);
      if (!canary_snapshot.ok()) return canary_snapshot.status();
      out.canary_deployment = std::move(canary_snapshot).value();
    }
  }
  return out;
}

void PublishStage(ApigatewayDeps& deps, const CallContext& ctx, std::string_view api_id, const JsonValue& stage) {
  auto published = BuildPublishedStage(deps.store, ctx.region, ctx.account_id, api_id, stage);
  if (!published.ok()) {
    deps.log.Error(kComponent, "cannot publish a stage of " + std::string(api_id) + ": " +
                                   published.status().ToString());
    return;
  }
  deps.sink.Publish(std::move(published).value());
}

void UnpublishStage(ApigatewayDeps& deps, std::string_view api_id, std::string_view stage_name) {
  deps.sink.Unpublish(std::string(api_id), std::string(stage_name));
}

void UnpublishApi(ApigatewayDeps& deps, std::string_view api_id) { deps.sink.UnpublishApi(std::string(api_id)); }

Status PublishAllStages(ApigatewayDeps& deps) {
  auto apis = deps.store.ListKind(kind::kRestApi);
  if (!apis.ok()) return apis.status();
  for (const state::Record& api : *apis) {
    auto stages = LoadAll(deps.store, kind::kStage, api.id);
    if (!stages.ok()) return stages.status();
    for (const JsonDoc& stage : *stages) {
      // One broken stage must not keep every other API from serving.
      auto published = BuildPublishedStage(deps.store, api.scope, deps.account_id, api.id, stage);
      if (!published.ok()) {
        deps.log.Error(kComponent, "cannot publish a stage of " + api.id + ": " + published.status().ToString());
        continue;
      }
      deps.sink.Publish(std::move(published).value());
    }
  }
  return Status::Ok();
}

}  // namespace apigw::cp::apigateway
