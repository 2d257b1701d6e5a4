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
#include "control-plane/apigateway/patch_errors.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/patch_operation.h"

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

// What UpdateMethod accepts: each path with the operations it supports
// (AWS's table, as recorded): a path ending in '/' takes one key after it.
struct MethodPatchPath {
  std::string_view path;
  bool add, remove, replace;
};
constexpr MethodPatchPath kMethodPatchPaths[] = {
    {"/authorizationScopes", true, true, false},
    {"/authorizationType", false, false, true},
    {"/authorizerId", false, false, true},
    {"/apiKeyRequired", false, false, true},
    {"/operationName", false, false, true},
    {"/requestValidatorId", false, false, true},
    {"/requestParameters/", true, true, true},
    {"/requestModels/", true, true, true},
};

const MethodPatchPath* FindMethodPatchPath(std::string_view path) {
  // "/requestModels/application/json" (an unescaped '/') is no valid path.
  if (SplitPatchPathRaw(path).size() > 2) return nullptr;
  for (const MethodPatchPath& p : kMethodPatchPaths) {
    if (p.path.back() == '/' ? (StartsWith(path, p.path) && path.size() > p.path.size()) : path == p.path) return &p;
  }
  return nullptr;
}

Status CheckMethodPatchOp(const PatchOperation& op, const MethodPatchPath& p) {
  bool supported = (op.op == PatchOp::kAdd && p.add) || (op.op == PatchOp::kRemove && p.remove) ||
                   (op.op == PatchOp::kReplace && p.replace);
  if (supported) return Status::Ok();
  std::vector<std::string> ops;
  if (p.add) ops.emplace_back("add");
  if (p.remove) ops.emplace_back("remove");
  if (p.replace) ops.emplace_back("replace");
  return PatchOpNotOneOf(Join(ops, ", "));
}

Status ApplyMethodPatch(ApigatewayDeps& deps, const std::string& api_id, JsonValue& method, JsonAlloc& a,
                        const PatchOperation& op, bool& touched_authorization) {
  const std::string path = op.path.value_or("");
  const MethodPatchPath* rule = FindMethodPatchPath(path);
  if (!rule) return InvalidPatchPath(op);
  APIGW_RETURN_IF_ERROR(CheckMethodPatchOp(op, *rule));
  const std::string value = op.value.value_or("");
  const bool remove = op.op == PatchOp::kRemove;

  if (rule->path == "/authorizationScopes") {
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
    if (!remove) scopes->PushBack(JsonString(value, a), a);
    if (scopes->Empty()) RemoveMember(method, "authorizationScopes");
  } else if (rule->path == "/authorizationType") {
    SetString(method, "authorizationType", ToUpper(value), a);
    touched_authorization = true;
  } else if (rule->path == "/authorizerId") {
    SetString(method, "authorizerId", value, a);
    touched_authorization = true;
  } else if (rule->path == "/apiKeyRequired") {
    SetMember(method, "apiKeyRequired", JsonValue(PatchBool(op)), a);
  } else if (rule->path == "/operationName") {
    if (value.empty()) {
      RemoveMember(method, "operationName");
    } else {
      SetString(method, "operationName", value, a);
    }
  } else if (rule->path == "/requestValidatorId") {
    // An empty value detaches the validator.
    if (value.empty()) {
      RemoveMember(method, "requestValidatorId");
    } else {
      APIGW_RETURN_IF_ERROR(CheckRequestValidatorExists(deps.store, api_id, value));
      SetString(method, "requestValidatorId", value, a);
    }
  } else if (rule->path == "/requestParameters/") {
    return PatchMapEntry(method, "requestParameters", PatchMapKey(path), op, JsonValue(PatchBool(op)), a);
  } else if (rule->path == "/requestModels/") {
    if (!remove) APIGW_RETURN_IF_ERROR(CheckModelExists(deps.store, api_id, value));
    return PatchMapEntry(method, "requestModels", PatchMapKey(path), op, JsonString(value, a), a);
  }
  return Status::Ok();
}

OperationResult UpdateMethod(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue& method = *record->method();
  JsonAlloc& a = record->allocator();
  bool touched_authorization = false;
  for (const PatchOperation& op : ReadPatchOperations(input))
    APIGW_RETURN_IF_ERROR(ApplyMethodPatch(deps, record->api_id(), method, a, op, touched_authorization));

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
