// The documentation part family: CreateDocumentationPart, GetDocumentationPart,
// GetDocumentationParts, UpdateDocumentationPart, DeleteDocumentationPart and
// ImportDocumentationParts. A DocumentationPart is stored as kind
// documentationpart, keyed by its 6-character id, with its location as AWS
// answers it: the fields its type takes, omitted ones at their documented
// defaults (path "/", method "*", statusCode "*").
//
// Recorded against AWS (LocalStack's test_apigateway_api and
// test_apigateway_common snapshots):
//   Create/GetParts/Delete on a missing API: "Invalid API identifier specified <account>:<id>";
//   Get/Update on a missing API or part, Delete of a missing part: NotFoundException
//   "Invalid Documentation part identifier specified";
//   patch: replace /properties only ("Please choose supported operations",
//   "Must be one of: [/properties]");
//   an import of a METHOD or RESPONSE location without a path answers path "/";
//   an import body that is neither JSON nor YAML: "Unable to build importer with provided input."
// Documented (developer guide): a second part at the same location is a
// ConflictException "Documentation part already exists for the specified
// location: type 'API'.". Not recorded, worded here: a location field its type
// does not take, or a missing name where the type needs one.
#include <algorithm>
#include <string>
#include <vector>

#include "base/text.h"
#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/new_record_id.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

Status InvalidPartId() { return Status::NotFound("Invalid Documentation part identifier specified"); }
Status EmptyProperties() { return Status::BadRequest("Documentation part properties must be non-empty"); }
Status UnbuildableImport() { return Status::BadRequest("Unable to build importer with provided input."); }

// The location fields each entity type takes (API reference, DocumentationPartLocation).
struct LocationFields {
  bool path = false;
  bool method = false;
  bool status_code = false;
  bool name = false;
  bool name_required = false;
};

std::optional<LocationFields> FieldsOf(std::string_view type) {
  if (type == "API") return LocationFields{};
  if (type == "AUTHORIZER" || type == "MODEL") return LocationFields{false, false, false, true, true};
  if (type == "RESOURCE") return LocationFields{true, false, false, false, false};
  if (type == "METHOD") return LocationFields{true, true, false, false, false};
  if (type == "PATH_PARAMETER" || type == "QUERY_PARAMETER" || type == "REQUEST_HEADER")
    return LocationFields{true, true, false, true, true};
  if (type == "REQUEST_BODY") return LocationFields{true, true, false, true, false};
  if (type == "RESPONSE" || type == "RESPONSE_BODY") return LocationFields{true, true, true, false, false};
  if (type == "RESPONSE_HEADER") return LocationFields{true, true, true, true, true};
  return std::nullopt;
}

// A location field as given: absent and blank ("  ") both mean "not given".
std::optional<std::string> Field(const JsonValue* location, std::string_view name) {
  if (!location || !location->IsObject()) return std::nullopt;
  std::optional<std::string> v = GetString(*location, name);
  if (v && Trim(*v).empty()) return std::nullopt;
  return v;
}

// The location as stored and answered: its type's fields, defaults filled in.
StatusOr<JsonDoc> NormalizeLocation(const JsonValue* location) {
  std::string type = Field(location, "type").value_or("");
  std::optional<LocationFields> fields = FieldsOf(type);
  if (!fields) return Status::BadRequest("Invalid documentation part type '" + type + "'");
  struct Spec {
    const char* member;
    bool allowed;
    const char* fallback;  // nullptr: no default
  };
  const Spec specs[] = {{"path", fields->path, "/"},
                        {"method", fields->method, "*"},
                        {"statusCode", fields->status_code, "*"},
                        {"name", fields->name, nullptr}};
  JsonDoc out(rapidjson::kObjectType);
  JsonAlloc& a = out.GetAllocator();
  SetString(out, "type", type, a);
  for (const Spec& spec : specs) {
    std::optional<std::string> value = Field(location, spec.member);
    if (value && !spec.allowed)
      return Status::BadRequest("Invalid location: '" + std::string(spec.member) +
                                "' is not a valid field for type '" + type + "'");
    if (!spec.allowed) continue;
    if (!value && spec.fallback) value = spec.fallback;
    if (value) SetString(out, spec.member, *value, a);
  }
  if (fields->name_required && !Member(out, "name"))
    return Status::BadRequest("Invalid location: 'name' is required for type '" + type + "'");
  return out;
}

// "type 'METHOD', path '/pets', method 'GET'": the conflict message's location.
std::string DescribeLocation(const JsonValue& location) {
  std::string out = "type '" + GetString(location, "type").value_or("") + "'";
  for (const char* member : {"path", "method", "statusCode", "name"})
    if (std::optional<std::string> v = GetString(location, member)) out += ", " + std::string(member) + " '" + *v + "'";
  return out;
}

bool SameLocation(const JsonValue& a, const JsonValue& b) {
  for (const char* member : {"type", "path", "method", "statusCode", "name"})
    if (GetString(a, member) != GetString(b, member)) return false;
  return true;
}

Status CheckApi(ApigatewayDeps& deps, const CallContext& ctx, const std::string& api_id) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  return *exists ? Status::Ok() : InvalidApiId(ctx, api_id);
}

// The part, after checking its API exists: either missing is InvalidPartId.
StatusOr<JsonDoc> LoadPart(ApigatewayDeps& deps, const CallContext& ctx, const std::string& api_id,
                           const std::string& id) {
  auto exists = RestApiExists(deps.store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidPartId();
  return LoadDoc(deps.store, kind::kDocumentationPart, api_id, id, InvalidPartId());
}

JsonDoc NewPart(const std::string& id, const JsonValue& location, const std::string& properties) {
  JsonDoc part(rapidjson::kObjectType);
  JsonAlloc& a = part.GetAllocator();
  SetString(part, "id", id, a);
  SetMember(part, "location", JsonValue(location, a), a);
  SetString(part, "properties", properties, a);
  return part;
}

OperationResult CreateDocumentationPart(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto location = NormalizeLocation(Member(input, "location"));
  if (!location.ok()) return location.status();
  std::string properties = GetString(input, "properties").value_or("");
  if (Trim(properties).empty()) return EmptyProperties();
  auto parts = LoadAll(deps.store, kind::kDocumentationPart, api_id);
  if (!parts.ok()) return parts.status();
  for (const JsonDoc& part : *parts) {
    const JsonValue* existing = Member(part, "location");
    if (existing && SameLocation(*existing, *location))
      return Status::Conflict("Documentation part already exists for the specified location: " +
                              DescribeLocation(*location) + ".");
  }
  auto id = NewRecordId(deps.store, deps.ids, kind::kDocumentationPart, api_id);
  if (!id.ok()) return id.status();
  JsonDoc part = NewPart(*id, *location, properties);
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kDocumentationPart, api_id, *id, ToJson(part)));
  return part;
}

OperationResult GetDocumentationPart(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadPart(deps, ctx, GetString(input, "restApiId").value_or(""),
                  GetString(input, "documentationPartId").value_or(""));
}

// The filters of GetDocumentationParts: type and path match exactly, name
// (nameQuery) as a substring; locationStatus DOCUMENTED lists the parts,
// UNDOCUMENTED the entities without one, which are not parts and so none here.
bool Matches(const JsonValue& input, const JsonValue& part) {
  const JsonValue* location = Member(part, "location");
  if (!location) return false;
  if (auto type = GetString(input, "type"); type && GetString(*location, "type") != type) return false;
  if (auto path = GetString(input, "path"); path && GetString(*location, "path") != path) return false;
  if (auto name = GetString(input, "nameQuery")) {
    std::optional<std::string> part_name = GetString(*location, "name");
    if (!part_name || part_name->find(*name) == std::string::npos) return false;
  }
  return GetString(input, "locationStatus") != std::optional<std::string>("UNDOCUMENTED");
}

OperationResult GetDocumentationParts(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto parts = LoadAll(deps.store, kind::kDocumentationPart, api_id);
  if (!parts.ok()) return parts.status();
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& part : *parts)
    if (Matches(input, part)) items.PushBack(JsonValue(part, out.GetAllocator()), out.GetAllocator());
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out));
  return out;
}

const PatchRules& PartPatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPathForOp);
    r.Custom("/properties", {PatchOp::kReplace}, [](const PatchMatch& m, JsonValue& part, JsonAlloc& a) {
      const std::optional<std::string>& value = m.operation->value;
      if (!value || Trim(*value).empty()) return EmptyProperties();
      SetString(part, "properties", *value, a);
      return Status::Ok();
    });
    return r;
  }();
  return rules;
}

OperationResult UpdateDocumentationPart(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string id = GetString(input, "documentationPartId").value_or("");
  auto part = LoadPart(deps, ctx, api_id, id);
  if (!part.ok()) return part.status();
  APIGW_RETURN_IF_ERROR(PartPatchRules().Apply(input, *part, part->GetAllocator()));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kDocumentationPart, api_id, id, ToJson(*part)));
  return part;
}

OperationResult DeleteDocumentationPart(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string id = GetString(input, "documentationPartId").value_or("");
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  auto part = LoadDoc(deps.store, kind::kDocumentationPart, api_id, id, InvalidPartId());
  if (!part.ok()) return part.status();
  APIGW_RETURN_IF_ERROR(deps.store.Delete(kind::kDocumentationPart, api_id, id));
  return JsonDoc(rapidjson::kObjectType);
}

// ImportDocumentationParts: the x-amazon-apigateway-documentation extension of
// an OpenAPI (2.0 or 3.x) definition in JSON. mode=merge (the default) puts
// each imported part over the part at its location (keeping that part's id)
// or adds it; mode=overwrite replaces every part. A part whose location is
// invalid is a warning, or the import's failure with failonwarnings=true.
OperationResult ImportDocumentationParts(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string api_id = GetString(input, "restApiId").value_or("");
  std::string body = GetString(input, "body").value_or("");
  auto definition = ParseJson(body);
  // YAML definitions are not read (no YAML parser in the emulator): refused as AWS refuses unreadable ones.
  if (!definition.ok() || !definition->IsObject()) return UnbuildableImport();
  APIGW_RETURN_IF_ERROR(CheckApi(deps, ctx, api_id));
  const bool overwrite = GetString(input, "mode") == std::optional<std::string>("overwrite");
  const bool fail_on_warnings = GetBool(input, "failOnWarnings").value_or(false);

  auto existing = LoadAll(deps.store, kind::kDocumentationPart, api_id);
  if (!existing.ok()) return existing.status();
  state::WriteBatch batch;
  std::vector<JsonDoc> kept;  // the parts the import may merge into
  if (overwrite) {
    for (const JsonDoc& part : *existing) batch.Delete(kind::kDocumentationPart, api_id, GetString(part, "id").value_or(""));
  } else {
    kept = std::move(existing).value();
  }

  JsonDoc out(rapidjson::kObjectType);
  JsonAlloc& a = out.GetAllocator();
  JsonValue ids(rapidjson::kArrayType);
  JsonValue warnings(rapidjson::kArrayType);
  const JsonValue* extension = Member(*definition, "x-amazon-apigateway-documentation");
  const JsonValue* imported = extension && extension->IsObject() ? Member(*extension, "documentationParts") : nullptr;
  std::vector<std::string> taken;  // ids drawn in this import, not yet in the store
  if (imported && imported->IsArray()) {
    size_t index = 0;
    for (const JsonValue& entry : imported->GetArray()) {
      ++index;
      const JsonValue* given = entry.IsObject() ? Member(entry, "location") : nullptr;
      auto location = NormalizeLocation(given);
      if (!location.ok()) {
        if (fail_on_warnings) return location.status();
        warnings.PushBack(JsonString("documentationParts[" + std::to_string(index - 1) + "]: " +
                                         location.status().message(), a),
                          a);
        continue;
      }
      const JsonValue* properties = Member(entry, "properties");
      std::string text = !properties ? "{}" : properties->IsString() ? properties->GetString() : ToJson(*properties);
      JsonDoc* target = nullptr;
      for (JsonDoc& part : kept) {
        const JsonValue* at = Member(part, "location");
        if (at && SameLocation(*at, *location)) target = &part;
      }
      if (target) {
        SetString(*target, "properties", text, target->GetAllocator());
        PutDoc(batch, kind::kDocumentationPart, api_id, GetString(*target, "id").value_or(""), *target);
        ids.PushBack(JsonString(GetString(*target, "id").value_or(""), a), a);
        continue;
      }
      std::string id;
      do {
        auto drawn = NewRecordId(deps.store, deps.ids, kind::kDocumentationPart, api_id);
        if (!drawn.ok()) return drawn.status();
        id = *drawn;
      } while (std::find(taken.begin(), taken.end(), id) != taken.end());
      taken.push_back(id);
      kept.push_back(NewPart(id, *location, text));
      PutDoc(batch, kind::kDocumentationPart, api_id, id, kept.back());
      ids.PushBack(JsonString(id, a), a);
    }
  }
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  SetMember(out, "ids", std::move(ids), a);
  if (!warnings.Empty()) SetMember(out, "warnings", std::move(warnings), a);
  return out;
}

}  // namespace

void RegisterDocumentationParts(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateDocumentationPart", CreateDocumentationPart);
  AddHandler(table, deps, "GetDocumentationPart", GetDocumentationPart);
  AddHandler(table, deps, "GetDocumentationParts", GetDocumentationParts);
  AddHandler(table, deps, "UpdateDocumentationPart", UpdateDocumentationPart);
  AddHandler(table, deps, "DeleteDocumentationPart", DeleteDocumentationPart);
  AddHandler(table, deps, "ImportDocumentationParts", ImportDocumentationParts);
}

}  // namespace apigw::cp::apigateway
