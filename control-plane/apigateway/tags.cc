// Tags of apigateway resources: TagResource, UntagResource, GetTags. Tags
// live inside the tagged resource's own document as "tags", so deleting the
// resource deletes them. ARNs: arn:<partition>:apigateway:<region>::/restapis/<id>
// .../restapis/<id>/stages/<name>, .../vpclinks/<id> and .../clientcertificates/<id>.
#include <string>
#include <utility>
#include <vector>

#include "base/text.h"
#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/apigateway/stage_records.h"

namespace apigw::cp::apigateway {
namespace {

// Where the tagged document is kept, and what to answer when it is missing.
struct TagTarget {
  std::string_view kind;
  std::string scope;
  std::string id;
  Status missing;
};

Status InvalidArn() { return Status::BadRequest("Invalid ARN specified in the request"); }

StatusOr<TagTarget> ResolveArn(const CallContext& ctx, const std::string& arn) {
  std::vector<std::string> fields = Split(arn, ':');
  // arn : partition : apigateway : region : (no account) : /path
  if (fields.size() != 6 || fields[0] != "arn" || fields[1].empty() || fields[2] != "apigateway" ||
      fields[3].empty() || !fields[4].empty() || !StartsWith(fields[5], "/")) {
    return InvalidArn();
  }
  const std::string& region = fields[3];
  std::vector<std::string> path = Split(std::string_view(fields[5]).substr(1), '/');
  for (const std::string& part : path)
    if (part.empty()) return InvalidArn();
  if (path.size() == 2 && path[0] == "restapis") {
    return TagTarget{kind::kRestApi, region, path[1], InvalidApiId(ctx, path[1])};
  }
  if (path.size() == 2 && path[0] == "vpclinks") {
    return TagTarget{kind::kVpcLink, region, path[1], Status::NotFound("Invalid Vpc Link identifier specified")};
  }
  if (path.size() == 2 && path[0] == "clientcertificates") {
    return TagTarget{kind::kClientCertificate, region, path[1],
                     Status::NotFound("Invalid Client Certificate identifier specified")};
  }
  if (path.size() == 4 && path[0] == "restapis" && path[2] == "stages") {
    return TagTarget{kind::kStage, path[1], path[3], InvalidStageId()};
  }
  return InvalidArn();
}

// A stage is found only when its API exists in the ARN's region too.
StatusOr<JsonDoc> LoadTarget(state::Store& store, const std::string& arn, const TagTarget& target) {
  if (target.kind == kind::kStage) {
    std::string region = Split(arn, ':')[3];
    auto api = store.Get(kind::kRestApi, region, target.scope);
    if (!api.ok()) return api.status();
    if (!api->has_value()) return target.missing;
  }
  return LoadDoc(store, target.kind, target.scope, target.id, target.missing);
}

StatusOr<std::pair<TagTarget, JsonDoc>> Resolve(ApigatewayDeps& deps, const CallContext& ctx,
                                                const JsonValue& input) {
  std::string arn = GetString(input, "resourceArn").value_or("");
  auto target = ResolveArn(ctx, arn);
  if (!target.ok()) return target.status();
  auto doc = LoadTarget(deps.store, arn, *target);
  if (!doc.ok()) return doc.status();
  return std::make_pair(std::move(target).value(), std::move(doc).value());
}

Status Save(ApigatewayDeps& deps, const TagTarget& target, JsonDoc& doc) {
  JsonValue* tags = MutableMember(doc, "tags");
  if (tags && tags->IsObject() && tags->MemberCount() == 0) RemoveMember(doc, "tags");
  state::WriteBatch batch;
  PutDoc(batch, target.kind, target.scope, target.id, doc);
  return deps.store.Apply(batch);
}

OperationResult TagResource(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto resolved = Resolve(deps, ctx, input);
  if (!resolved.ok()) return resolved.status();
  APIGW_RETURN_IF_ERROR(CheckTagKeys(Member(input, "tags")));
  auto& [target, doc] = *resolved;
  auto& alloc = doc.GetAllocator();
  JsonValue* tags = MutableMember(doc, "tags");
  if (!tags || !tags->IsObject()) {
    SetMember(doc, "tags", JsonValue(rapidjson::kObjectType), alloc);
    tags = MutableMember(doc, "tags");
  }
  if (const JsonValue* given = Member(input, "tags"); given && given->IsObject()) {
    for (auto it = given->MemberBegin(); it != given->MemberEnd(); ++it) {
      std::string_view key(it->name.GetString(), it->name.GetStringLength());
      SetMember(*tags, key, JsonValue(it->value, alloc), alloc);
    }
  }
  APIGW_RETURN_IF_ERROR(Save(deps, target, doc));
  return JsonDoc(rapidjson::kObjectType);
}

OperationResult UntagResource(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto resolved = Resolve(deps, ctx, input);
  if (!resolved.ok()) return resolved.status();
  auto& [target, doc] = *resolved;
  if (JsonValue* tags = MutableMember(doc, "tags"); tags && tags->IsObject()) {
    if (const JsonValue* keys = Member(input, "tagKeys"); keys && keys->IsArray()) {
      for (const JsonValue& key : keys->GetArray())
        if (key.IsString()) RemoveMember(*tags, std::string_view(key.GetString(), key.GetStringLength()));
    }
  }
  APIGW_RETURN_IF_ERROR(Save(deps, target, doc));
  return JsonDoc(rapidjson::kObjectType);
}

OperationResult GetTags(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto resolved = Resolve(deps, ctx, input);
  if (!resolved.ok()) return resolved.status();
  const JsonDoc& doc = resolved->second;
  JsonDoc out(rapidjson::kObjectType);
  auto& alloc = out.GetAllocator();
  const JsonValue* tags = Member(doc, "tags");
  out.AddMember("tags", tags && tags->IsObject() ? JsonValue(*tags, alloc) : JsonValue(rapidjson::kObjectType),
                alloc);
  return out;
}

}  // namespace

void RegisterTags(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "TagResource", TagResource);
  AddHandler(table, deps, "UntagResource", UntagResource);
  AddHandler(table, deps, "GetTags", GetTags);
}

}  // namespace apigw::cp::apigateway
