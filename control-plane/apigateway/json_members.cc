// Shared JSON edits of the REST API handlers.
#include "control-plane/apigateway/json_members.h"

namespace apigw::cp::apigateway {

JsonValue& ObjectMember(JsonValue& object, std::string_view name, JsonAlloc& alloc) {
  JsonValue* v = MutableMember(object, name);
  if (!v || !v->IsObject()) {
    SetMember(object, name, JsonValue(rapidjson::kObjectType), alloc);
    v = MutableMember(object, name);
  }
  return *v;
}

void RemoveIfEmpty(JsonValue& object, std::string_view name) {
  const JsonValue* v = Member(object, name);
  if (v && v->IsObject() && v->MemberCount() == 0) RemoveMember(object, name);
}

}  // namespace apigw::cp::apigateway
