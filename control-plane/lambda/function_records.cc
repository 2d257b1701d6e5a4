// Function records: loading, qualifier resolution and the not-found messages
// AWS gives (recorded: test_lambda_api.py::test_ops_on_nonexisting_*,
// test_get_function_wrong_region, test_ops_with_arn_qualifier_mismatch).
#include "control-plane/lambda/function_records.h"

#include <algorithm>
#include <cstdlib>

#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

std::string FunctionScope(std::string_view region, std::string_view name) {
  return std::string(region) + "/" + std::string(name);
}

Status InvalidParameter(std::string message) {
  return Status(400, "InvalidParameterValueException", std::move(message));
}
Status ResourceConflict(std::string message) { return Status(409, "ResourceConflictException", std::move(message)); }
Status PreconditionFailed(std::string message) {
  return Status(412, "PreconditionFailedException", std::move(message));
}
Status ResourceNotFound(std::string message) { return Status(404, "ResourceNotFoundException", std::move(message)); }

Status FunctionNotFound(const CallContext& ctx, std::string_view name, std::string_view qualifier) {
  return ResourceNotFound("Function not found: " + lam::FunctionArn(ctx.region, ctx.account_id, name, qualifier));
}

Status RevisionMismatch() {
  return PreconditionFailed(
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to "
      "retrieve the latest Revision Id");
}

StatusOr<Target> ResolveTarget(const CallContext& ctx, const JsonValue& input) {
  StatusOr<lam::FunctionRef> ref = lam::ParseFunctionRef(GetString(input, "FunctionName").value_or(""));
  if (!ref.ok()) return ref.status();
  if (!ref->region.empty() && ref->region != ctx.region)
    return ResourceNotFound("Functions from '" + ref->region + "' are not reachable in this region ('" + ctx.region +
                            "')");
  StatusOr<std::string> qualifier = lam::MergeQualifier(*ref, GetString(input, "Qualifier").value_or(""));
  if (!qualifier.ok()) return qualifier.status();
  return Target{ref->name, *qualifier};
}

bool CanBeAliasName(std::string_view q) {
  if (q.empty()) return false;
  for (char c : q)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

StatusOr<std::optional<JsonDoc>> FindDoc(state::Store& store, std::string_view kind, std::string_view scope,
                                         std::string_view id) {
  auto raw = store.Get(kind, scope, id);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return std::optional<JsonDoc>();
  auto doc = ParseJson(**raw);
  if (!doc.ok()) return Status::Internal("corrupt " + std::string(kind) + " record " + std::string(id));
  return std::optional<JsonDoc>(std::move(doc).value());
}

StatusOr<JsonDoc> LoadFunction(state::Store& store, const CallContext& ctx, std::string_view name) {
  auto doc = FindDoc(store, kind::kFunction, ctx.region, name);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return FunctionNotFound(ctx, name);
  return std::move(**doc);
}

StatusOr<std::vector<JsonDoc>> LoadAll(state::Store& store, std::string_view kind, std::string_view scope) {
  auto records = store.List(kind, scope);
  if (!records.ok()) return records.status();
  std::vector<JsonDoc> docs;
  for (const state::Record& r : *records) {
    auto doc = ParseJson(r.doc);
    if (doc.ok()) docs.push_back(std::move(doc).value());
  }
  return docs;
}

StatusOr<std::vector<JsonDoc>> LoadVersions(state::Store& store, std::string_view region, std::string_view name) {
  auto docs = LoadAll(store, kind::kVersion, FunctionScope(region, name));
  if (!docs.ok()) return docs;
  auto number = [](const JsonDoc& d) {
    const JsonValue* c = Member(d, "Configuration");
    return c ? std::atoll(GetString(*c, "Version").value_or("0").c_str()) : 0;
  };
  std::sort(docs->begin(), docs->end(), [&](const JsonDoc& a, const JsonDoc& b) { return number(a) < number(b); });
  return docs;
}

StatusOr<JsonDoc> ConfigurationFor(state::Store& store, const CallContext& ctx, const Target& target) {
  auto function = FindDoc(store, kind::kFunction, ctx.region, target.name);
  if (!function.ok()) return function.status();
  if (!function->has_value()) return FunctionNotFound(ctx, target.name, target.qualifier);
  const std::string scope = FunctionScope(ctx.region, target.name);
  if (target.qualifier.empty() || target.qualifier == lam::kLatest) {
    const JsonValue* config = Member(**function, "Configuration");
    if (!config) return Status::Internal("function record without a configuration");
    JsonDoc copy = CopyDoc(*config);
    if (!target.qualifier.empty())
      SetString(copy, "FunctionArn", lam::FunctionArn(ctx.region, ctx.account_id, target.name, lam::kLatest),
                copy.GetAllocator());
    return copy;
  }
  std::string version = target.qualifier;
  if (!lam::IsVersionNumber(version)) {
    auto alias = FindDoc(store, kind::kAlias, scope, target.qualifier);
    if (!alias.ok()) return alias.status();
    if (!alias->has_value()) return FunctionNotFound(ctx, target.name, target.qualifier);
    version = GetString(**alias, "FunctionVersion").value_or("");
    if (version == lam::kLatest) {
      JsonDoc copy = CopyDoc(*Member(**function, "Configuration"));
      SetString(copy, "FunctionArn", lam::FunctionArn(ctx.region, ctx.account_id, target.name, target.qualifier),
                copy.GetAllocator());
      return copy;
    }
  }
  auto doc = FindDoc(store, kind::kVersion, scope, version);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value()) return FunctionNotFound(ctx, target.name, target.qualifier);
  const JsonValue* config = Member(**doc, "Configuration");
  if (!config) return Status::Internal("version record without a configuration");
  JsonDoc copy = CopyDoc(*config);
  if (version != target.qualifier)
    SetString(copy, "FunctionArn", lam::FunctionArn(ctx.region, ctx.account_id, target.name, target.qualifier),
              copy.GetAllocator());
  return copy;
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

}  // namespace apigw::cp::lambda
