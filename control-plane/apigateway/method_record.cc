// MethodRecord: a method inside its resource document.
#include "control-plane/apigateway/method_record.h"

#include "control-plane/apigateway/rest_records.h"

namespace apigw::cp::apigateway {

StatusOr<MethodRecord> MethodRecord::Load(state::Store& store, const CallContext& ctx, const JsonValue& input) {
  MethodRecord r;
  r.api_id_ = GetString(input, "restApiId").value_or("");
  r.resource_id_ = GetString(input, "resourceId").value_or("");
  r.http_method_ = GetString(input, "httpMethod").value_or("");
  auto resource = LoadResource(store, ctx, r.api_id_, r.resource_id_);
  if (!resource.ok()) return resource.status();
  r.resource_ = std::move(resource).value();
  return r;
}

StatusOr<MethodRecord> MethodRecord::LoadExisting(state::Store& store, const CallContext& ctx, const JsonValue& input,
                                                  const Status& missing) {
  auto r = Load(store, ctx, input);
  if (!r.ok()) return r.status();
  if (!r->method()) return missing;
  return r;
}

JsonValue* MethodRecord::method() {
  JsonValue* methods = MutableMember(resource_, "resourceMethods");
  if (!methods) return nullptr;
  JsonValue* m = MutableMember(*methods, http_method_);
  return m && m->IsObject() ? m : nullptr;
}

JsonValue* MethodRecord::integration() {
  JsonValue* m = method();
  JsonValue* i = m ? MutableMember(*m, "methodIntegration") : nullptr;
  return i && i->IsObject() ? i : nullptr;
}

JsonValue& MethodRecord::SetMethod(JsonValue method) {
  JsonValue& methods = ObjectMember(resource_, "resourceMethods", allocator());
  SetMember(methods, http_method_, std::move(method), allocator());
  return *MutableMember(methods, http_method_);
}

void MethodRecord::RemoveMethod() {
  if (JsonValue* methods = MutableMember(resource_, "resourceMethods")) {
    RemoveMember(*methods, http_method_);
    RemoveIfEmpty(resource_, "resourceMethods");
  }
}

Status MethodRecord::Save(state::Store& store) const {
  return store.Put(kind::kResource, api_id_, resource_id_, ToJson(resource_));
}

}  // namespace apigw::cp::apigateway
