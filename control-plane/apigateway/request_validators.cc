// The request validator family: CreateRequestValidator, GetRequestValidator,
// GetRequestValidators, UpdateRequestValidator and DeleteRequestValidator. A
// RequestValidator is stored as kind requestvalidator, keyed by its id, as
// GetRequestValidator answers it; it reaches callers with the next deployment.
//
// Recorded against AWS (LocalStack's test_apigateway_api snapshot):
//   CreateRequestValidator on a missing API: BadRequestException "Invalid REST API identifier specified";
//   Get/Update/Delete of a missing validator, or on a missing API: NotFoundException
//   "Invalid Request Validator identifier specified";
//   GetRequestValidators on a missing API: "Invalid API identifier specified <account>:<id>";
//   patch: replace only, "Must be one of: [/name, /validateRequestParameters, /validateRequestBody]";
//   a blank name: "Request Validator name cannot be blank"; a boolean replaced
//   without a value becomes false (Java's Boolean.parseBoolean).
// Not recorded: what AWS does on deleting a validator a method names. It is
// allowed here (a refusal AWS does not make would break users' teardown); the
// method keeps the id, as it would an id AWS no longer resolves.
#include <string>

#include "base/text.h"
#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/new_record_id.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

Status InvalidValidatorId() { return Status::NotFound("Invalid Request Validator identifier specified"); }
Status BlankName() { return Status::BadRequest("Request Validator name cannot be blank"); }

StatusOr<JsonDoc> LoadValidator(ApigatewayDeps& deps, const CallContext& ctx, const std::string& api_id,
                                const std::string& id) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidValidatorId();
  return LoadDoc(deps.store, kind::kRequestValidator, api_id, id, InvalidValidatorId());
}

OperationResult CreateRequestValidator(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return Status::BadRequest("Invalid REST API identifier specified");
  // The model makes the name optional; a validator without one is refused as
  // UpdateRequestValidator refuses to blank it.
  std::string name = GetString(input, "name").value_or("");
  if (Trim(name).empty()) return BlankName();
  auto id = NewRecordId(deps.store, deps.ids, kind::kRequestValidator, api_id);
  if (!id.ok()) return id.status();

  JsonDoc validator(rapidjson::kObjectType);
  JsonAlloc& a = validator.GetAllocator();
  SetString(validator, "id", *id, a);
  SetString(validator, "name", name, a);
  SetMember(validator, "validateRequestBody", JsonValue(GetBool(input, "validateRequestBody").value_or(false)), a);
  SetMember(validator, "validateRequestParameters",
            JsonValue(GetBool(input, "validateRequestParameters").value_or(false)), a);
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kRequestValidator, api_id, *id, ToJson(validator)));
  return validator;
}

OperationResult GetRequestValidator(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadValidator(deps, ctx, GetString(input, "restApiId").value_or(""),
                       GetString(input, "requestValidatorId").value_or(""));
}

OperationResult GetRequestValidators(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidApiId(ctx, api_id);
  auto validators = LoadAll(deps.store, kind::kRequestValidator, api_id);
  if (!validators.ok()) return validators.status();
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& doc : *validators) items.PushBack(JsonValue(doc, out.GetAllocator()), out.GetAllocator());
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out));
  return out;
}

// Java's Boolean.parseBoolean: "true" in any case is true, anything else
// (absent, "yes", "1") false.
PatchApplyFn SetFlag(const char* member) {
  return [member](const PatchMatch& m, JsonValue& validator, JsonAlloc& a) {
    const std::optional<std::string>& value = m.operation->value;
    SetMember(validator, member, JsonValue(value && EqualsIgnoreCase(*value, "true")), a);
    return Status::Ok();
  };
}

// In AWS's order of its error message.
const PatchRules& ValidatorPatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPathForOp);
    r.Custom("/name", {PatchOp::kReplace}, [](const PatchMatch& m, JsonValue& validator, JsonAlloc& a) {
      const std::optional<std::string>& value = m.operation->value;
      if (!value || Trim(*value).empty()) return BlankName();
      SetString(validator, "name", *value, a);
      return Status::Ok();
    });
    r.Custom("/validateRequestParameters", {PatchOp::kReplace}, SetFlag("validateRequestParameters"));
    r.Custom("/validateRequestBody", {PatchOp::kReplace}, SetFlag("validateRequestBody"));
    return r;
  }();
  return rules;
}

OperationResult UpdateRequestValidator(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string id = GetString(input, "requestValidatorId").value_or("");
  auto validator = LoadValidator(deps, ctx, api_id, id);
  if (!validator.ok()) return validator.status();
  APIGW_RETURN_IF_ERROR(ValidatorPatchRules().Apply(input, *validator, validator->GetAllocator()));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kRequestValidator, api_id, id, ToJson(*validator)));
  return validator;
}

OperationResult DeleteRequestValidator(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string id = GetString(input, "requestValidatorId").value_or("");
  auto validator = LoadValidator(deps, ctx, api_id, id);
  if (!validator.ok()) return validator.status();
  APIGW_RETURN_IF_ERROR(deps.store.Delete(kind::kRequestValidator, api_id, id));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterRequestValidators(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateRequestValidator", CreateRequestValidator);
  AddHandler(table, deps, "GetRequestValidator", GetRequestValidator);
  AddHandler(table, deps, "GetRequestValidators", GetRequestValidators);
  AddHandler(table, deps, "UpdateRequestValidator", UpdateRequestValidator);
  AddHandler(table, deps, "DeleteRequestValidator", DeleteRequestValidator);
}

}  // namespace apigw::cp::apigateway
