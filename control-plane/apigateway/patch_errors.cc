// AWS's wording for rejected patch operations of the REST API family.
#include "control-plane/apigateway/patch_errors.h"

#include <string>

#include "base/text.h"

namespace apigw::cp::apigateway {

std::string_view PatchPathText(const PatchOperation& op) {
  return op.path ? std::string_view(*op.path) : std::string_view("null");
}

Status PatchPathNotOneOf(const PatchOperation& op, std::string_view allowed) {
  return Status::BadRequest("Invalid patch path  '" + std::string(PatchPathText(op)) + "' specified for op '" +
                            PatchOpName(op.op) + "'. Must be one of: [" + std::string(allowed) + "]");
}

Status PatchOpUnsupportedForPath(const PatchOperation& op) {
  return Status::BadRequest("Invalid patch path  '" + std::string(PatchPathText(op)) + "' specified for op '" +
                            PatchOpName(op.op) + "'. Please choose supported operations");
}

Status InvalidPatchPath(const PatchOperation& op) {
  return Status::BadRequest("Invalid patch path " + std::string(PatchPathText(op)));
}

Status PatchOpNotOneOf(std::string_view allowed) {
  return Status::BadRequest("Invalid patch operation specified. Must be one of: [" + std::string(allowed) + "]");
}

bool PatchBool(const PatchOperation& op) { return op.value && EqualsIgnoreCase(*op.value, "true"); }

}  // namespace apigw::cp::apigateway
