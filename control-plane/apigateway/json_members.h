// Small edits of JSON documents the REST API handlers share: nested objects
// created on demand, and maps dropped once emptied (AWS omits them).
#pragma once

#include <string_view>

#include "base/json.h"

namespace apigw::cp::apigateway {

// object[name] as an object, created (empty) when absent or not an object.
JsonValue& ObjectMember(JsonValue& object, std::string_view name, JsonAlloc& alloc);
// Removes object[name] when it is an empty object.
void RemoveIfEmpty(JsonValue& object, std::string_view name);

}  // namespace apigw::cp::apigateway
