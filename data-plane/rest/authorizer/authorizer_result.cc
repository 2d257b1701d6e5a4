// Authorizer output parsing.
#include "data-plane/rest/authorizer/authorizer_result.h"

#include "base/json.h"

namespace apigw::dp {

namespace {

// principalId and usageIdentifierKey: strings; a number or boolean is taken
// as its text (Java's Jackson coerces scalars to String).
StatusOr<std::string> ScalarText(const JsonValue& object, std::string_view name) {
  const JsonValue* v = Member(object, name);
  if (v == nullptr || v->IsNull()) return std::string();
  if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
  if (v->IsNumber() || v->IsBool()) return ToJson(*v);
  return Status::BadRequest(std::string(name) + " must be a string");
}

}  // namespace

const AuthorizerContextEntry* AuthorizerResult::Find(std::string_view name) const {
  for (const AuthorizerContextEntry& e : context)
    if (e.name == name) return &e;
  return nullptr;
}

StatusOr<AuthorizerResult> ParseAuthorizerResult(std::string_view payload) {
  StatusOr<JsonDoc> parsed = ParseJson(payload);
  if (!parsed.ok()) return Status::BadRequest("the authorizer's output is not JSON");
  const JsonDoc& doc = *parsed;
  if (!doc.IsObject()) return Status::BadRequest("the authorizer's output is not a JSON object");

  AuthorizerResult out;
  const JsonValue* policy = Member(doc, "policyDocument");
  if (policy == nullptr || policy->IsNull()) return Status::BadRequest("the authorizer's output has no policyDocument");
  StatusOr<Policy> parsed_policy = ParsePolicy(*policy);
  if (!parsed_policy.ok()) return Status::BadRequest("invalid policyDocument: " + parsed_policy.status().message());
  out.policy = std::move(parsed_policy).value();

  StatusOr<std::string> principal = ScalarText(doc, "principalId");
  if (!principal.ok()) return principal.status();
  out.principal_id = std::move(principal).value();
  StatusOr<std::string> key = ScalarText(doc, "usageIdentifierKey");
  if (!key.ok()) return key.status();
  out.usage_identifier_key = std::move(key).value();

  if (const JsonValue* context = Member(doc, "context"); context != nullptr && !context->IsNull()) {
    if (!context->IsObject()) return Status::BadRequest("context must be an object");
    for (auto it = context->MemberBegin(); it != context->MemberEnd(); ++it) {
      const JsonValue& v = it->value;
      AuthorizerContextEntry e;
      e.name.assign(it->name.GetString(), it->name.GetStringLength());
      if (v.IsNull()) {
        out.null_context.push_back(std::move(e.name));
        continue;
      }
      // "You cannot set a JSON object or array as a valid value of any key in
      // the context map" (developer guide).
      if (!v.IsString() && !v.IsNumber() && !v.IsBool())
        return Status::BadRequest("context value '" + e.name + "' is not a string, number or boolean");
      e.json = ToJson(v);
      e.text = v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : e.json;
      out.context.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace apigw::dp
