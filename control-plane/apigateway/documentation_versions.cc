// The documentation version family: CreateDocumentationVersion,
// GetDocumentationVersion, GetDocumentationVersions,
// UpdateDocumentationVersion and DeleteDocumentationVersion. A
// DocumentationVersion is stored as kind documentationversion, keyed by its
// version, as GetDocumentationVersion answers it.
//
// Recorded against AWS (LocalStack's test_apigateway_common snapshot): create
// answers {version, createdDate} (description when given), replace
// /description updates it. Known from tools that depend on it (serverless
// documentation plugins): a missing version is NotFoundException "Invalid
// Documentation version specified". Not recorded, worded here: creating a
// version that exists (ConflictException).
#include <string>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/apigateway/stage_records.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

Status InvalidVersion() { return Status::NotFound("Invalid Documentation version specified"); }

std::string Str(const JsonValue& input, std::string_view name) { return GetString(input, name).value_or(""); }

Status CheckApi(ApigatewayDeps& deps, const CallContext& ctx, const std::string& api_id) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  return *exists ? Status::Ok() : InvalidApiId(ctx, api_id);
}

// The version, after checking its API exists: either missing is InvalidVersion.
StatusOr<JsonDoc> LoadVersion(ApigatewayDeps& deps, const CallContext& ctx, const std::string& api_id,
                              const std::string& version) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidVersion();
  return LoadDoc(deps.store, kind::kDocumentationVersion, api_id, version, InvalidVersion());
}

// stageName: the stage then shows this version as its documentationVersion.
OperationResult CreateDocumentationVersion(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string version = Str(input, "documentationVersion");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  if (version.empty()) return Status::BadRequest("Documentation version cannot be empty");
  auto existing = deps.store.Get(kind::kDocumentationVersion, api_id, version);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) return Status::Conflict("Documentation version already exists");

  state::WriteBatch batch;
  if (std::optional<std::string> stage_name = GetString(input, "stageName")) {
    auto stage = LoadStage(deps.store, api_id, *stage_name);
    if (!stage.ok()) return stage.status();
    SetOptionalString(*stage, "documentationVersion", version);
    PutDoc(batch, kind::kStage, api_id, *stage_name, *stage);
  }
  JsonDoc doc(rapidjson::kObjectType);
  JsonAlloc& a = doc.GetAllocator();
  SetString(doc, "version", version, a);
  SetMember(doc, "createdDate", JsonValue(ctx.now_ms / 1000), a);
  if (std::optional<std::string> description = GetString(input, "description"))
    SetString(doc, "description", *description, a);
  PutDoc(batch, kind::kDocumentationVersion, api_id, version, doc);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  return doc;
}

OperationResult GetDocumentationVersion(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadVersion(deps, ctx, Str(input, "restApiId"), Str(input, "documentationVersion"));
}

OperationResult GetDocumentationVersions(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto versions = LoadAll(deps.store, kind::kDocumentationVersion, api_id);
  if (!versions.ok()) return versions.status();
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& v : *versions) items.PushBack(JsonValue(v, out.GetAllocator()), out.GetAllocator());
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out, "version"));
  return out;
}

const PatchRules& VersionPatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPathForOp);
    r.String("/description", "description");
    return r;
  }();
  return rules;
}

OperationResult UpdateDocumentationVersion(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string version = Str(input, "documentationVersion");
  auto doc = LoadVersion(deps, ctx, api_id, version);
  if (!doc.ok()) return doc.status();
  APIGW_RETURN_IF_ERROR(VersionPatchRules().Apply(input, *doc, doc->GetAllocator()));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kDocumentationVersion, api_id, version, ToJson(*doc)));
  return doc;
}

OperationResult DeleteDocumentationVersion(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = Str(input, "restApiId");
  std::string version = Str(input, "documentationVersion");
  auto doc = LoadVersion(deps, ctx, api_id, version);
  if (!doc.ok()) return doc.status();
  APIGW_RETURN_IF_ERROR(deps.store.Delete(kind::kDocumentationVersion, api_id, version));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterDocumentationVersions(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateDocumentationVersion", CreateDocumentationVersion);
  AddHandler(table, deps, "GetDocumentationVersion", GetDocumentationVersion);
  AddHandler(table, deps, "GetDocumentationVersions", GetDocumentationVersions);
  AddHandler(table, deps, "UpdateDocumentationVersion", UpdateDocumentationVersion);
  AddHandler(table, deps, "DeleteDocumentationVersion", DeleteDocumentationVersion);
}

}  // namespace apigw::cp::apigateway
