// The authorizer family: CreateAuthorizer, GetAuthorizer, GetAuthorizers,
// UpdateAuthorizer and DeleteAuthorizer (refused while a method uses the
// authorizer). An Authorizer is stored as kind authorizer, keyed by its id,
// exactly as GetAuthorizer answers it; it reaches callers with the next deployment.
//
// Recorded against AWS: CreateAuthorizer checks its input before it looks for
// the REST API, and answers a missing API with ConflictException "Unable to
// complete operation due to concurrent modification. Please try again later.";
// the answer has "authType": "custom" although none was sent, and no
// authorizerResultTtlInSeconds unless one was; DeleteAuthorizer of a used
// authorizer answers "Cannot delete authorizer '<name>', is referenced in
// method: GET//test". Not recorded: the wording for an unknown authorizer id,
// taken from the request validators' ("Invalid ... identifier specified").
#include <string>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/authorizer_rules.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/new_record_id.h"
#include "control-plane/apigateway/resource_tree.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

Status InvalidAuthorizerId() { return Status::NotFound("Invalid Authorizer identifier specified"); }

// The authorizer, or InvalidAuthorizerId when it or its API is missing.
StatusOr<JsonDoc> LoadAuthorizer(ApigatewayDeps& deps, const CallContext& ctx, const std::string& api_id,
                                 const std::string& id) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidAuthorizerId();
  return LoadDoc(deps.store, kind::kAuthorizer, api_id, id, InvalidAuthorizerId());
}

// "custom" for the Lambda authorizers, as AWS answers; the member is otherwise
// free text AWS keeps for OpenAPI exports.
std::string DefaultAuthType(const std::string& type) {
  return type == "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom";
}

void CopyString(const JsonValue& input, const char* member, JsonDoc& out) {
  std::optional<std::string> value = GetString(input, member);
  if (value && !value->empty()) SetString(out, member, *value, out.GetAllocator());
}

OperationResult CreateAuthorizer(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string type = GetString(input, "type").value_or("");

  JsonDoc authorizer(rapidjson::kObjectType);
  JsonAlloc& a = authorizer.GetAllocator();
  SetString(authorizer, "name", GetString(input, "name").value_or(""), a);
  SetString(authorizer, "type", type, a);
  if (const JsonValue* arns = Member(input, "providerARNs"); arns && arns->IsArray() && !arns->Empty())
    SetMember(authorizer, "providerARNs", JsonValue(*arns, a), a);
  SetString(authorizer, "authType", GetString(input, "authType").value_or(DefaultAuthType(type)), a);
  CopyString(input, "authorizerUri", authorizer);
  // AWS drops the credentials of a Cognito authorizer given at creation
  // (Terraform sets them with an UpdateAuthorizer afterwards).
  if (type != "COGNITO_USER_POOLS") CopyString(input, "authorizerCredentials", authorizer);
  std::optional<std::string> source = GetString(input, "identitySource");
  if (!source && type != "REQUEST") source = std::string(kDefaultIdentitySource);
  if (source) SetString(authorizer, "identitySource", *source, a);
  CopyString(input, "identityValidationExpression", authorizer);
  if (std::optional<int64_t> ttl = GetInt(input, "authorizerResultTtlInSeconds"))
    SetMember(authorizer, "authorizerResultTtlInSeconds", JsonValue(*ttl), a);
  APIGW_RETURN_IF_ERROR(CheckAuthorizer(authorizer));

  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists)
    return Status::Conflict("Unable to complete operation due to concurrent modification. Please try again later.");
  auto id = NewRecordId(deps.store, deps.ids, kind::kAuthorizer, api_id);
  if (!id.ok()) return id.status();
  SetString(authorizer, "id", *id, a);
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kAuthorizer, api_id, *id, ToJson(authorizer)));
  return authorizer;
}

OperationResult GetAuthorizer(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadAuthorizer(deps, ctx, GetString(input, "restApiId").value_or(""),
                        GetString(input, "authorizerId").value_or(""));
}

OperationResult GetAuthorizers(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidApiId(ctx, api_id);
  auto authorizers = LoadAll(deps.store, kind::kAuthorizer, api_id);
  if (!authorizers.ok()) return authorizers.status();
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& doc : *authorizers) items.PushBack(JsonValue(doc, out.GetAllocator()), out.GetAllocator());
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out));
  return out;
}

// "add" and "remove" of one ARN, sent as the value of path /providerARNs (as
// Terraform does).
Status PatchProviderArn(const PatchMatch& m, JsonValue& authorizer, JsonAlloc& a) {
  const PatchOperation& op = *m.operation;
  if (!op.value || op.value->empty())
    return Status::BadRequest("Invalid value null specified for patch path /providerARNs");
  JsonValue* arns = MutableMember(authorizer, "providerARNs");
  if (!arns || !arns->IsArray()) {
    SetMember(authorizer, "providerARNs", JsonValue(rapidjson::kArrayType), a);
    arns = MutableMember(authorizer, "providerARNs");
  }
  auto it = arns->Begin();
  while (it != arns->End() && !(it->IsString() && *op.value == it->GetString())) ++it;
  if (op.op == PatchOp::kAdd && it == arns->End()) arns->PushBack(JsonString(*op.value, a), a);
  if (op.op == PatchOp::kRemove && it != arns->End()) arns->Erase(it);
  // An empty list is no list (CheckAuthorizer then refuses a Cognito authorizer without one).
  if (arns->Empty()) RemoveMember(authorizer, "providerARNs");
  return Status::Ok();
}

const PatchRules& AuthorizerPatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPathForOp);
    r.String("/name", "name")
        .Custom("/type", {PatchOp::kReplace},
                [](const PatchMatch& m, JsonValue& authorizer, JsonAlloc& a) {
                  const std::string value = m.operation->value.value_or("");
                  if (value != "TOKEN" && value != "REQUEST" && value != "COGNITO_USER_POOLS")
                    return Status::BadRequest("Invalid authorizer type specified: " +
                                              m.operation->value.value_or("null"));
                  SetString(authorizer, "type", value, a);
                  return Status::Ok();
                })
        .String("/authType", "authType")
        .String("/authorizerUri", "authorizerUri")
        .String("/authorizerCredentials", "authorizerCredentials")
        .String("/identitySource", "identitySource")
        .String("/identityValidationExpression", "identityValidationExpression")
        .Int("/authorizerResultTtlInSeconds", "authorizerResultTtlInSeconds")
        .Custom("/providerARNs", {PatchOp::kAdd, PatchOp::kRemove}, PatchProviderArn);
    return r;
  }();
  return rules;
}

OperationResult UpdateAuthorizer(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string id = GetString(input, "authorizerId").value_or("");
  auto authorizer = LoadAuthorizer(deps, ctx, api_id, id);
  if (!authorizer.ok()) return authorizer.status();
  APIGW_RETURN_IF_ERROR(AuthorizerPatchRules().Apply(input, *authorizer, authorizer->GetAllocator()));
  // The result must still be an authorizer AWS would create.
  APIGW_RETURN_IF_ERROR(CheckAuthorizer(*authorizer));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kAuthorizer, api_id, id, ToJson(*authorizer)));
  return authorizer;
}

// "<HTTP method>/<resource path>" ("GET//test") of a method that uses the
// authorizer, or "" when none does.
StatusOr<std::string> MethodUsingAuthorizer(ApigatewayDeps& deps, const std::string& api_id, const std::string& id) {
  auto tree = ResourceTree::Load(deps.store, api_id);
  if (!tree.ok()) return tree.status();
  for (const JsonDoc& resource : tree->resources()) {
    const JsonValue* methods = Member(resource, "resourceMethods");
    if (!methods || !methods->IsObject()) continue;
    for (const auto& m : methods->GetObject()) {
      if (GetString(m.value, "authorizerId") != id) continue;
      return std::string(m.name.GetString(), m.name.GetStringLength()) + "/" +
             GetString(resource, "path").value_or("/");
    }
  }
  return std::string();
}

OperationResult DeleteAuthorizer(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string id = GetString(input, "authorizerId").value_or("");
  auto authorizer = LoadAuthorizer(deps, ctx, api_id, id);
  if (!authorizer.ok()) return authorizer.status();
  auto user = MethodUsingAuthorizer(deps, api_id, id);
  if (!user.ok()) return user.status();
  if (!user->empty()) {
    return Status::Conflict("Cannot delete authorizer '" + GetString(*authorizer, "name").value_or("") +
                            "', is referenced in method: " + *user);
  }
  APIGW_RETURN_IF_ERROR(deps.store.Delete(kind::kAuthorizer, api_id, id));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterAuthorizers(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateAuthorizer", CreateAuthorizer);
  AddHandler(table, deps, "GetAuthorizer", GetAuthorizer);
  AddHandler(table, deps, "GetAuthorizers", GetAuthorizers);
  AddHandler(table, deps, "UpdateAuthorizer", UpdateAuthorizer);
  AddHandler(table, deps, "DeleteAuthorizer", DeleteAuthorizer);
}

}  // namespace apigw::cp::apigateway
