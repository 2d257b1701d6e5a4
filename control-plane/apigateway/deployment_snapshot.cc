// Freezing a REST API into the document its deployments serve.
#include "control-plane/apigateway/deployment_snapshot.h"

#include <string>
#include <utility>
#include <vector>

#include "control-plane/apigateway/rest_records.h"

namespace apigw::cp::apigateway {
namespace {

// Appends every record of `kind` under `api_id` to a new array member `name`.
Status AddRecords(state::Store& store, std::string_view kind, std::string_view api_id, std::string_view name,
                  JsonDoc& out) {
  auto docs = LoadAll(store, kind, api_id);
  if (!docs.ok()) return docs.status();
  auto& alloc = out.GetAllocator();
  JsonValue list(rapidjson::kArrayType);
  list.Reserve(rapidjson::SizeType(docs->size()), alloc);
  for (const JsonDoc& doc : *docs) list.PushBack(JsonValue(doc, alloc), alloc);
  out.AddMember(JsonString(name, alloc), list, alloc);
  return Status::Ok();
}

// AWS refuses to deploy an API that would serve nothing, or a method that has
// nowhere to send its requests.
Status CheckDeployable(const JsonValue& resources) {
  bool any_method = false;
  for (const JsonValue& resource : resources.GetArray()) {
    const JsonValue* methods = Member(resource, "resourceMethods");
    if (!methods || !methods->IsObject()) continue;
    for (auto it = methods->MemberBegin(); it != methods->MemberEnd(); ++it) {
      any_method = true;
      const JsonValue* integration = Member(it->value, "methodIntegration");
      if (!integration || !integration->IsObject()) return Status::BadRequest("No integration defined for method");
    }
  }
  if (!any_method) return Status::BadRequest("The REST API doesn't contain any methods");
  return Status::Ok();
}

}  // namespace

StatusOr<JsonDoc> FreezeRestApi(state::Store& store, const JsonValue& rest_api, std::string_view api_id,
                                const JsonValue& deployment) {
  JsonDoc out(rapidjson::kObjectType);
  auto& alloc = out.GetAllocator();
  out.AddMember("restApi", JsonValue(rest_api, alloc), alloc);
  APIGW_RETURN_IF_ERROR(AddRecords(store, kind::kResource, api_id, "resources", out));
  APIGW_RETURN_IF_ERROR(CheckDeployable(out["resources"]));
  APIGW_RETURN_IF_ERROR(AddRecords(store, kind::kModel, api_id, "models", out));
  APIGW_RETURN_IF_ERROR(AddRecords(store, kind::kAuthorizer, api_id, "authorizers", out));
  APIGW_RETURN_IF_ERROR(AddRecords(store, kind::kRequestValidator, api_id, "requestValidators", out));
  APIGW_RETURN_IF_ERROR(AddRecords(store, kind::kGatewayResponse, api_id, "gatewayResponses", out));
  out.AddMember("deployment", JsonValue(deployment, alloc), alloc);
  return out;
}

StatusOr<std::shared_ptr<const JsonDoc>> LoadDeploymentSnapshot(state::Store& store, std::string_view api_id,
                                                                std::string_view deployment_id) {
  auto doc = LoadDoc(store, kind::kDeploymentSnapshot, api_id, deployment_id,
                     Status::Internal("missing snapshot of deployment " + std::string(deployment_id)));
  if (!doc.ok()) return doc.status();
  return std::shared_ptr<const JsonDoc>(std::make_shared<JsonDoc>(std::move(doc).value()));
}

JsonValue ApiSummary(const JsonValue& snapshot, JsonAlloc& alloc) {
  JsonValue summary(rapidjson::kObjectType);
  const JsonValue* resources = Member(snapshot, "resources");
  if (!resources || !resources->IsArray()) return summary;
  for (const JsonValue& resource : resources->GetArray()) {
    const JsonValue* methods = Member(resource, "resourceMethods");
    std::optional<std::string> path = GetString(resource, "path");
    if (!methods || !methods->IsObject() || methods->MemberCount() == 0 || !path) continue;
    JsonValue by_method(rapidjson::kObjectType);
    for (auto it = methods->MemberBegin(); it != methods->MemberEnd(); ++it) {
      JsonValue entry(rapidjson::kObjectType);
      entry.AddMember("authorizationType",
                      JsonString(GetString(it->value, "authorizationType").value_or("NONE"), alloc), alloc);
      entry.AddMember("apiKeyRequired", GetBool(it->value, "apiKeyRequired").value_or(false), alloc);
      by_method.AddMember(JsonValue(it->name, alloc), entry, alloc);
    }
    summary.AddMember(JsonString(*path, alloc), by_method, alloc);
  }
  return summary;
}

}  // namespace apigw::cp::apigateway
