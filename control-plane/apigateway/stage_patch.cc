// UpdateStage's patch operations, with AWS's paths, effects and messages.
#include "control-plane/apigateway/stage_patch.h"

#include <optional>
#include <string>

#include "base/text.h"
#include "control-plane/apigateway/method_settings.h"
#include "control-plane/apigateway/stage_records.h"

namespace apigw::cp::apigateway {
namespace {

// AWS's list, verbatim: a few separators are missing in the original.
constexpr std::string_view kValidPaths =
    "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, "
    "/accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, "
    "/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, "
    "/{resourcePath}/{httpMethod}/logging/loglevel, "
    "/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit"
    "/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, "
    "/{resourcePath}/{httpMethod}/caching/dataEncrypted, "
    "/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, "
    "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, "
    "/*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit "
    "/*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, "
    "/*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, "
    "/variables/{variable_name}, /tracingEnabled]";

constexpr std::string_view kVariablesPrefix = "/variables/";
constexpr std::string_view kAccessLogPrefix = "/accessLogSettings/";
constexpr std::string_view kCacheClusterSizes[] = {"0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"};

// One operation with its path as AWS prints it ("null" when absent, as in
// Java); "null" matches no rule.
struct StageOp {
  std::string op, path;
  std::optional<std::string> value, from;
};

Status InvalidPath(const std::string& path) {
  return Status::BadRequest("Invalid method setting path: " + path + ". Must be one of: " + std::string(kValidPaths));
}

// AWS reads the path of a refused removal as a method-setting key.
Status CannotRemove(std::string_view op, std::string_view path) {
  while (StartsWith(path, "/")) path.remove_prefix(1);
  while (EndsWith(path, "/")) path.remove_suffix(1);
  return Status::BadRequest("Cannot " + std::string(op) + " method setting " + std::string(path) +
                            " because there is no method setting for this method ");
}

JsonValue& MethodSettings(JsonDoc& stage) {
  if (!MutableMember(stage, "methodSettings") || !stage["methodSettings"].IsObject())
    SetMember(stage, "methodSettings", JsonValue(rapidjson::kObjectType), stage.GetAllocator());
  return *MutableMember(stage, "methodSettings");
}

JsonValue& ObjectMember(JsonValue& parent, std::string_view name, JsonAlloc& alloc) {
  JsonValue* v = MutableMember(parent, name);
  if (!v || !v->IsObject()) SetMember(parent, name, JsonValue(rapidjson::kObjectType), alloc);
  return *MutableMember(parent, name);
}

Status ApplyCopy(JsonDoc& stage, const StageOp& p) {
  std::string from = p.from.value_or("");
  bool path_ok = p.path == "/deploymentId" || p.path == "/variables";
  bool from_ok = from == "/canarySettings/deploymentId" || from == "/canarySettings/stageVariableOverrides";
  if (!path_ok || !from_ok) {
    return Status::BadRequest("Invalid copy operation with path: " + p.path + " and from " + from +
                              ". Valid copy:path are [/deploymentId, /variables] and valid copy:from are "
                              "[/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]");
  }
  const JsonValue* canary = Member(stage, "canarySettings");
  if (!canary || !canary->IsObject()) return Status::BadRequest("Promotion not available. Canary does not exist.");
  auto& alloc = stage.GetAllocator();
  if (p.path == "/deploymentId") {
    if (std::optional<std::string> id = GetString(*canary, "deploymentId")) SetString(stage, "deploymentId", *id, alloc);
    return Status::Ok();
  }
  // Promoting the overrides merges them into the stage variables.
  const JsonValue* overrides = Member(*canary, "stageVariableOverrides");
  if (!overrides || !overrides->IsObject() || overrides->MemberCount() == 0) return Status::Ok();
  JsonValue merged(rapidjson::kObjectType);
  if (const JsonValue* vars = Member(stage, "variables"); vars && vars->IsObject()) merged.CopyFrom(*vars, alloc);
  for (auto it = overrides->MemberBegin(); it != overrides->MemberEnd(); ++it)
    SetMember(merged, std::string_view(it->name.GetString(), it->name.GetStringLength()), JsonValue(it->value, alloc),
              alloc);
  SetVariables(stage, merged);
  return Status::Ok();
}

Status ApplyCanary(JsonDoc& stage, const StageOp& p, const DeploymentLookup& deployment_exists) {
  constexpr std::string_view kOverrides = "/canarySettings/stageVariableOverrides/";
  bool known = p.path == "/canarySettings/percentTraffic" || p.path == "/canarySettings/deploymentId" ||
               p.path == "/canarySettings/useStageCache" ||
               (StartsWith(p.path, kOverrides) && p.path.size() > kOverrides.size());
  auto& alloc = stage.GetAllocator();
  if (p.op == "remove" && p.path == "/canarySettings") {
    RemoveMember(stage, "canarySettings");
    return Status::Ok();
  }
  if (p.op != "replace") {
    if (known) return Status::BadRequest("Invalid " + p.op + " operation with path: " + p.path);
    return CannotRemove(p.op, p.path);
  }
  if (!known) return InvalidPath(p.path);
  std::string value = p.value.value_or("");
  if (p.path == "/canarySettings/deploymentId") {
    auto exists = deployment_exists(value);
    if (!exists.ok()) return exists.status();
    if (!*exists) return DeploymentIdDoesNotExist();
  }
  // Any canary field set on a stage without a canary creates one with AWS's defaults.
  if (!Member(stage, "canarySettings")) {
    JsonValue canary = CanaryWithDefaults(nullptr, GetString(stage, "deploymentId").value_or(""), alloc);
    SetMember(stage, "canarySettings", std::move(canary), alloc);
  }
  JsonValue& canary = *MutableMember(stage, "canarySettings");
  if (p.path == "/canarySettings/deploymentId") {
    SetString(canary, "deploymentId", value, alloc);
  } else if (p.path == "/canarySettings/useStageCache") {
    SetMember(canary, "useStageCache", JsonValue(EqualsIgnoreCase(value, "true")), alloc);
  } else if (p.path == "/canarySettings/percentTraffic") {
    char* end = nullptr;
    double percent = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(percent >= 0.0 && percent <= 100.0))
      return Status::BadRequest("Canary weight must be a number between 0.0 and 100.0");
    SetMember(canary, "percentTraffic", JsonValue(percent), alloc);
  } else {
    std::string name = p.path.substr(kOverrides.size());
    SetString(ObjectMember(canary, "stageVariableOverrides", alloc), name, value, alloc);
  }
  return Status::Ok();
}

Status ApplyAccessLog(JsonDoc& stage, const StageOp& p) {
  if (p.op == "remove") {
    if (p.path != "/accessLogSettings") return CannotRemove(p.op, p.path);
    RemoveMember(stage, "accessLogSettings");
    return Status::Ok();
  }
  if (p.path != "/accessLogSettings/destinationArn" && p.path != "/accessLogSettings/format") {
    return Status::BadRequest(
        "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, "
        "/accessLogSettings/format]");
  }
  if (!p.value || p.value->empty()) return Status::BadRequest("Access Log value must not be empty");
  auto& alloc = stage.GetAllocator();
  SetString(ObjectMember(stage, "accessLogSettings", alloc), p.path.substr(kAccessLogPrefix.size()), *p.value,
            alloc);
  return Status::Ok();
}

Status ApplyRemove(JsonDoc& stage, const StageOp& p) {
  auto& alloc = stage.GetAllocator();
  if (StartsWith(p.path, kVariablesPrefix) && p.path.size() > kVariablesPrefix.size()) {
    std::string name = p.path.substr(kVariablesPrefix.size());
    if (JsonValue* vars = MutableMember(stage, "variables")) {
      RemoveMember(*vars, name);
      if (vars->IsObject() && vars->MemberCount() == 0) RemoveMember(stage, "variables");
    }
    return Status::Ok();
  }
  if (p.path == "/description" || p.path == "/clientCertificateId" || p.path == "/documentationVersion") {
    RemoveMember(stage, p.path.substr(1));
    return Status::Ok();
  }
  JsonValue& settings = MethodSettings(stage);
  if (std::optional<MethodSettingPath> setting = ParseMethodSettingPath(p.path)) {
    if (!ResetMethodSetting(settings, *setting, alloc)) return CannotRemove(p.op, p.path);
    return Status::Ok();
  }
  std::string_view key = p.path;
  while (StartsWith(key, "/")) key.remove_prefix(1);
  while (EndsWith(key, "/")) key.remove_suffix(1);
  if (!RemoveMember(settings, key)) return CannotRemove(p.op, p.path);
  return Status::Ok();
}

Status ApplySet(JsonDoc& stage, const StageOp& p, const DeploymentLookup& deployment_exists) {
  auto& alloc = stage.GetAllocator();
  std::string value = p.value.value_or("");
  if (p.path == "/deploymentId") {
    auto exists = deployment_exists(value);
    if (!exists.ok()) return exists.status();
    if (!*exists) return DeploymentIdDoesNotExist();
    SetString(stage, "deploymentId", value, alloc);
  } else if (p.path == "/description" || p.path == "/clientCertificateId" || p.path == "/documentationVersion") {
    // documentationVersion is missing from AWS's list of stage paths, yet
    // Terraform's aws_api_gateway_stage changes it with this very path.
    SetOptionalString(stage, p.path.substr(1), value);
  } else if (p.path == "/tracingEnabled") {
    SetMember(stage, "tracingEnabled", JsonValue(EqualsIgnoreCase(value, "true")), alloc);
  } else if (p.path == "/cacheClusterEnabled") {
    SetCacheCluster(stage, EqualsIgnoreCase(value, "true"), std::nullopt);
  } else if (p.path == "/cacheClusterSize") {
    bool valid = false;
    for (std::string_view size : kCacheClusterSizes) valid = valid || size == value;
    if (!valid) return Status::BadRequest("Invalid cache cluster size specified: " + value);
    SetCacheCluster(stage, std::nullopt, value);
  } else if (StartsWith(p.path, kVariablesPrefix) && p.path.size() > kVariablesPrefix.size()) {
    std::string name = p.path.substr(kVariablesPrefix.size());
    if (name.find('/') != std::string::npos) return InvalidPath(p.path);
    APIGW_RETURN_IF_ERROR(CheckStageVariable(name, p.value));
    SetString(ObjectMember(stage, "variables", alloc), name, value, alloc);
  } else if (std::optional<MethodSettingPath> setting = ParseMethodSettingPath(p.path)) {
    return SetMethodSetting(MethodSettings(stage), *setting, value, alloc);
  } else {
    return InvalidPath(p.path);
  }
  return Status::Ok();
}

Status ApplyOne(JsonDoc& stage, const StageOp& p, const DeploymentLookup& deployment_exists) {
  if (p.op == "copy") return ApplyCopy(stage, p);
  if (p.op != "add" && p.op != "replace" && p.op != "remove")
    return Status::BadRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'|'copy'");
  if (p.path == "/canarySettings" || StartsWith(p.path, "/canarySettings/"))
    return ApplyCanary(stage, p, deployment_exists);
  if (p.path == "/accessLogSettings" || StartsWith(p.path, "/accessLogSettings/")) return ApplyAccessLog(stage, p);
  if (p.op == "remove") return ApplyRemove(stage, p);
  return ApplySet(stage, p, deployment_exists);
}

}  // namespace

Status ApplyStagePatch(JsonDoc& stage, const std::vector<PatchOperation>& operations,
                       const DeploymentLookup& deployment_exists) {
  for (const PatchOperation& operation : operations) {
    StageOp p{PatchOpName(operation.op), operation.path.value_or("null"), operation.value, operation.from};
    APIGW_RETURN_IF_ERROR(ApplyOne(stage, p, deployment_exists));
  }
  return Status::Ok();
}

}  // namespace apigw::cp::apigateway
