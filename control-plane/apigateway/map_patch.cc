// Patch operations on map entries.
#include "control-plane/apigateway/map_patch.h"

#include <vector>

#include "control-plane/apigateway/method_record.h"

namespace apigw::cp::apigateway {

std::string PatchMapKey(std::string_view path) {
  std::vector<std::string> tokens = SplitPatchPath(path);
  return tokens.empty() ? std::string() : tokens.back();
}

Status PatchMapEntry(JsonValue& owner, std::string_view member, const std::string& key, const PatchOperation& op,
                     JsonValue value, JsonAlloc& alloc, const Status* missing) {
  JsonValue* map = MutableMember(owner, member);
  const bool present = map && map->IsObject() && Member(*map, key);
  if (missing && !present && (op.op == PatchOp::kReplace || op.op == PatchOp::kRemove)) return *missing;
  if (op.op == PatchOp::kRemove) {
    if (present) {
      RemoveMember(*map, key);
      RemoveIfEmpty(owner, member);
    }
    return Status::Ok();
  }
  SetMember(ObjectMember(owner, member, alloc), key, std::move(value), alloc);
  return Status::Ok();
}

}  // namespace apigw::cp::apigateway
