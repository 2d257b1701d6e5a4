// The resource family: CreateResource, GetResource, GetResources,
// UpdateResource (moving or renaming re-paths the whole subtree) and
// DeleteResource (deleting the whole subtree).
#include <string>
#include <vector>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/path_part.h"
#include "control-plane/apigateway/resource_tree.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

constexpr size_t kResourceIdLength = 6;  // child resources have 6-character ids on AWS

// Shapes a copy of a stored resource as the API answers it. Without
// embed=methods, "resourceMethods" only names the methods ({"GET": {}}); with
// it, each Method is complete. A resource without methods has no member.
void ShapeResourceMethods(JsonValue& resource, bool embed_methods) {
  JsonValue* methods = MutableMember(resource, "resourceMethods");
  if (!methods) return;
  if (!methods->IsObject() || methods->MemberCount() == 0) {
    RemoveMember(resource, "resourceMethods");
  } else if (!embed_methods) {
    for (auto& m : methods->GetObject()) m.value.SetObject();
  }
}

JsonDoc ResourceAnswer(const JsonValue& stored, bool embed_methods) {
  JsonDoc out = CopyDoc(stored);
  ShapeResourceMethods(out, embed_methods);
  return out;
}

bool WantsMethods(const JsonValue& input) {
  const JsonValue* embed = Member(input, "embed");
  if (!embed || !embed->IsArray()) return false;
  for (const JsonValue& e : embed->GetArray())
    if (e.IsString() && std::string_view(e.GetString()) == "methods") return true;
  return false;
}

std::string PathPartOf(const JsonValue& resource) { return GetString(resource, "pathPart").value_or(""); }
std::string PathOf(const JsonValue& resource) { return GetString(resource, "path").value_or("/"); }

Status GreedyParent(const JsonValue& parent) {
  return Status::BadRequest("Cannot create a child of a resource with a greedy path variable: " + PathPartOf(parent));
}

OperationResult CreateResource(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string parent_id = GetString(input, "parentId").value_or("");
  std::string part = GetString(input, "pathPart").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidApiId(ctx, api_id);
  auto tree = ResourceTree::Load(deps.store, api_id);
  if (!tree.ok()) return tree.status();
  const JsonDoc* parent = tree->Find(parent_id);
  if (!parent) return InvalidResourceId();
  APIGW_RETURN_IF_ERROR(CheckPathPart(part));
  if (IsGreedyPathPart(PathPartOf(*parent))) return GreedyParent(*parent);
  APIGW_RETURN_IF_ERROR(CheckSiblings(*tree, parent_id, part));

  std::string id;
  do {
    id = deps.ids.LowerAlnum(kResourceIdLength);
  } while (tree->Find(id));
  JsonDoc resource(rapidjson::kObjectType);
  JsonAlloc& a = resource.GetAllocator();
  SetString(resource, "id", id, a);
  SetString(resource, "parentId", parent_id, a);
  SetString(resource, "pathPart", part, a);
  SetString(resource, "path", ChildPath(PathOf(*parent), part), a);
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kResource, api_id, id, ToJson(resource)));
  return resource;
}

OperationResult GetResource(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto resource = LoadResource(deps.store, ctx, GetString(input, "restApiId").value_or(""),
                               GetString(input, "resourceId").value_or(""));
  if (!resource.ok()) return resource.status();
  return ResourceAnswer(*resource, WantsMethods(input));
}

OperationResult GetResources(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidApiId(ctx, api_id);
  auto resources = LoadAll(deps.store, kind::kResource, api_id);
  if (!resources.ok()) return resources.status();
  const bool embed = WantsMethods(input);
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& r : *resources) {
    items.PushBack(JsonValue(r, out.GetAllocator()), out.GetAllocator());
    ShapeResourceMethods(items[items.Size() - 1], embed);
  }
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out));
  return out;
}

// UpdateResource's only paths: "replace" of /parentId and /pathPart, applied
// to resource `id` of `tree` with AWS's checks. Paths are recomputed after
// the last operation.
PatchRules ResourcePatchRules(ResourceTree& tree, const std::string& id) {
  auto not_root = [&tree, id](const PatchMatch& m) -> Status {
    if (Member(*tree.Find(id), "parentId")) return Status::Ok();
    return Status::BadRequest("Root resource cannot update its " + m.path.substr(1) + ".");
  };
  PatchRules rules(PatchRules::ErrorStyle::kPathForOp);
  rules.Custom("/parentId", {PatchOp::kReplace}, [&tree, id, not_root](const PatchMatch& m, JsonValue&, JsonAlloc&) {
    APIGW_RETURN_IF_ERROR(not_root(m));
    const std::string value = m.operation->value.value_or("");
    const JsonDoc* parent = tree.Find(value);
    if (!parent) return InvalidResourceId();
    for (const std::string& below : tree.Subtree(id))
      if (below == value) return Status::BadRequest("Resources cannot be cyclical.");
    if (IsGreedyPathPart(PathPartOf(*parent))) return GreedyParent(*parent);
    APIGW_RETURN_IF_ERROR(CheckSiblings(tree, value, PathPartOf(*tree.Find(id)), id));
    tree.SetParent(id, value);
    return Status::Ok();
  });
  rules.Custom("/pathPart", {PatchOp::kReplace}, [&tree, id, not_root](const PatchMatch& m, JsonValue&, JsonAlloc&) {
    APIGW_RETURN_IF_ERROR(not_root(m));
    const std::string value = m.operation->value.value_or("");
    JsonDoc& resource = *tree.Find(id);
    APIGW_RETURN_IF_ERROR(CheckPathPart(value));
    APIGW_RETURN_IF_ERROR(CheckSiblings(tree, GetString(resource, "parentId").value_or(""), value, id));
    SetString(resource, "pathPart", value, resource.GetAllocator());
    return Status::Ok();
  });
  return rules;
}

// Recomputes the paths of `id` and everything below it, adding each resource
// to `batch`.
void Repath(ResourceTree& tree, std::string_view api_id, std::string_view id, state::WriteBatch& batch) {
  for (const std::string& rid : tree.Subtree(id)) {
    JsonDoc& r = *tree.Find(rid);
    const JsonDoc* parent = tree.Find(GetString(r, "parentId").value_or(""));
    if (!parent) continue;  // the root keeps "/"
    SetString(r, "path", ChildPath(PathOf(*parent), PathPartOf(r)), r.GetAllocator());
    PutDoc(batch, kind::kResource, api_id, rid, r);
  }
}

OperationResult UpdateResource(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string resource_id = GetString(input, "resourceId").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidResourceId();
  auto tree = ResourceTree::Load(deps.store, api_id);
  if (!tree.ok()) return tree.status();
  if (!tree->Find(resource_id)) return InvalidResourceId();
  std::vector<PatchOperation> ops = ReadPatchOperations(input);
  // The rules edit the tree's documents; the document argument is unused.
  JsonDoc unused;
  APIGW_RETURN_IF_ERROR(ResourcePatchRules(*tree, resource_id).Apply(ops, unused, unused.GetAllocator()));
  if (!ops.empty()) {
    state::WriteBatch batch;
    Repath(*tree, api_id, resource_id, batch);
    APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  }
  return ResourceAnswer(*tree->Find(resource_id), false);
}

OperationResult DeleteResource(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string resource_id = GetString(input, "resourceId").value_or("");
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidResourceId();
  auto tree = ResourceTree::Load(deps.store, api_id);
  if (!tree.ok()) return tree.status();
  const JsonDoc* resource = tree->Find(resource_id);
  if (!resource) return InvalidResourceId();
  if (!Member(*resource, "parentId")) return Status::BadRequest("Cannot delete root resource");
  state::WriteBatch batch;
  for (const std::string& id : tree->Subtree(resource_id)) batch.Delete(kind::kResource, api_id, id);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterResources(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateResource", CreateResource);
  AddHandler(table, deps, "GetResource", GetResource);
  AddHandler(table, deps, "GetResources", GetResources);
  AddHandler(table, deps, "UpdateResource", UpdateResource);
  AddHandler(table, deps, "DeleteResource", DeleteResource);
}

}  // namespace apigw::cp::apigateway
