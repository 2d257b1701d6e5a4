// StagePublisher: tells the data plane what each stage of a REST API serves,
// after the write that changed it has committed.
//
// Call these only after store.Apply(...) returned OK, from the handler that
// made the change: CreateStage/UpdateStage/DeleteStage, CreateDeployment with
// a stageName, DeleteRestApi. A stage serves the frozen deployment snapshot it
// names (kind deploymentsnapshot), never the live API records, so later edits
// of resources or methods change nothing until a new deployment is made.
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status_or.h"
#include "control-plane/apigateway/apigateway_service.h"
#include "control-plane/protocol/operation.h"
#include "deployment/published_stage.h"

namespace apigw::cp::apigateway {

// Builds what the data plane serves for `stage` (a stored Stage document of
// REST API `api_id` in `region`): its deployment snapshot, parsed once and
// shared, and a copy of the stage document.
StatusOr<PublishedStage> BuildPublishedStage(state::Store& store, std::string_view region,
                                             std::string_view account_id, std::string_view api_id,
                                             const JsonValue& stage);

// Publishes `stage` (as just committed) to deps.sink. A failure to build it is
// logged, not returned: the write it follows has already committed.
void PublishStage(ApigatewayDeps& deps, const CallContext& ctx, std::string_view api_id, const JsonValue& stage);

// The stage `stage_name` of `api_id` no longer exists (DeleteStage).
void UnpublishStage(ApigatewayDeps& deps, std::string_view api_id, std::string_view stage_name);

// Every stage of `api_id` goes away (DeleteRestApi, after its commit).
void UnpublishApi(ApigatewayDeps& deps, std::string_view api_id);

}  // namespace apigw::cp::apigateway
