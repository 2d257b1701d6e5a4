// Typed access to the REST API family's records in the state store.
#include "control-plane/apigateway/rest_records.h"

#include "base/text.h"

namespace apigw::cp::apigateway {

Status InvalidApiId(const CallContext& ctx, std::string_view api_id) {
  return Status::NotFound("Invalid API identifier specified " + ctx.account_id + ":" + std::string(api_id));
}
Status InvalidResourceId() { return Status::NotFound("Invalid Resource identifier specified"); }
Status InvalidMethodId() { return Status::NotFound("Invalid Method identifier specified"); }
Status InvalidIntegrationId() { return Status::NotFound("Invalid Integration identifier specified"); }
Status InvalidResponseStatusCode() { return Status::NotFound("Invalid Response status code specified"); }

Status CheckTagKeys(const JsonValue* tags) {
  if (!tags || !tags->IsObject()) return Status::Ok();
  for (auto it = tags->MemberBegin(); it != tags->MemberEnd(); ++it) {
    std::string_view key(it->name.GetString(), it->name.GetStringLength());
    if (EqualsIgnoreCase(key.substr(0, 4), "aws:"))
      return Status::BadRequest("Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)");
  }
  return Status::Ok();
}

StatusOr<JsonDoc> LoadDoc(state::Store& store, std::string_view kind, std::string_view scope,
                          std::string_view id, const Status& missing) {
  auto raw = store.Get(kind, scope, id);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return missing;
  auto doc = ParseJson(**raw);
  if (!doc.ok()) return Status::Internal("corrupt " + std::string(kind) + " record " + std::string(id));
  return doc;
}

StatusOr<std::vector<JsonDoc>> LoadAll(state::Store& store, std::string_view kind, std::string_view scope) {
  auto records = store.List(kind, scope);
  if (!records.ok()) return records.status();
  std::vector<JsonDoc> out;
  out.reserve(records->size());
  for (const auto& r : *records) {
    auto doc = ParseJson(r.doc);
    if (!doc.ok()) return Status::Internal("corrupt " + std::string(kind) + " record " + r.id);
    out.push_back(std::move(doc).value());
  }
  return out;
}

StatusOr<JsonDoc> LoadRestApi(state::Store& store, const CallContext& ctx, std::string_view api_id) {
  return LoadDoc(store, kind::kRestApi, ctx.region, api_id, InvalidApiId(ctx, api_id));
}

StatusOr<bool> RestApiExists(state::Store& store, const CallContext& ctx, std::string_view api_id) {
  auto raw = store.Get(kind::kRestApi, ctx.region, api_id);
  if (!raw.ok()) return raw.status();
  return raw->has_value();
}

StatusOr<JsonDoc> LoadResource(state::Store& store, const CallContext& ctx, std::string_view api_id,
                               std::string_view resource_id) {
  auto exists = RestApiExists(store, ctx, api_id);
  if (!exists.ok()) return exists.status();
  if (!*exists) return InvalidResourceId();
  return LoadDoc(store, kind::kResource, api_id, resource_id, InvalidResourceId());
}

void PutDoc(state::WriteBatch& batch, std::string_view kind, std::string_view scope, std::string_view id,
            const JsonValue& doc) {
  batch.Put(kind, scope, id, ToJson(doc));
}

JsonDoc CopyDoc(const JsonValue& value) {
  JsonDoc doc;
  doc.CopyFrom(value, doc.GetAllocator());
  return doc;
}

}  // namespace apigw::cp::apigateway
