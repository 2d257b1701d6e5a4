// Publishing a version: shared by PublishVersion and the Publish flag of
// CreateFunction and UpdateFunctionCode.
#pragma once

#include <string>

#include "base/json.h"
#include "base/status_or.h"
#include "control-plane/lambda/lambda_service.h"
#include "state/store.h"

namespace apigw::cp::lambda {

// The configuration without what changes when nothing that a version holds
// changed (RevisionId, LastModified, states): equal fingerprints, nothing to publish.
std::string ConfigurationFingerprint(const JsonValue& config);

// Adds version n+1 of the function in `function_record` (a snapshot of its
// $LATEST, with `description` when not empty) to `batch`, and updates the
// record's counters and the RevisionId of its $LATEST; returns the version's
// configuration. When the code and configuration of $LATEST have not changed
// since the last published version, that version is returned and nothing is
// added, as AWS does.
StatusOr<JsonDoc> NewVersion(LambdaDeps& deps, const CallContext& ctx, JsonDoc& function_record,
                             const std::string& description, state::WriteBatch& batch);

}  // namespace apigw::cp::lambda
