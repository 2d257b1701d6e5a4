// FunctionConfiguration documents: built from CreateFunction's input, changed
// by UpdateFunctionConfiguration, and the views AWS answers with right after a
// change (State Pending / LastUpdateStatus InProgress) and in lists.
#pragma once

#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/json.h"
#include "base/status_or.h"
#include "control-plane/protocol/operation.h"
#include "lambda/function_host.h"

namespace apigw::cp::lambda {

// "2024-01-01T00:00:00.000+0000", Lambda's LastModified format.
std::string LastModified(int64_t epoch_ms);
// "arn:aws:lambda:<region>::runtime:<64 hex>", stable per runtime.
std::string RuntimeVersionArn(std::string_view region, std::string_view runtime);

// The $LATEST configuration of a new function (State Active, as it is stored).
// Validates what the model cannot: runtime, handler, environment.
StatusOr<JsonDoc> NewConfiguration(const CallContext& ctx, const JsonValue& input, const std::string& name,
                                   const apigw::lambda::CodeInfo& code, IdSource& ids);

// Applies UpdateFunctionConfiguration's members to `config` (a fresh RevisionId included).
Status UpdateConfiguration(const CallContext& ctx, const JsonValue& input, JsonDoc& config, IdSource& ids);

// Checks Environment.Variables: no reserved keys, at most 4 KB as AWS measures it.
Status CheckEnvironment(const JsonValue* environment);

// The answer to CreateFunction: State Pending with its reason. On AWS the
// RevisionId changes again when the function turns Active (recorded:
// test_function_revisions_basic), so the answer carries `revision`, which
// the stored (already Active) configuration does not; empty keeps the
// configuration's own (a version published by UpdateFunctionCode keeps its
// revision when it turns Active: test_publish_with_update).
JsonDoc CreatingView(const JsonValue& config, const std::string& revision = "");
// The answer to an update: LastUpdateStatus InProgress with its reason, and
// a RevisionId the stored configuration does not carry (it changes again
// when the update completes).
JsonDoc UpdatingView(const JsonValue& config, const std::string& revision);
// An item of ListFunctions / ListVersionsByFunction (no state members).
JsonDoc ListView(const JsonValue& config, const JsonValue* arn_override = nullptr);

}  // namespace apigw::cp::lambda
