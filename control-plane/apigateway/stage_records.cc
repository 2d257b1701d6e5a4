// Stage documents: defaults, shared fields and look-ups.
#include "control-plane/apigateway/stage_records.h"

#include <algorithm>
#include <cctype>

#include "control-plane/apigateway/rest_records.h"

namespace apigw::cp::apigateway {

Status InvalidStageId() { return Status::NotFound("Invalid Stage identifier specified"); }
Status InvalidDeploymentId() { return Status::NotFound("Invalid Deployment identifier specified"); }
Status DeploymentIdDoesNotExist() { return Status::BadRequest("Deployment id does not exist"); }

Status ValidateStageName(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 128;
  for (char c : name) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    ok = ok && allowed;
  }
  // AWS's message predates hyphens being allowed; it still reads this way.
  return ok ? Status::Ok() : Status::BadRequest("Stage name only allows a-zA-Z0-9_");
}

StatusOr<JsonDoc> LoadStage(state::Store& store, std::string_view api_id, std::string_view stage_name) {
  return LoadDoc(store, kind::kStage, api_id, stage_name, InvalidStageId());
}

StatusOr<bool> DeploymentExists(state::Store& store, std::string_view api_id, std::string_view deployment_id) {
  auto raw = store.Get(kind::kDeployment, api_id, deployment_id);
  if (!raw.ok()) return raw.status();
  return raw->has_value();
}

JsonDoc NewStage(std::string_view name, std::string_view deployment_id, int64_t now_s) {
  JsonDoc stage(rapidjson::kObjectType);
  auto& alloc = stage.GetAllocator();
  stage.AddMember("stageName", JsonString(name, alloc), alloc);
  stage.AddMember("deploymentId", JsonString(deployment_id, alloc), alloc);
  stage.AddMember("cacheClusterEnabled", false, alloc);
  stage.AddMember("cacheClusterStatus", "NOT_AVAILABLE", alloc);
  stage.AddMember("methodSettings", JsonValue(rapidjson::kObjectType), alloc);
  stage.AddMember("tracingEnabled", false, alloc);
  stage.AddMember("createdDate", now_s, alloc);
  stage.AddMember("lastUpdatedDate", now_s, alloc);
  return stage;
}

void SetCacheCluster(JsonDoc& stage, std::optional<bool> enabled, std::optional<std::string> size) {
  auto& alloc = stage.GetAllocator();
  if (size) SetString(stage, "cacheClusterSize", *size, alloc);
  if (!enabled) return;
  SetMember(stage, "cacheClusterEnabled", JsonValue(*enabled), alloc);
  // The emulator has no cluster to wait for: it is available at once.
  SetString(stage, "cacheClusterStatus", *enabled ? "AVAILABLE" : "NOT_AVAILABLE", alloc);
  if (*enabled && !Member(stage, "cacheClusterSize")) SetString(stage, "cacheClusterSize", "0.5", alloc);
}

void SetVariables(JsonDoc& stage, const JsonValue& variables) {
  if (!variables.IsObject() || variables.MemberCount() == 0) {
    RemoveMember(stage, "variables");
    return;
  }
  SetMember(stage, "variables", JsonValue(variables, stage.GetAllocator()), stage.GetAllocator());
}

Status CheckStageVariable(std::string_view name, const std::optional<std::string>& value) {
  auto word = [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; };
  if (name.empty() || !std::all_of(name.begin(), name.end(), word))
    return Status::BadRequest("Invalid stage variable name: " + std::string(name) +
                              ".  Please use names with only word characters.");
  auto allowed = [](unsigned char c) {
    return std::isalnum(c) != 0 || std::string_view(" -._~:/?#&=,").find(char(c)) != std::string_view::npos;
  };
  if (!value || value->empty() || !std::all_of(value->begin(), value->end(), allowed))
    return Status::BadRequest("Invalid stage variable value: " + (value ? *value : std::string("null")) +
                              ".  Please use values with alphanumeric characters and the symbols ' ', -', '.', "
                              "'_', ':', '/', '?', '&', '=', and ','.");
  return Status::Ok();
}

Status CheckStageVariables(const JsonValue* variables) {
  if (!variables || !variables->IsObject()) return Status::Ok();
  for (auto it = variables->MemberBegin(); it != variables->MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    std::optional<std::string> value;
    if (it->value.IsString()) value = std::string(it->value.GetString(), it->value.GetStringLength());
    APIGW_RETURN_IF_ERROR(CheckStageVariable(name, value));
  }
  return Status::Ok();
}

void SetOptionalString(JsonDoc& stage, std::string_view name, const std::optional<std::string>& value) {
  if (!value || value->empty()) {
    RemoveMember(stage, name);
    return;
  }
  SetString(stage, name, *value, stage.GetAllocator());
}

JsonValue CanaryWithDefaults(const JsonValue* given, std::string_view deployment_id, JsonAlloc& alloc) {
  JsonValue canary(rapidjson::kObjectType);
  canary.AddMember("deploymentId", JsonString(deployment_id, alloc), alloc);
  canary.AddMember("percentTraffic", 0.0, alloc);
  canary.AddMember("useStageCache", false, alloc);
  if (given && given->IsObject()) {
    for (auto it = given->MemberBegin(); it != given->MemberEnd(); ++it) {
      std::string_view name(it->name.GetString(), it->name.GetStringLength());
      JsonValue value(it->value, alloc);
      // percentTraffic is a double on the wire even when given as 50.
      if (name == "percentTraffic" && value.IsNumber()) value.SetDouble(value.GetDouble());
      SetMember(canary, name, std::move(value), alloc);
    }
  }
  return canary;
}

bool StageUsesDeployment(const JsonValue& stage, std::string_view deployment_id) {
  if (GetString(stage, "deploymentId") == std::optional<std::string>(std::string(deployment_id))) return true;
  const JsonValue* canary = Member(stage, "canarySettings");
  return canary && GetString(*canary, "deploymentId") == std::optional<std::string>(std::string(deployment_id));
}

}  // namespace apigw::cp::apigateway
