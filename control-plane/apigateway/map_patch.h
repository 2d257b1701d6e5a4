// Patch operations on one entry of a map member, as UpdateMethod,
// UpdateMethodResponse, UpdateIntegration and UpdateIntegrationResponse edit
// "/requestParameters/<name>" or "/responseTemplates/application~1json".
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "control-plane/protocol/patch_operation.h"

namespace apigw::cp::apigateway {

// The map key a path names: its last token, unescaped ("application~1json" ->
// "application/json").
std::string PatchMapKey(std::string_view path);

// Applies `op` (add, replace or remove) to owner[member][key]: add and replace
// set `value`, remove erases. When `missing` is given, replace and remove of
// a key that is not there answer it (AWS's NotFoundException for method
// responses). A map emptied by a remove is dropped, as AWS omits it.
Status PatchMapEntry(JsonValue& owner, std::string_view member, const std::string& key, const PatchOperation& op,
                     JsonValue value, JsonAlloc& alloc, const Status* missing = nullptr);

}  // namespace apigw::cp::apigateway
