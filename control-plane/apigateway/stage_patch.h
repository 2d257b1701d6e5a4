// UpdateStage's patch operations: which paths a stage accepts, what each op
// does to the Stage document, and AWS's exact messages when one is refused.
//
//   /deploymentId /description /cacheClusterEnabled /cacheClusterSize
//   /clientCertificateId /tracingEnabled          add|replace (remove clears)
//   /variables/{name}                             add|replace|remove
//   /{resourcePath}/{httpMethod}/{group}/{name}   method settings, created from
//   /*/*/{group}/{name}                           "*/*" (or AWS's defaults)
//   /{resourcePath}/{httpMethod}, /*/*            remove the whole setting
//   /accessLogSettings[/destinationArn|/format]   add|replace; remove the root
//   /canarySettings[/percentTraffic|/deploymentId|/useStageCache|
//                   /stageVariableOverrides/{name}]  replace; remove the root
//   copy from /canarySettings/{deploymentId|stageVariableOverrides}
//        to /deploymentId or /variables           promotes the canary
//
// Method-setting keys are kept as written, without the leading '/' and the
// two setting segments ("test/GET", "*/*", "~1pets/GET").
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status_or.h"
#include "control-plane/protocol/patch_operation.h"

namespace apigw::cp::apigateway {

// Answers whether a deployment id exists in the stage's API.
using DeploymentLookup = std::function<StatusOr<bool>(std::string_view deployment_id)>;

// Applies `operations` in order to `stage`; on error `stage` is partly
// changed and must be thrown away.
Status ApplyStagePatch(JsonDoc& stage, const std::vector<PatchOperation>& operations,
                       const DeploymentLookup& deployment_exists);

}  // namespace apigw::cp::apigateway
