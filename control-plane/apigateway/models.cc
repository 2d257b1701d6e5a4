// The model family: CreateModel, GetModel, GetModels, UpdateModel and
// DeleteModel (refused while a method request uses the model).
#include <algorithm>
#include <cctype>
#include <string>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/default_models.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/resource_tree.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

Status InvalidModelName(std::string_view name) {
  return Status::NotFound("Invalid model name specified: " + std::string(name));
}

// AWS's answer for a missing or empty schema, whatever the content type.
Status CheckSchema(const std::optional<std::string>& schema) {
  if (!schema || schema->empty())
    return Status::BadRequest("Model schema must have at least 1 property or array items defined");
  // Request validation compiles the schema: it must at least be JSON.
  if (!ParseJson(*schema).ok())
    return Status::BadRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]");
  return Status::Ok();
}

// The model, or "Invalid model name specified" when it or its API is missing.
StatusOr<JsonDoc> LoadModel(ApigatewayDeps& deps, const CallContext& ctx, const std::string& api_id,
                            const std::string& name) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidModelName(name);
  return LoadDoc(deps.store, kind::kModel, api_id, name, InvalidModelName(name));
}

OperationResult CreateModel(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string name = GetString(input, "name").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidApiId(ctx, api_id);
  if (name.empty()) return Status::BadRequest("Model name must be non-empty");
  // Names are alphanumeric (AWS's importer relays this message for each
  // model it cannot create, e.g. "Model name must be alphanumeric: body_1").
  if (!std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) != 0; }))
    return Status::BadRequest("Model name must be alphanumeric: " + name);
  auto existing = deps.store.Get(kind::kModel, api_id, name);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Conflict("Model name already exists for this REST API");
  std::optional<std::string> schema = GetString(input, "schema");
  APIGW_RETURN_IF_ERROR(CheckSchema(schema));

  JsonDoc model(rapidjson::kObjectType);
  JsonAlloc& a = model.GetAllocator();
  SetString(model, "id", deps.ids.LowerAlnum(kModelIdLength), a);
  SetString(model, "name", name, a);
  // An empty description is not kept (AWS answers none).
  if (auto d = GetString(input, "description"); d && !d->empty()) SetString(model, "description", *d, a);
  SetString(model, "schema", *schema, a);
  SetString(model, "contentType", GetString(input, "contentType").value_or("application/json"), a);
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kModel, api_id, name, ToJson(model)));
  return model;
}

OperationResult GetModel(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadModel(deps, ctx, GetString(input, "restApiId").value_or(""), GetString(input, "modelName").value_or(""));
}

OperationResult GetModels(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidApiId(ctx, api_id);
  auto models = LoadAll(deps.store, kind::kModel, api_id);
  if (!models.ok()) return models.status();
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& m : *models) items.PushBack(JsonValue(m, out.GetAllocator()), out.GetAllocator());
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out));
  return out;
}

// Only "replace" of /description and /schema exists (listed in that order,
// as AWS lists them in its error).
const PatchRules& ModelPatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPathForOp);
    r.Custom("/description", {PatchOp::kReplace}, [](const PatchMatch& m, JsonValue& model, JsonAlloc& a) {
      // An empty description is no description.
      const std::optional<std::string>& value = m.operation->value;
      if (value && !value->empty()) {
        SetString(model, "description", *value, a);
      } else {
        RemoveMember(model, "description");
      }
      return Status::Ok();
    });
    r.Custom("/schema", {PatchOp::kReplace}, [](const PatchMatch& m, JsonValue& model, JsonAlloc& a) {
      APIGW_RETURN_IF_ERROR(CheckSchema(m.operation->value));
      SetString(model, "schema", *m.operation->value, a);
      return Status::Ok();
    });
    return r;
  }();
  return rules;
}

OperationResult UpdateModel(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string name = GetString(input, "modelName").value_or("");
  auto model = LoadModel(deps, ctx, api_id, name);
  if (!model.ok()) return model.status();
  APIGW_RETURN_IF_ERROR(ModelPatchRules().Apply(input, *model, model->GetAllocator()));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kModel, api_id, name, ToJson(*model)));
  return model;
}

// "<resource path>/<HTTP method>" of a method whose request uses `name`, or
// "" when none does. AWS names the most recently created one it finds.
StatusOr<std::string> MethodUsingModel(ApigatewayDeps& deps, const std::string& api_id, const std::string& name) {
  auto tree = ResourceTree::Load(deps.store, api_id);
  if (!tree.ok()) return tree.status();
  const auto& resources = tree->resources();
  for (auto r = resources.rbegin(); r != resources.rend(); ++r) {
    const JsonValue* methods = Member(*r, "resourceMethods");
    if (!methods || !methods->IsObject()) continue;
    for (const auto& m : methods->GetObject()) {
      const JsonValue* models = Member(m.value, "requestModels");
      if (!models || !models->IsObject()) continue;
      for (const auto& used : models->GetObject()) {
        if (used.value.IsString() && name == used.value.GetString()) {
          return GetString(*r, "path").value_or("/") + "/" + std::string(m.name.GetString(), m.name.GetStringLength());
        }
      }
    }
  }
  return std::string();
}

OperationResult DeleteModel(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string name = GetString(input, "modelName").value_or("");
  auto model = LoadModel(deps, ctx, api_id, name);
  if (!model.ok()) return model.status();
  auto user = MethodUsingModel(deps, api_id, name);
  if (!user.ok()) return user.status();
  if (!user->empty())
    return Status::Conflict("Cannot delete model '" + name + "', is referenced in method request: " + *user);
  APIGW_RETURN_IF_ERROR(deps.store.Delete(kind::kModel, api_id, name));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterModels(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateModel", CreateModel);
  AddHandler(table, deps, "GetModel", GetModel);
  AddHandler(table, deps, "GetModels", GetModels);
  AddHandler(table, deps, "UpdateModel", UpdateModel);
  AddHandler(table, deps, "DeleteModel", DeleteModel);
}

}  // namespace apigw::cp::apigateway
