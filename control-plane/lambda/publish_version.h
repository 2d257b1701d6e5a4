// Publishing a version: shared by PublishVersion and the Publish flag of
// CreateFunction and UpdateFunctionCode.
#pragma once

#include <string>

#include "base/json.h"
#include "base/status_or.h"
#include "control-plane/lambda/lambda_service.h"
#include "state/store.h"

namespace apigw::cp::lambda {

// Adds version n+1 of the function in `function_record` (a snapshot of its
// $LATEST, with `description` when not empty) to `batch`, and updates the
// record's counters; returns the version's configuration. When $LATEST has
// not changed since the last published version, that version is returned
// and nothing is added, as AWS does.
StatusOr<JsonDoc> NewVersion(LambdaDeps& deps, const CallContext& ctx, JsonDoc& function_record,
                             const std::string& description, state::WriteBatch& batch);

}  // namespace apigw::cp::lambda
