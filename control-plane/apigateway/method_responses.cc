// The method response family: PutMethodResponse, GetMethodResponse,
// UpdateMethodResponse and DeleteMethodResponse. Method responses live in
// their Method's "methodResponses", keyed by status code.
#include <string>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/map_patch.h"
#include "control-plane/apigateway/method_record.h"
#include "control-plane/apigateway/method_references.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

// The method response of the input's statusCode, or nullptr.
JsonValue* FindMethodResponse(JsonValue& method, const std::string& status_code) {
  JsonValue* responses = MutableMember(method, "methodResponses");
  JsonValue* r = responses ? MutableMember(*responses, status_code) : nullptr;
  return r && r->IsObject() ? r : nullptr;
}

OperationResult PutMethodResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  const std::string status_code = GetString(input, "statusCode").value_or("");
  JsonValue& method = *record->method();
  if (FindMethodResponse(method, status_code)) return Status::Conflict("Response already exists for this resource");
  const JsonValue* models = Member(input, "responseModels");
  APIGW_RETURN_IF_ERROR(CheckModelsExist(deps.store, record->api_id(), models));

  JsonAlloc& a = record->allocator();
  JsonValue response(rapidjson::kObjectType);
  SetString(response, "statusCode", status_code, a);
  // Maps given empty stay empty ({}), as AWS answers them.
  if (const JsonValue* p = Member(input, "responseParameters"); p && p->IsObject())
    SetMember(response, "responseParameters", JsonValue(*p, a), a);
  if (models && models->IsObject()) SetMember(response, "responseModels", JsonValue(*models, a), a);
  JsonValue& responses = ObjectMember(method, "methodResponses", a);
  SetMember(responses, status_code, std::move(response), a);
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return CopyDoc(*FindMethodResponse(method, status_code));
}

OperationResult GetMethodResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue* response = FindMethodResponse(*record->method(), GetString(input, "statusCode").value_or(""));
  if (!response) return InvalidResponseStatusCode();
  return CopyDoc(*response);
}

OperationResult DeleteMethodResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue& method = *record->method();
  std::string status_code = GetString(input, "statusCode").value_or("");
  if (!FindMethodResponse(method, status_code)) return InvalidResponseStatusCode();
  RemoveMember(*MutableMember(method, "methodResponses"), status_code);
  RemoveIfEmpty(method, "methodResponses");
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return JsonDoc(rapidjson::kObjectType);
}

// Only entries of the two maps can be patched: "/responseParameters/<name>"
// (value "true"/"false") and "/responseModels/<escaped content type>"; a
// replace or remove of an absent entry is NotFoundException, as recorded.
PatchRules MethodResponsePatchRules(ApigatewayDeps& deps, const std::string& api_id) {
  const PatchOps map_ops = {PatchOp::kAdd, PatchOp::kRemove, PatchOp::kReplace};
  PatchRules r(PatchRules::ErrorStyle::kPlain);
  r.Custom("/responseParameters/{name}", map_ops, [](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
    static const Status kMissing = Status::NotFound("Invalid parameter name specified");
    return PatchMapEntry(response, "responseParameters", m.Var("name"), *m.operation,
                         JsonValue(PatchBool(*m.operation)), a, &kMissing);
  });
  r.Custom("/responseModels/{type}", map_ops, [&deps, api_id](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
    static const Status kMissing = Status::NotFound("Content-Type specified was not found");
    const std::string model = m.operation->value.value_or("");
    if (m.operation->op != PatchOp::kRemove) APIGW_RETURN_IF_ERROR(CheckModelExists(deps.store, api_id, model));
    return PatchMapEntry(response, "responseModels", m.Var("type"), *m.operation, JsonString(model, a), a, &kMissing);
  });
  return r;
}

OperationResult UpdateMethodResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue* response = FindMethodResponse(*record->method(), GetString(input, "statusCode").value_or(""));
  if (!response) return InvalidResponseStatusCode();
  APIGW_RETURN_IF_ERROR(MethodResponsePatchRules(deps, record->api_id()).Apply(input, *response, record->allocator()));
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return CopyDoc(*response);
}

}  // namespace

void RegisterMethodResponses(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "PutMethodResponse", PutMethodResponse);
  AddHandler(table, deps, "GetMethodResponse", GetMethodResponse);
  AddHandler(table, deps, "UpdateMethodResponse", UpdateMethodResponse);
  AddHandler(table, deps, "DeleteMethodResponse", DeleteMethodResponse);
}

}  // namespace apigw::cp::apigateway
