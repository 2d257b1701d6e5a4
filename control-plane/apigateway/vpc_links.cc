// The VPC link family: CreateVpcLink, GetVpcLink, GetVpcLinks, UpdateVpcLink
// and DeleteVpcLink. A VpcLink is stored as kind vpclink in the caller's
// region, keyed by its 6-character id. The emulator has no load balancers to
// wait for: a link answers PENDING to its creation and is AVAILABLE from then on.
//
// Recorded against AWS (LocalStack's test_apigateway_api snapshot):
//   create answers 202 {id, name, status: PENDING, targetArns} (no statusMessage, no tags);
//   GetVpcLink and UpdateVpcLink answer status AVAILABLE, statusMessage
//   "Your vpc link is ready for use" and "tags" ({} when none); GetVpcLinks'
//   items carry no empty "tags"; delete answers 202;
//   an empty name: "Name cannot be empty" (before the target ARNs are looked at);
//   a target that is no ARN: "Invalid ARN. ARN is not well formed <arn>";
//   Get/Update/Delete of a missing link: NotFoundException "Invalid Vpc Link identifier specified".
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

constexpr std::string_view kReady = "Your vpc link is ready for use";

Status InvalidVpcLinkId() { return Status::NotFound("Invalid Vpc Link identifier specified"); }

// arn:partition:service:region:account:resource, with a partition, a service and a resource.
bool WellFormedArn(const std::string& arn) {
  std::vector<std::string> fields = Split(arn, ':');
  return fields.size() >= 6 && fields[0] == "arn" && !fields[1].empty() && !fields[2].empty() &&
         !fields.back().empty();
}

// The link as Get and Update answer it: "tags" always present.
JsonDoc WithTags(JsonDoc link) {
  if (!Member(link, "tags")) SetMember(link, "tags", JsonValue(rapidjson::kObjectType), link.GetAllocator());
  return link;
}

OperationResult CreateVpcLink(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string name = GetString(input, "name").value_or("");
  if (Trim(name).empty()) return Status::BadRequest("Name cannot be empty");
  APIGW_RETURN_IF_ERROR(CheckTagKeys(Member(input, "tags")));
  JsonDoc link(rapidjson::kObjectType);
  JsonAlloc& a = link.GetAllocator();
  JsonValue targets(rapidjson::kArrayType);
  if (const JsonValue* given = Member(input, "targetArns"); given && given->IsArray()) {
    for (const JsonValue& t : given->GetArray()) {
      std::string arn = t.IsString() ? t.GetString() : "";
      if (!WellFormedArn(arn)) return Status::BadRequest("Invalid ARN. ARN is not well formed " + arn);
      targets.PushBack(JsonString(arn, a), a);
    }
  }
  auto id = NewRecordId(deps.store, deps.ids, kind::kVpcLink, ctx.region);
  if (!id.ok()) return id.status();
  SetString(link, "id", *id, a);
  SetString(link, "name", name, a);
  if (std::optional<std::string> description = GetString(input, "description"))
    SetString(link, "description", *description, a);
  SetMember(link, "targetArns", std::move(targets), a);
  if (const JsonValue* tags = Member(input, "tags"); tags && tags->IsObject() && tags->MemberCount() > 0)
    SetMember(link, "tags", JsonValue(*tags, a), a);

  JsonDoc stored = CopyDoc(link);
  SetString(stored, "status", "AVAILABLE", stored.GetAllocator());
  SetString(stored, "statusMessage", kReady, stored.GetAllocator());
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kVpcLink, ctx.region, *id, ToJson(stored)));
  SetString(link, "status", "PENDING", a);
  return link;
}

OperationResult GetVpcLink(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto link = LoadDoc(deps.store, kind::kVpcLink, ctx.region, GetString(input, "vpcLinkId").value_or(""),
                      InvalidVpcLinkId());
  if (!link.ok()) return link.status();
  return WithTags(std::move(link).value());
}

OperationResult GetVpcLinks(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto links = LoadAll(deps.store, kind::kVpcLink, ctx.region);
  if (!links.ok()) return links.status();
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& link : *links) items.PushBack(JsonValue(link, out.GetAllocator()), out.GetAllocator());
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out));
  return out;
}

const PatchRules& VpcLinkPatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPathForOp);
    r.Custom("/name", {PatchOp::kReplace}, [](const PatchMatch& m, JsonValue& link, JsonAlloc& a) {
      const std::optional<std::string>& value = m.operation->value;
      if (!value || Trim(*value).empty()) return Status::BadRequest("Name cannot be empty");
      SetString(link, "name", *value, a);
      return Status::Ok();
    });
    r.String("/description", "description");
    return r;
  }();
  return rules;
}

OperationResult UpdateVpcLink(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string id = GetString(input, "vpcLinkId").value_or("");
  auto link = LoadDoc(deps.store, kind::kVpcLink, ctx.region, id, InvalidVpcLinkId());
  if (!link.ok()) return link.status();
  APIGW_RETURN_IF_ERROR(VpcLinkPatchRules().Apply(input, *link, link->GetAllocator()));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kVpcLink, ctx.region, id, ToJson(*link)));
  return WithTags(std::move(link).value());
}

OperationResult DeleteVpcLink(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  std::string id = GetString(input, "vpcLinkId").value_or("");
  auto link = LoadDoc(deps.store, kind::kVpcLink, ctx.region, id, InvalidVpcLinkId());
  if (!link.ok()) return link.status();
  APIGW_RETURN_IF_ERROR(deps.store.Delete(kind::kVpcLink, ctx.region, id));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterVpcLinks(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "CreateVpcLink", CreateVpcLink);
  AddHandler(table, deps, "GetVpcLink", GetVpcLink);
  AddHandler(table, deps, "GetVpcLinks", GetVpcLinks);
  AddHandler(table, deps, "UpdateVpcLink", UpdateVpcLink);
  AddHandler(table, deps, "DeleteVpcLink", DeleteVpcLink);
}

}  // namespace apigw::cp::apigateway
