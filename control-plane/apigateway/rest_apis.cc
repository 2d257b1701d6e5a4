// The REST API family: CreateRestApi (with its root resource and the default
// models, or a copy of the API named by cloneFrom), GetRestApi, GetRestApis, UpdateRestApi and DeleteRestApi.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/text.h"
#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/default_models.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/json_members.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/apigateway/stage_publisher.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

constexpr size_t kApiIdLength = 10;           // "a1b2c3d4e5"
constexpr size_t kRootResourceIdLength = 10;  // the root's id is as long as an API id on AWS
constexpr int64_t kMaxCompressionSize = 10485760;
constexpr std::string_view kCustomIdTag = "_custom_id_";

Status InvalidCompressionSize() {
  return Status::BadRequest("Invalid minimum compression size, must be between 0 and 10485760");
}

// A pinned id must work in URLs and host names (execute-api host names are
// lower case), as LocalStack also requires.
bool ValidCustomId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

// The new API's id: the `_custom_id_` tag when given (it must be free in every
// region, as the data plane routes by id alone), else a fresh random one.
StatusOr<std::string> NewApiId(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  if (const JsonValue* tags = Member(input, "tags")) {
    if (std::optional<std::string> custom = GetString(*tags, kCustomIdTag)) {
      // LocalStack's wording for the commonest mistake, which its users match on.
      if (std::any_of(custom->begin(), custom->end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return Status::BadRequest("The RestApiId '" + *custom + "' cannot contain uppercase characters");
      if (!ValidCustomId(*custom))
        return Status::BadRequest("Invalid custom id '" + *custom +
                                  "': use 1 to 64 characters of a-z, 0-9, '-' and '_'");
      auto all = deps.store.ListKind(kind::kRestApi);
      if (!all.ok()) return all.status();
      for (const state::Record& r : *all)
        if (r.id == *custom) return Status::Conflict("A REST API with id '" + *custom + "' already exists");
      return *custom;
    }
  }
  for (;;) {
    std::string id = deps.ids.LowerAlnum(kApiIdLength);
    auto exists = RestApiExists(deps.store, ctx, id);
    if (!exists.ok()) return exists.status();
    if (!*exists) return id;
  }
}

// The endpoint configuration as asked for; types default to EDGE.
struct EndpointRequest {
  std::vector<std::string> types = {"EDGE"};
  std::optional<std::string> ip_address_type;
  const JsonValue* vpc_endpoint_ids = nullptr;
};

EndpointRequest ReadEndpointRequest(const JsonValue& input) {
  EndpointRequest r;
  const JsonValue* ec = Member(input, "endpointConfiguration");
  if (!ec || !ec->IsObject()) return r;
  if (const JsonValue* t = Member(*ec, "types"); t && t->IsArray()) {
    r.types.clear();
    for (const JsonValue& v : t->GetArray())
      if (v.IsString()) r.types.emplace_back(v.GetString(), v.GetStringLength());
  }
  r.ip_address_type = GetString(*ec, "ipAddressType");
  r.vpc_endpoint_ids = Member(*ec, "vpcEndpointIds");
  return r;
}

// Checks CreateRestApi's input in AWS's order (enum values were checked by
// model validation before) and fills in the default IP address type:
// dualstack for PRIVATE, else ipv4.
Status CheckCreateRestApi(const JsonValue& input, EndpointRequest& endpoint) {
  if (endpoint.types.empty())
    return Status::BadRequest("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.");
  if (endpoint.types.size() > 1) return Status::BadRequest("Cannot create an api with multiple Endpoint Types.");
  if (GetString(input, "description") == std::optional<std::string>(""))
    return Status::BadRequest("Description cannot be an empty string");
  const bool is_private = endpoint.types[0] == "PRIVATE";
  if (!endpoint.ip_address_type) endpoint.ip_address_type = is_private ? "dualstack" : "ipv4";
  if (is_private && *endpoint.ip_address_type == "ipv4")
    return Status::BadRequest("Only dualstack ipAddressType is supported for Private APIs.");
  std::optional<int64_t> compression = GetInt(input, "minimumCompressionSize");
  if (compression && (*compression < 0 || *compression > kMaxCompressionSize)) return InvalidCompressionSize();
  return Status::Ok();
}

JsonValue EndpointConfigurationDoc(const EndpointRequest& endpoint, JsonAlloc& a) {
  JsonValue ec(rapidjson::kObjectType);
  JsonValue list(rapidjson::kArrayType);
  list.PushBack(JsonString(endpoint.types[0], a), a);
  SetMember(ec, "types", std::move(list), a);
  SetString(ec, "ipAddressType", *endpoint.ip_address_type, a);
  const JsonValue* vpc = endpoint.vpc_endpoint_ids;
  if (vpc && vpc->IsArray() && !vpc->Empty()) SetMember(ec, "vpcEndpointIds", JsonValue(*vpc, a), a);
  return ec;
}

// cloneFrom: the new API starts with a copy of the source API's resources
// (methods included), models, authorizers, request validators and gateway
// responses. Their ids are scoped by API, so the copies keep them and every
// reference between them stays valid; the root keeps its id too. Returns the
// root id, having added the copies to `batch`.
StatusOr<std::string> CloneApi(ApigatewayDeps& deps, const CallContext& ctx, const std::string& source_id,
                               const std::string& api_id, state::WriteBatch& batch) {
  auto source = LoadRestApi(deps.store, ctx, source_id);
  if (!source.ok()) return source.status();
  for (std::string_view k : {kind::kResource, kind::kModel, kind::kAuthorizer, kind::kRequestValidator,
                             kind::kGatewayResponse}) {
    auto records = deps.store.List(k, source_id);
    if (!records.ok()) return records.status();
    for (state::Record& r : *records) batch.Put(k, api_id, r.id, std::move(r.doc));
  }
  return GetString(*source, "rootResourceId").value_or("");
}

OperationResult CreateRestApi(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  EndpointRequest endpoint = ReadEndpointRequest(input);
  APIGW_RETURN_IF_ERROR(CheckCreateRestApi(input, endpoint));
  APIGW_RETURN_IF_ERROR(CheckTagKeys(Member(input, "tags")));
  auto api_id = NewApiId(deps, ctx, input);
  if (!api_id.ok()) return api_id.status();
  state::WriteBatch batch;
  std::string root_id;
  if (auto clone_from = GetString(input, "cloneFrom")) {
    auto cloned_root = CloneApi(deps, ctx, *clone_from, *api_id, batch);
    if (!cloned_root.ok()) return cloned_root.status();
    root_id = *cloned_root;
  } else {
    root_id = deps.ids.LowerAlnum(kRootResourceIdLength);
    JsonDoc root(rapidjson::kObjectType);
    SetString(root, "id", root_id, root.GetAllocator());
    SetString(root, "path", "/", root.GetAllocator());
    PutDoc(batch, kind::kResource, *api_id, root_id, root);
    AddDefaultModels(batch, *api_id, deps.ids);
  }

  JsonDoc api(rapidjson::kObjectType);
  JsonAlloc& a = api.GetAllocator();
  SetString(api, "id", *api_id, a);
  SetString(api, "name", GetString(input, "name").value_or(""), a);
  if (auto d = GetString(input, "description")) SetString(api, "description", *d, a);
  SetMember(api, "createdDate", JsonValue(ctx.now_ms / 1000), a);
  if (auto v = GetString(input, "version")) SetString(api, "version", *v, a);
  if (const JsonValue* b = Member(input, "binaryMediaTypes"); b && b->IsArray() && !b->Empty())
    SetMember(api, "binaryMediaTypes", JsonValue(*b, a), a);
  if (auto size = GetInt(input, "minimumCompressionSize")) SetMember(api, "minimumCompressionSize", JsonValue(*size), a);
  SetString(api, "apiKeySource", GetString(input, "apiKeySource").value_or("HEADER"), a);
  SetMember(api, "endpointConfiguration", EndpointConfigurationDoc(endpoint, a), a);
  if (auto p = GetString(input, "policy")) SetString(api, "policy", *p, a);
  if (const JsonValue* t = Member(input, "tags"); t && t->IsObject() && t->MemberCount() > 0)
    SetMember(api, "tags", JsonValue(*t, a), a);
  SetMember(api, "disableExecuteApiEndpoint", JsonValue(GetBool(input, "disableExecuteApiEndpoint").value_or(false)), a);
  SetString(api, "rootResourceId", root_id, a);

  PutDoc(batch, kind::kRestApi, ctx.region, *api_id, api);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  return api;
}

OperationResult GetRestApi(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadRestApi(deps.store, ctx, GetString(input, "restApiId").value_or(""));
}

OperationResult GetRestApis(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto apis = LoadAll(deps.store, kind::kRestApi, ctx.region);
  if (!apis.ok()) return apis.status();
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& api : *apis) items.PushBack(JsonValue(api, out.GetAllocator()), out.GetAllocator());
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out));
  return out;
}

// binaryMediaTypes is a list that patches edit like a set keyed by the escaped
// media type: "add /binaryMediaTypes/image~1png". A replace removes the old
// entry and appends the new value at the end, as AWS does.
Status PatchBinaryMediaTypes(const PatchMatch& m, JsonValue& api, JsonAlloc& a) {
  const std::string& media_type = m.Var("type");
  JsonValue* list = MutableMember(api, "binaryMediaTypes");
  if (!list || !list->IsArray()) {
    SetMember(api, "binaryMediaTypes", JsonValue(rapidjson::kArrayType), a);
    list = MutableMember(api, "binaryMediaTypes");
  }
  for (auto it = list->Begin(); it != list->End(); ++it) {
    if (it->IsString() && media_type == std::string_view(it->GetString(), it->GetStringLength())) {
      list->Erase(it);
      break;
    }
  }
  const PatchOperation& op = *m.operation;
  if (op.op == PatchOp::kAdd) list->PushBack(JsonString(media_type, a), a);
  if (op.op == PatchOp::kReplace && op.value) list->PushBack(JsonString(*op.value, a), a);
  if (list->Empty()) RemoveMember(api, "binaryMediaTypes");
  return Status::Ok();
}

std::string EndpointType(const JsonValue& api) {
  const JsonValue* ec = Member(api, "endpointConfiguration");
  const JsonValue* types = ec ? Member(*ec, "types") : nullptr;
  if (!types || !types->IsArray() || types->Empty() || !(*types)[0].IsString()) return "EDGE";
  return (*types)[0].GetString();
}

// "replace /endpointConfiguration/types/0": AWS answers any other op with its
// own wording, so the rule takes every op and checks itself.
Status PatchEndpointType(const PatchMatch& m, JsonValue& api, JsonAlloc& a) {
  if (m.operation->op != PatchOp::kReplace)
    return Status::BadRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
  const std::string value = m.operation->value.value_or("");
  if (value != "REGIONAL" && value != "EDGE" && value != "PRIVATE")
    return Status::BadRequest("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
  JsonValue& ec = ObjectMember(api, "endpointConfiguration", a);
  JsonValue list(rapidjson::kArrayType);
  list.PushBack(JsonString(value, a), a);
  SetMember(ec, "types", std::move(list), a);
  // A private API only supports dualstack: switching to PRIVATE sets it.
  if (value == "PRIVATE") SetString(ec, "ipAddressType", "dualstack", a);
  return Status::Ok();
}

Status PatchIpAddressType(const PatchMatch& m, JsonValue& api, JsonAlloc& a) {
  const std::string value = m.operation->value.value_or("");
  if (value != "ipv4" && value != "dualstack") return Status::BadRequest("ipAddressType must be either ipv4 or dualstack.");
  if (value == "ipv4" && EndpointType(api) == "PRIVATE")
    return Status::BadRequest("Only dualstack ipAddressType is supported for Private APIs.");
  SetString(ObjectMember(api, "endpointConfiguration", a), "ipAddressType", value, a);
  return Status::Ok();
}

Status PatchVpcEndpointIds(const PatchMatch& m, JsonValue& api, JsonAlloc& a) {
  const std::string value = m.operation->value.value_or("");
  JsonValue& ec = ObjectMember(api, "endpointConfiguration", a);
  JsonValue* ids = MutableMember(ec, "vpcEndpointIds");
  if (!ids || !ids->IsArray()) {
    SetMember(ec, "vpcEndpointIds", JsonValue(rapidjson::kArrayType), a);
    ids = MutableMember(ec, "vpcEndpointIds");
  }
  for (auto it = ids->Begin(); it != ids->End(); ++it) {
    if (it->IsString() && value == it->GetString()) {
      ids->Erase(it);
      break;
    }
  }
  if (m.operation->op != PatchOp::kRemove) ids->PushBack(JsonString(value, a), a);
  if (ids->Empty()) RemoveMember(ec, "vpcEndpointIds");
  return Status::Ok();
}

// No value (or an empty one) turns compression off.
Status PatchCompressionSize(const PatchMatch& m, JsonValue& api, JsonAlloc& a) {
  const std::string value = m.operation->value.value_or("");
  if (value.empty()) {
    RemoveMember(api, "minimumCompressionSize");
    return Status::Ok();
  }
  char* end = nullptr;
  long long size = std::strtoll(value.c_str(), &end, 10);
  if (end != value.c_str() + value.size() || size < 0 || size > kMaxCompressionSize) return InvalidCompressionSize();
  SetMember(api, "minimumCompressionSize", JsonValue(int64_t(size)), a);
  return Status::Ok();
}

Status PatchApiKeySource(const PatchMatch& m, JsonValue& api, JsonAlloc& a) {
  const std::string value = m.operation->value.value_or("");
  if (value != "HEADER" && value != "AUTHORIZER")
    return Status::BadRequest("Invalid API Key Source specified. Valid options are HEADER,AUTHORIZER");
  SetString(api, "apiKeySource", value, a);
  return Status::Ok();
}

// UpdateRestApi's paths, worded as AWS words REST API patch errors.
const PatchRules& RestApiPatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPlain);
    const PatchOps replace_or_remove = {PatchOp::kReplace, PatchOp::kRemove};
    r.String("/name", "name")
        .String("/description", "description", replace_or_remove)
        .String("/version", "version", replace_or_remove)
        .String("/policy", "policy", replace_or_remove)
        .Bool("/disableExecuteApiEndpoint", "disableExecuteApiEndpoint")
        .Custom("/apiKeySource", {PatchOp::kReplace}, PatchApiKeySource)
        .Custom("/minimumCompressionSize", {PatchOp::kReplace}, PatchCompressionSize)
        .Custom("/binaryMediaTypes/{type}", {PatchOp::kAdd, PatchOp::kRemove, PatchOp::kReplace}, PatchBinaryMediaTypes)
        .Custom("/endpointConfiguration/types/{index}", PatchOps::All(), PatchEndpointType)
        .Custom("/endpointConfiguration/ipAddressType", {PatchOp::kReplace}, PatchIpAddressType)
        .Custom("/endpointConfiguration/vpcEndpointIds", {PatchOp::kAdd, PatchOp::kRemove, PatchOp::kReplace},
                PatchVpcEndpointIds);
    return r;
  }();
  return rules;
}

OperationResult UpdateRestApi(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  auto api = LoadRestApi(deps.store, ctx, api_id);
  if (!api.ok()) return api.status();
  APIGW_RETURN_IF_ERROR(RestApiPatchRules().Apply(input, *api, api->GetAllocator()));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kRestApi, ctx.region, api_id, ToJson(*api)));
  // AWS answers an update with "tags" even when the API has none.
  if (!Member(*api, "tags")) SetMember(*api, "tags", JsonValue(rapidjson::kObjectType), api->GetAllocator());
  return api;
}

OperationResult DeleteRestApi(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidApiId(ctx, api_id);
  state::WriteBatch batch;
  batch.Delete(kind::kRestApi, ctx.region, api_id);
  batch.DeleteScopeTree(api_id);  // resources, models, deployments, stages, ... of this API
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  UnpublishApi(deps, api_id);
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterRestApis(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateRestApi", CreateRestApi);
  AddHandler(table, deps, "GetRestApi", GetRestApi);
  AddHandler(table, deps, "GetRestApis", GetRestApis);
  AddHandler(table, deps, "UpdateRestApi", UpdateRestApi);
  AddHandler(table, deps, "DeleteRestApi", DeleteRestApi);
}

}  // namespace apigw::cp::apigateway
