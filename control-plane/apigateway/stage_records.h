// Stage documents: AWS's shape and defaults for a new stage, the fields that
// CreateStage and CreateDeployment(stageName) both set, and look-ups with
// AWS's messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status_or.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

Status InvalidStageId();         // 404 "Invalid Stage identifier specified"
Status InvalidDeploymentId();    // 404 "Invalid Deployment identifier specified"
Status DeploymentIdDoesNotExist();  // 400 "Deployment id does not exist"

// Stage names: letters, digits, '-' and '_', at most 128 characters.
Status ValidateStageName(std::string_view name);

// The stage, or InvalidStageId.
StatusOr<JsonDoc> LoadStage(state::Store& store, std::string_view api_id, std::string_view stage_name);
StatusOr<bool> DeploymentExists(state::Store& store, std::string_view api_id, std::string_view deployment_id);

// A stage as AWS creates it: no cache cluster, no tracing, no method settings.
JsonDoc NewStage(std::string_view name, std::string_view deployment_id, int64_t now_s);

// Cache cluster fields; enabling without a size gives AWS's default size 0.5.
void SetCacheCluster(JsonDoc& stage, std::optional<bool> enabled, std::optional<std::string> size);
// Replaces the stage variables; an empty map leaves no "variables" member, as AWS answers.
void SetVariables(JsonDoc& stage, const JsonValue& variables);
// AWS's rules for stage variables, with its 400 messages: a name of word
// characters only ("Invalid stage variable name: NAME.  Please use names with
// only word characters."), a non-empty value of letters, digits, space and
// -._~:/?#&=, ("Invalid stage variable value: VALUE.  Please use values with
// ..."; a missing value reads "null").
Status CheckStageVariable(std::string_view name, const std::optional<std::string>& value);
// Every member of a `variables` map given to CreateStage or CreateDeployment.
Status CheckStageVariables(const JsonValue* variables);
// Sets a string member, or removes it when `value` is empty or absent.
void SetOptionalString(JsonDoc& stage, std::string_view name, const std::optional<std::string>& value);

// CanarySettings as AWS stores them: the given members over the defaults
// {deploymentId: `deployment_id`, percentTraffic: 0.0, useStageCache: false}.
JsonValue CanaryWithDefaults(const JsonValue* given, std::string_view deployment_id, JsonAlloc& alloc);

// True when a stage points at the deployment, as its own or as its canary's.
bool StageUsesDeployment(const JsonValue& stage, std::string_view deployment_id);

}  // namespace apigw::cp::apigateway
