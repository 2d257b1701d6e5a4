// The method family: PutMethod, GetMethod, UpdateMethod and DeleteMethod. A
// Method lives inside its resource's document (see rest_records.h).
#include <set>
#include <string>
#include <vector>

#include "base/text.h"
#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/map_patch.h"
#include "control-plane/apigateway/method_record.h"
#include "control-plane/apigateway/method_references.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

bool ValidHttpMethod(std::string_view m) {
  for (std::string_view valid : {"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"})
    if (m == valid) return true;
  return false;
}

// The parameter's name in "method.request.<location>.<name>", or nullopt
// when the key is no method request parameter.
std::optional<std::string> RequestParameterName(std::string_view key) {
  constexpr std::string_view kPrefix = "method.request.";
  if (!StartsWith(key, kPrefix)) return std::nullopt;
  key.remove_prefix(kPrefix.size());
  for (std::string_view location :
       {"path.", "querystring.", "multivaluequerystring.", "header.", "multivalueheader."}) {
    if (StartsWith(key, location) && key.size() > location.size()) return std::string(key.substr(location.size()));
  }
  return std::nullopt;
}

// requestParameters maps "method.request.{path|querystring|header}.<name>"
// to "required"; one name may not appear in two locations.
Status CheckRequestParameters(const JsonValue* params) {
  if (!params || !params->IsObject()) return Status::Ok();
  std::set<std::string> names;
  for (const auto& p : params->GetObject()) {
    std::string key(p.name.GetString(), p.name.GetStringLength());
    std::optional<std::string> name = RequestParameterName(key);
    if (!name) {
      return Status::BadRequest(
          "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping "
          "expression specified: " + key + "]");
    }
    if (!names.insert(*name).second)
      return Status::BadRequest("Parameter names must be unique across querystring, header and path");
  }
  return Status::Ok();
}

OperationResult PutMethod(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::Load(deps.store, ctx, input);
  if (!record.ok()) return record.status();
  const std::string& api_id = record->api_id();
  if (!ValidHttpMethod(record->http_method())) {
    return Status::BadRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
  }
  if (record->method()) return Status::Conflict("Method already exists for this resource");
  // AWS accepts the type in any case ("none") and answers it upper-cased.
  std::string auth_type = ToUpper(GetString(input, "authorizationType").value_or("NONE"));
  const JsonValue* params = Member(input, "requestParameters");
  APIGW_RETURN_IF_ERROR(CheckRequestParameters(params));
  std::optional<std::string> authorizer_id = GetString(input, "authorizerId");
  if (NeedsAuthorizer(auth_type)) APIGW_RETURN_IF_ERROR(CheckAuthorizerExists(deps.store, api_id, authorizer_id));
  std::optional<std::string> validator_id = GetString(input, "requestValidatorId");
  if (validator_id && !validator_id->empty())
    APIGW_RETURN_IF_ERROR(CheckRequestValidatorExists(deps.store, api_id, *validator_id));
  const JsonValue* models = Member(input, "requestModels");
  APIGW_RETURN_IF_ERROR(CheckModelsExist(deps.store, api_id, models));

  JsonAlloc& a = record->allocator();
  JsonValue method(rapidjson::kObjectType);
  SetString(method, "httpMethod", record->http_method(), a);
  SetString(method, "authorizationType", auth_type, a);
  if (NeedsAuthorizer(auth_type)) SetString(method, "authorizerId", *authorizer_id, a);
  SetMember(method, "apiKeyRequired", JsonValue(GetBool(input, "apiKeyRequired").value_or(false)), a);
  if (validator_id && !validator_id->empty()) SetString(method, "requestValidatorId", *validator_id, a);
  if (auto name = GetString(input, "operationName")) SetString(method, "operationName", *name, a);
  if (params && params->IsObject()) SetMember(method, "requestParameters", JsonValue(*params, a), a);
  if (models && models->IsObject()) SetMember(method, "requestModels", JsonValue(*models, a), a);
  if (const JsonValue* scopes = Member(input, "authorizationScopes"); scopes && scopes->IsArray() && !scopes->Empty())
    SetMember(method, "authorizationScopes", JsonValue(*scopes, a), a);
  JsonValue& stored = record->SetMethod(std::move(method));
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return CopyDoc(stored);
}

OperationResult GetMethod(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  return CopyDoc(*record->method());
}

OperationResult DeleteMethod(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  record->RemoveMethod();
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return JsonDoc(rapidjson::kObjectType);
}

// UpdateMethod's paths and the operations each takes (AWS's table, as
// recorded); "/requestModels/application/json" (an unescaped '/') matches none.
// The rules check what the method names against `api_id`'s records and note
// in `touched_authorization` whether the authorizer must be re-checked.
PatchRules MethodPatchRules(ApigatewayDeps& deps, const std::string& api_id, bool& touched_authorization) {
  const PatchOps add_remove = {PatchOp::kAdd, PatchOp::kRemove};
  const PatchOps map_ops = {PatchOp::kAdd, PatchOp::kRemove, PatchOp::kReplace};
  const PatchOps replace = {PatchOp::kReplace};
  PatchRules r(PatchRules::ErrorStyle::kPlain);
  r.Custom("/authorizationScopes", add_remove, [](const PatchMatch& m, JsonValue& method, JsonAlloc& a) {
    const std::string value = m.operation->value.value_or("");
    JsonValue* scopes = MutableMember(method, "authorizationScopes");
    if (!scopes || !scopes->IsArray()) {
      SetMember(method, "authorizationScopes", JsonValue(rapidjson::kArrayType), a);
      scopes = MutableMember(method, "authorizationScopes");
    }
    for (auto it = scopes->Begin(); it != scopes->End(); ++it) {
      if (it->IsString() && value == it->GetString()) {
        scopes->Erase(it);
        break;
      }
    }
    if (m.operation->op == PatchOp::kAdd) scopes->PushBack(JsonString(value, a), a);
    if (scopes->Empty()) RemoveMember(method, "authorizationScopes");
    return Status::Ok();
  });
  r.Custom("/authorizationType", replace, [&touched_authorization](const PatchMatch& m, JsonValue& method, JsonAlloc& a) {
    SetString(method, "authorizationType", ToUpper(m.operation->value.value_or("")), a);
    touched_authorization = true;
    return Status::Ok();
  });
  r.Custom("/authorizerId", replace, [&touched_authorization](const PatchMatch& m, JsonValue& method, JsonAlloc& a) {
    SetString(method, "authorizerId", m.operation->value.value_or(""), a);
    touched_authorization = true;
    return Status::Ok();
  });
  r.Custom("/apiKeyRequired", replace, [](const PatchMatch& m, JsonValue& method, JsonAlloc& a) {
    SetMember(method, "apiKeyRequired", JsonValue(PatchBool(*m.operation)), a);
    return Status::Ok();
  });
  r.Custom("/operationName", replace, [](const PatchMatch& m, JsonValue& method, JsonAlloc& a) {
    const std::string value = m.operation->value.value_or("");
    if (value.empty()) {
      RemoveMember(method, "operationName");
    } else {
      SetString(method, "operationName", value, a);
    }
    return Status::Ok();
  });
  r.Custom("/requestValidatorId", replace, [&deps, api_id](const PatchMatch& m, JsonValue& method, JsonAlloc& a) {
    // An empty value detaches the validator.
    const std::string value = m.operation->value.value_or("");
    if (value.empty()) {
      RemoveMember(method, "requestValidatorId");
      return Status::Ok();
    }
    APIGW_RETURN_IF_ERROR(CheckRequestValidatorExists(deps.store, api_id, value));
    SetString(method, "requestValidatorId", value, a);
    return Status::Ok();
  });
  r.Custom("/requestParameters/{name}", map_ops, [](const PatchMatch& m, JsonValue& method, JsonAlloc& a) {
    return PatchMapEntry(method, "requestParameters", m.Var("name"), *m.operation, JsonValue(PatchBool(*m.operation)), a);
  });
  r.Custom("/requestModels/{type}", map_ops, [&deps, api_id](const PatchMatch& m, JsonValue& method, JsonAlloc& a) {
    const std::string model = m.operation->value.value_or("");
    if (m.operation->op != PatchOp::kRemove) APIGW_RETURN_IF_ERROR(CheckModelExists(deps.store, api_id, model));
    return PatchMapEntry(method, "requestModels", m.Var("type"), *m.operation, JsonString(model, a), a);
  });
  return r;
}

OperationResult UpdateMethod(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue& method = *record->method();
  bool touched_authorization = false;
  APIGW_RETURN_IF_ERROR(MethodPatchRules(deps, record->api_id(), touched_authorization)
                            .Apply(input, method, record->allocator()));
  if (touched_authorization) {
    // The authorizer must exist once the type needs one; for any other type
    // AWS ignores an authorizer id (and drops the one set before).
    std::string type = GetString(method, "authorizationType").value_or("NONE");
    if (NeedsAuthorizer(type)) {
      APIGW_RETURN_IF_ERROR(CheckAuthorizerExists(deps.store, record->api_id(), GetString(method, "authorizerId")));
    } else {
      RemoveMember(method, "authorizerId");
    }
  }
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return CopyDoc(method);
}

}  // namespace

void RegisterMethods(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "PutMethod", PutMethod);
  AddHandler(table, deps, "GetMethod", GetMethod);
  AddHandler(table, deps, "UpdateMethod", UpdateMethod);
  AddHandler(table, deps, "DeleteMethod", DeleteMethod);
}

}  // namespace apigw::cp::apigateway
