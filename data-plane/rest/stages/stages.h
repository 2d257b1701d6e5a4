// The stages of a REST invocation, one file each. Their order is written once,
// in rest/pipeline.cc. A stage reads and writes the Invocation and says how the
// pipeline goes on.
#pragma once

#include <memory>

#include "data-plane/rest/invocation.h"

namespace apigw::dp {

enum class StageResult {
  kContinue,  // run the next stage
  kStop,      // answer now: inv.error is set (or the response is complete)
  kAsync,     // the stage finishes later and then calls RunRestPipeline(inv)
};

using StageFn = StageResult (*)(const std::shared_ptr<Invocation>& inv);

// route_match.cc: the resource and method for the request, or MISSING_AUTHENTICATION_TOKEN.
StageResult MatchRoute(const std::shared_ptr<Invocation>& inv);
// authorize.cc: a CUSTOM method's Lambda authorizer -> inv.context.authorizer,
// or UNAUTHORIZED / ACCESS_DENIED / AUTHORIZER_CONFIGURATION_ERROR.
StageResult Authorize(const std::shared_ptr<Invocation>& inv);
// request_mapping.cc: parameter mappings and request templates -> inv.integration_request.
StageResult MapRequest(const std::shared_ptr<Invocation>& inv);
// integration.cc: calls the integration -> inv.endpoint.
StageResult Integrate(const std::shared_ptr<Invocation>& inv);
// response_mapping.cc: integration response selection and mapping -> inv.response.
StageResult MapResponse(const std::shared_ptr<Invocation>& inv);

}  // namespace apigw::dp
