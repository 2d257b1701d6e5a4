// AWS's wording for rejected patch operations of the REST API family. The
// families answer differently (each wording below was recorded against AWS),
// so every handler picks the one its family uses.
#pragma once

#include <string_view>

#include "base/status.h"
#include "control-plane/protocol/patch_operation.h"

namespace apigw::cp::apigateway {

// The path as AWS prints it: a missing path reads "null", as in Java.
std::string_view PatchPathText(const PatchOperation& op);

// "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of:
// [/parentId, /pathPart]" (the double space is AWS's). `allowed` is the list
// without brackets.
Status PatchPathNotOneOf(const PatchOperation& op, std::string_view allowed);
// "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations"
Status PatchOpUnsupportedForPath(const PatchOperation& op);
// "Invalid patch path /binaryMediaTypes"
Status InvalidPatchPath(const PatchOperation& op);
// "Invalid patch operation specified. Must be one of: [replace]"; `allowed` without brackets.
Status PatchOpNotOneOf(std::string_view allowed);

// Java's Boolean.parseBoolean, which AWS applies to boolean patch values:
// "true" in any case is true, anything else (even "whatever") is false.
bool PatchBool(const PatchOperation& op);

}  // namespace apigw::cp::apigateway
