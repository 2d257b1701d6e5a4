// The gateway response family: PutGatewayResponse, GetGatewayResponse,
// GetGatewayResponses, UpdateGatewayResponse and DeleteGatewayResponse.
//
// Only the responses a user put (or updated) are stored, as kind
// gatewayresponse keyed by response type, with "defaultResponse": false; every
// other type is answered from AWS's defaults (gateway_response_defaults.h).
// Like every API change, a change here reaches callers with the next deployment.
//
// Messages recorded against AWS (LocalStack's test_apigateway_api snapshot):
//   "Gateway response type not defined on api" (DeleteGatewayResponse of a type never put)
//   "Invalid patch path /statusCode" (add or remove of the status code), "Invalid patch path null"
//   "Invalid parameter name specified" (replace of a parameter that is not there)
//   "Invalid null or empty value in responseTemplates" / "... in responseParameters"
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/gateway_response_defaults.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

// The model's enum check answers an unknown type first; this guards the handlers.
StatusOr<const GatewayResponseDefault*> ResponseType(const JsonValue& input) {
  std::string type = GetString(input, "responseType").value_or("");
  const GatewayResponseDefault* found = FindGatewayResponseDefault(type);
  if (!found) return Status::BadRequest("Invalid gateway response type specified: " + type);
  return found;
}

Status CheckApi(ApigatewayDeps& deps, const CallContext& ctx, const std::string& api_id) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  return *exists ? Status::Ok() : InvalidApiId(ctx, api_id);
}

// The stored (customized) response of `type`, or nullopt.
StatusOr<std::optional<JsonDoc>> LoadStored(ApigatewayDeps& deps, const std::string& api_id, std::string_view type) {
  auto raw = deps.store.Get(kind::kGatewayResponse, api_id, type);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return std::optional<JsonDoc>();
  auto doc = ParseJson(**raw);
  if (!doc.ok()) return Status::Internal("corrupt gatewayresponse record " + std::string(type));
  return std::optional<JsonDoc>(std::move(doc).value());
}

// What GetGatewayResponse answers for `type`: the stored response, else the
// default, through a customized DEFAULT_4XX/5XX when there is one.
StatusOr<JsonDoc> Effective(ApigatewayDeps& deps, const std::string& api_id, const GatewayResponseDefault& type) {
  auto stored = LoadStored(deps, api_id, type.type);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return std::move(**stored);
  std::optional<JsonDoc> fallback;
  if (std::optional<std::string_view> parent = GatewayResponseFallback(type)) {
    auto loaded = LoadStored(deps, api_id, *parent);
    if (!loaded.ok()) return loaded.status();
    fallback = std::move(*loaded);
  }
  return DefaultGatewayResponse(type, fallback ? &*fallback : nullptr);
}

// A string map of the input copied into `doc`; an absent or empty map keeps
// `doc`'s own (AWS answers the default template when none is given).
void CopyMap(const JsonValue& input, const char* member, JsonDoc& doc) {
  const JsonValue* map = Member(input, member);
  if (!map || !map->IsObject() || map->MemberCount() == 0) return;
  SetMember(doc, member, JsonValue(*map, doc.GetAllocator()), doc.GetAllocator());
}

OperationResult PutGatewayResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto type = ResponseType(input);
  if (!type.ok()) return type.status();
  // Whatever was put before is replaced whole; what the request leaves out
  // takes the type's own default, not a customized DEFAULT_4XX/5XX's.
  JsonDoc response = NewGatewayResponse(**type);
  if (std::optional<std::string> status = GetString(input, "statusCode"))
    SetString(response, "statusCode", *status, response.GetAllocator());
  CopyMap(input, "responseParameters", response);
  CopyMap(input, "responseTemplates", response);
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kGatewayResponse, api_id, (*type)->type, ToJson(response)));
  return response;
}

OperationResult GetGatewayResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto type = ResponseType(input);
  if (!type.ok()) return type.status();
  return Effective(deps, api_id, **type);
}

// Every type, customized or not. AWS does not page this collection: limit and
// position are ignored.
OperationResult GetGatewayResponses(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  JsonDoc out(rapidjson::kObjectType);
  JsonAlloc& a = out.GetAllocator();
  JsonValue items(rapidjson::kArrayType);
  for (const GatewayResponseDefault& type : GatewayResponseDefaults()) {
    auto response = Effective(deps, api_id, type);
    if (!response.ok()) return response.status();
    items.PushBack(JsonValue(*response, a), a);
  }
  SetMember(out, "items", std::move(items), a);
  return out;
}

Status InvalidPatchPath(const PatchOperation& op) {
  return Status::BadRequest("Invalid patch path " + (op.path ? *op.path : std::string("null")));
}

// add/replace/remove of one entry of responseParameters or responseTemplates.
Status PatchMapEntry(const PatchMatch& m, const char* member, JsonValue& response, JsonAlloc& a) {
  const PatchOperation& op = *m.operation;
  const std::string& key = m.Var("key");
  JsonValue* map = MutableMember(response, member);
  if (!map || !map->IsObject()) {
    SetMember(response, member, JsonValue(rapidjson::kObjectType), a);
    map = MutableMember(response, member);
  }
  const bool present = Member(*map, key) != nullptr;
  if (op.op == PatchOp::kRemove) {
    if (!present) return Status::NotFound("Invalid parameter name specified");
    RemoveMember(*map, key);
    return Status::Ok();
  }
  if (!op.value || op.value->empty())
    return Status::BadRequest(std::string("Invalid null or empty value in ") + member);
  if (op.op == PatchOp::kReplace && !present) return Status::NotFound("Invalid parameter name specified");
  SetString(*map, key, *op.value, a);
  return Status::Ok();
}

bool IsStatusCode(const std::string& s) {
  return s.size() == 3 && s[0] >= '1' && s[0] <= '5' && std::isdigit(static_cast<unsigned char>(s[1])) &&
         std::isdigit(static_cast<unsigned char>(s[2]));
}

// AWS words every refused operation of this family "Invalid patch path <path>"
// (even a known path with an op it does not take, e.g. add /statusCode).
const PatchRules& GatewayResponsePatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPlain);
    r.Custom("/statusCode", {PatchOp::kReplace}, [](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
      const std::optional<std::string>& value = m.operation->value;
      // Not recorded: the model's StatusCode pattern ([1-5]\d\d) worded as
      // the map entries' null-value message.
      if (!value || !IsStatusCode(*value))
        return Status::BadRequest("Invalid null or empty value in statusCode");
      SetString(response, "statusCode", *value, a);
      return Status::Ok();
    });
    const PatchOps entry_ops = {PatchOp::kAdd, PatchOp::kReplace, PatchOp::kRemove};
    r.Custom("/responseParameters/{key}", entry_ops, [](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
      return PatchMapEntry(m, "responseParameters", response, a);
    });
    r.Custom("/responseTemplates/{key}", entry_ops, [](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
      return PatchMapEntry(m, "responseTemplates", response, a);
    });
    r.OnError([](const PatchOperation& op, PatchError, const std::vector<std::string>&) { return InvalidPatchPath(op); });
    return r;
  }();
  return rules;
}

// Updating a type nobody put customizes it, starting from its own default.
OperationResult UpdateGatewayResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto type = ResponseType(input);
  if (!type.ok()) return type.status();
  auto stored = LoadStored(deps, api_id, (*type)->type);
  if (!stored.ok()) return stored.status();
  JsonDoc response = stored->has_value() ? std::move(**stored) : NewGatewayResponse(**type);
  APIGW_RETURN_IF_ERROR(GatewayResponsePatchRules().Apply(input, response, response.GetAllocator()));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kGatewayResponse, api_id, (*type)->type, ToJson(response)));
  return response;
}

OperationResult DeleteGatewayResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto type = ResponseType(input);
  if (!type.ok()) return type.status();
  auto stored = deps.store.Get(kind::kGatewayResponse, api_id, (*type)->type);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return Status::NotFound("Gateway response type not defined on api");
  APIGW_RETURN_IF_ERROR(deps.store.Delete(kind::kGatewayResponse, api_id, (*type)->type));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterGatewayResponses(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "PutGatewayResponse", PutGatewayResponse);
  AddHandler(table, deps, "GetGatewayResponse", GetGatewayResponse);
  AddHandler(table, deps, "GetGatewayResponses", GetGatewayResponses);
  AddHandler(table, deps, "UpdateGatewayResponse", UpdateGatewayResponse);
  AddHandler(table, deps, "DeleteGatewayResponse", DeleteGatewayResponse);
}

}  // namespace apigw::cp::apigateway
