// What the method families' patch rules share: edits of one entry of a map
// member, as UpdateMethod, UpdateMethodResponse, UpdateIntegration and
// UpdateIntegrationResponse make them ("/requestParameters/<name>",
// "/responseTemplates/application~1json"), and AWS's reading of flags.
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "control-plane/protocol/patch_operation.h"

namespace apigw::cp::apigateway {

// Applies `op` (add, replace or remove) to owner[member][key]: add and replace
// set `value`, remove erases. When `missing` is given, replace and remove of
// a key that is not there answer it (AWS's NotFoundException for method
// responses). A map emptied by a remove is dropped, as AWS omits it.
Status PatchMapEntry(JsonValue& owner, std::string_view member, const std::string& key, const PatchOperation& op,
                     JsonValue value, JsonAlloc& alloc, const Status* missing = nullptr);

// Java's Boolean.parseBoolean, which AWS applies to these flags: "true" in
// any case is true, anything else (even "whatever") is false.
bool PatchBool(const PatchOperation& op);

}  // namespace apigw::cp::apigateway
