// Tags of functions: TagResource, UntagResource, ListTags (recorded:
// test_lambda_api.py::TestLambdaTag). Tags live in the function's record.
#include <string>

#include "control-plane/lambda/function_records.h"
#include "control-plane/lambda/handlers.h"
#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

namespace {

constexpr size_t kMaxTags = 50;

struct Tagged {
  std::string name;
  JsonDoc record;
};

StatusOr<Tagged> Resolve(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto ref = lam::ParseFunctionRef(GetString(input, "Resource").value_or(""));
  if (!ref.ok()) return ref.status();
  if (!ref->region.empty() && ref->region != ctx.region)
    return ResourceNotFound("Functions from '" + ref->region + "' are not reachable in this region ('" + ctx.region +
                            "')");
  if (!ref->qualifier.empty())
    return InvalidParameter("Tags on function aliases and versions are not supported. Please specify a function ARN.");
  auto record = LoadFunction(deps.store, ctx, ref->name);
  if (!record.ok()) return record.status();
  return Tagged{ref->name, std::move(record).value()};
}

// Tags are part of the function's state: changing them changes the RevisionId
// of $LATEST (recorded: TestLambdaTags::test_tag_lifecycle get_fn_response_*).
Status Save(LambdaDeps& deps, const CallContext& ctx, Tagged& t) {
  if (JsonValue* config = MutableMember(t.record, "Configuration"))
    SetString(*config, "RevisionId", deps.ids.Uuid(), t.record.GetAllocator());
  state::WriteBatch batch;
  PutDoc(batch, kind::kFunction, ctx.region, t.name, t.record);
  return deps.store.Apply(batch);
}

JsonValue& TagsOf(JsonDoc& record) {
  JsonValue* tags = MutableMember(record, "Tags");
  if (!tags || !tags->IsObject()) {
    SetMember(record, "Tags", JsonValue(rapidjson::kObjectType), record.GetAllocator());
    tags = MutableMember(record, "Tags");
  }
  return *tags;
}

OperationResult TagResource(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto t = Resolve(deps, ctx, input);
  if (!t.ok()) return t.status();
  const JsonValue* given = Member(input, "Tags");
  // Recorded: TestLambdaTags::test_tag_exceptions tag_empty_tags.
  if (!given || !given->IsObject() || given->MemberCount() == 0)
    return InvalidParameter("An error occurred and the request cannot be processed.");
  JsonValue& tags = TagsOf(t->record);
  auto& a = t->record.GetAllocator();
  if (given && given->IsObject())
    for (const auto& m : given->GetObject())
      SetMember(tags, std::string_view(m.name.GetString(), m.name.GetStringLength()), JsonValue(m.value, a), a);
  if (tags.MemberCount() > kMaxTags) return InvalidParameter("Number of tags exceeds resource tag limit.");
  APIGW_RETURN_IF_ERROR(Save(deps, ctx, *t));
  return JsonDoc(rapidjson::kObjectType);
}

OperationResult UntagResource(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto t = Resolve(deps, ctx, input);
  if (!t.ok()) return t.status();
  JsonValue& tags = TagsOf(t->record);
  if (const JsonValue* keys = Member(input, "TagKeys"); keys && keys->IsArray())
    for (const JsonValue& k : keys->GetArray())
      if (k.IsString()) RemoveMember(tags, std::string_view(k.GetString(), k.GetStringLength()));
  APIGW_RETURN_IF_ERROR(Save(deps, ctx, *t));
  return JsonDoc(rapidjson::kObjectType);
}

OperationResult ListTags(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto t = Resolve(deps, ctx, input);
  if (!t.ok()) return t.status();
  JsonDoc out(rapidjson::kObjectType);
  out.AddMember("Tags", JsonValue(TagsOf(t->record), out.GetAllocator()), out.GetAllocator());
  return out;
}

}  // namespace

void RegisterTags(OperationTable& table, LambdaDeps& deps) {
  AddHandler(table, deps, "TagResource", TagResource);
  AddHandler(table, deps, "UntagResource", UntagResource);
  AddHandler(table, deps, "ListTags", ListTags);
}

}  // namespace apigw::cp::lambda
