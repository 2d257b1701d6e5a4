// Patch operations on map entries.
#include "control-plane/apigateway/map_patch.h"

#include "base/text.h"
#include "control-plane/apigateway/json_members.h"

namespace apigw::cp::apigateway {

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

bool PatchBool(const PatchOperation& op) { return op.value && EqualsIgnoreCase(*op.value, "true"); }

}  // namespace apigw::cp::apigateway
