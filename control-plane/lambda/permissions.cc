// Resource policies: AddPermission, RemovePermission, GetPolicy (recorded:
// test_lambda_api.py::test_add_lambda_permission_*, test_permission_exceptions,
// test_remove_multi_permissions, test_lambda_permission_fn_versioning). A
// policy lives in the document of what it is attached to (function, version
// or alias), with a RevisionId of its own ("PolicyRevisionId"), new at every
// change: on AWS publishing a version moves the function's RevisionId but not
// its policy's, and a version's or alias's policy has a RevisionId that is
// neither the version's nor the alias's.
#include <string>

#include "control-plane/lambda/function_records.h"
#include "control-plane/lambda/handlers.h"
#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

namespace {

Status PolicyRevisionMismatch() {
  return PreconditionFailed(
      "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the "
      "latest Revision Id");
}

bool IsAccountId(const std::string& s) {
  if (s.size() != 12) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Where a policy is kept: the record, and the member holding its RevisionId.
struct PolicyHolder {
  std::string_view kind;
  std::string scope;
  std::string id;
  JsonDoc doc;
  bool revision_in_configuration = true;  // functions and versions; aliases keep it at the top
};

const JsonValue* RevisionOwner(const PolicyHolder& h) {
  return h.revision_in_configuration ? Member(h.doc, "Configuration") : &h.doc;
}

// The RevisionId a request's RevisionId must match: the policy's, or, before
// there is one, that of what it will be attached to (an alias's RevisionId is
// accepted for its first permission: test_lambda_permission_fn_versioning).
std::string ExpectedRevision(const PolicyHolder& h) {
  if (Member(h.doc, "Policy"))
    if (auto rev = GetString(h.doc, "PolicyRevisionId")) return *rev;
  const JsonValue* owner = RevisionOwner(h);
  return owner ? GetString(*owner, "RevisionId").value_or("") : "";
}


// `missing_function` is what to answer when the function itself is absent.
StatusOr<PolicyHolder> LoadHolder(LambdaDeps& deps, const CallContext& ctx, const Target& target,
                                  const Status& missing_function) {
  auto function = FindDoc(deps.store, kind::kFunction, ctx.region, target.name);
  if (!function.ok()) return function.status();
  if (!function->has_value()) return missing_function;
  const std::string scope = FunctionScope(ctx.region, target.name);
  if (target.qualifier.empty()) return PolicyHolder{kind::kFunction, ctx.region, target.name, std::move(**function)};
  // Neither a version nor a possible alias name ("valid-with-$-but-doesnotexist"):
  // recorded as "Function not found" with the qualifier, not as a missing alias.
  if (!lam::IsVersionNumber(target.qualifier) && !CanBeAliasName(target.qualifier))
    return FunctionNotFound(ctx, target.name, target.qualifier);
  if (lam::IsVersionNumber(target.qualifier)) {
    auto doc = FindDoc(deps.store, kind::kVersion, scope, target.qualifier);
    if (!doc.ok()) return doc.status();
    if (!doc->has_value()) return FunctionNotFound(ctx, target.name, target.qualifier);
    return PolicyHolder{kind::kVersion, scope, target.qualifier, std::move(**doc)};
  }
  auto doc = FindDoc(deps.store, kind::kAlias, scope, target.qualifier);
  if (!doc.ok()) return doc.status();
  if (!doc->has_value())
    return ResourceNotFound("Cannot find alias arn: " +
                            lam::FunctionArn(ctx.region, ctx.account_id, target.name, target.qualifier));
  PolicyHolder h{kind::kAlias, scope, target.qualifier, std::move(**doc)};
  h.revision_in_configuration = false;
  return h;
}

// Writes the holder back with a new policy RevisionId (no policy is kept
// without statements).
Status Save(LambdaDeps& deps, PolicyHolder& h) {
  auto& a = h.doc.GetAllocator();
  SetString(h.doc, "PolicyRevisionId", deps.ids.Uuid(), a);
  if (JsonValue* policy = MutableMember(h.doc, "Policy"))
    if (JsonValue* statements = MutableMember(*policy, "Statement"); statements && statements->Empty()) {
      RemoveMember(h.doc, "Policy");
      RemoveMember(h.doc, "PolicyRevisionId");
    }
  state::WriteBatch batch;
  PutDoc(batch, h.kind, h.scope, h.id, h.doc);
  return deps.store.Apply(batch);
}

StatusOr<JsonValue> Principal(const std::string& principal, JsonAlloc& a) {
  if (principal == "*") return JsonValue("*");
  JsonValue obj(rapidjson::kObjectType);
  if (principal.find(".amazonaws.com") != std::string::npos || principal.find(".amazon.com") != std::string::npos) {
    SetString(obj, "Service", principal, a);
  } else if (IsAccountId(principal)) {
    SetString(obj, "AWS", "arn:aws:iam::" + principal + ":root", a);
  } else if (principal.rfind("arn:", 0) == 0) {
    SetString(obj, "AWS", principal, a);
  } else {
    return InvalidParameter("The provided principal was invalid. Please check the principal and try again.");
  }
  return obj;
}

OperationResult AddPermission(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  if (target->qualifier == lam::kLatest) return InvalidParameter("We currently do not support adding policies for $LATEST.");
  auto holder = LoadHolder(deps, ctx, *target, FunctionNotFound(ctx, target->name));
  if (!holder.ok()) return holder.status();
  if (auto rev = GetString(input, "RevisionId"); rev && *rev != ExpectedRevision(*holder))
    return PolicyRevisionMismatch();

  JsonDoc& doc = holder->doc;
  auto& a = doc.GetAllocator();
  std::string sid = GetString(input, "StatementId").value_or("");
  JsonValue statement(rapidjson::kObjectType);
  SetString(statement, "Sid", sid, a);
  SetString(statement, "Effect", "Allow", a);
  auto principal = Principal(GetString(input, "Principal").value_or(""), a);
  if (!principal.ok()) return principal.status();
  statement.AddMember("Principal", std::move(principal).value(), a);
  SetString(statement, "Action", GetString(input, "Action").value_or(""), a);
  SetString(statement, "Resource", lam::FunctionArn(ctx.region, ctx.account_id, target->name, target->qualifier), a);
  JsonValue equals(rapidjson::kObjectType), like(rapidjson::kObjectType);
  if (auto v = GetString(input, "SourceAccount")) SetString(equals, "AWS:SourceAccount", *v, a);
  if (auto v = GetString(input, "FunctionUrlAuthType")) SetString(equals, "lambda:FunctionUrlAuthType", *v, a);
  if (auto v = GetString(input, "PrincipalOrgID")) SetString(equals, "aws:PrincipalOrgID", *v, a);
  if (auto v = GetString(input, "EventSourceToken")) SetString(equals, "lambda:EventSourceToken", *v, a);
  if (auto v = GetString(input, "SourceArn")) SetString(like, "AWS:SourceArn", *v, a);
  if (equals.MemberCount() > 0 || like.MemberCount() > 0) {
    JsonValue condition(rapidjson::kObjectType);
    if (equals.MemberCount() > 0) condition.AddMember("StringEquals", std::move(equals), a);
    if (like.MemberCount() > 0) condition.AddMember("ArnLike", std::move(like), a);
    statement.AddMember("Condition", std::move(condition), a);
  }

  JsonValue* policy = MutableMember(doc, "Policy");
  if (!policy) {
    JsonValue p(rapidjson::kObjectType);
    SetString(p, "Version", "2012-10-17", a);
    SetString(p, "Id", "default", a);
    p.AddMember("Statement", JsonValue(rapidjson::kArrayType), a);
    SetMember(doc, "Policy", std::move(p), a);
    policy = MutableMember(doc, "Policy");
  }
  JsonValue* statements = MutableMember(*policy, "Statement");
  for (const JsonValue& s : statements->GetArray())
    if (GetString(s, "Sid") == sid)
      return ResourceConflict("The statement id (" + sid +
                              ") provided already exists. Please provide a new statement id, or remove the existing "
                              "statement.");
  std::string text = ToJson(statement);
  statements->PushBack(std::move(statement), a);
  APIGW_RETURN_IF_ERROR(Save(deps, *holder));
  JsonDoc out(rapidjson::kObjectType);
  SetString(out, "Statement", text, out.GetAllocator());
  return out;
}

OperationResult RemovePermission(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  auto holder = LoadHolder(deps, ctx, *target,
                           ResourceNotFound("No policy found for: " +
                                            lam::FunctionArn(ctx.region, ctx.account_id, target->name, target->qualifier)));
  if (!holder.ok()) return holder.status();
  if (auto rev = GetString(input, "RevisionId"); rev && *rev != ExpectedRevision(*holder))
    return PolicyRevisionMismatch();
  JsonValue* policy = MutableMember(holder->doc, "Policy");
  if (!policy) return ResourceNotFound("No policy is associated with the given resource.");
  JsonValue* statements = MutableMember(*policy, "Statement");
  std::string sid = GetString(input, "StatementId").value_or("");
  for (auto it = statements->Begin(); it != statements->End(); ++it) {
    if (GetString(*it, "Sid") == sid) {
      statements->Erase(it);
      APIGW_RETURN_IF_ERROR(Save(deps, *holder));
      return JsonDoc(rapidjson::kObjectType);
    }
  }
  return ResourceNotFound("Statement " + sid + " is not found in resource policy.");
}

OperationResult GetPolicy(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  Status missing = ResourceNotFound("The resource you requested does not exist.");
  auto holder = LoadHolder(deps, ctx, *target, missing);
  if (!holder.ok()) return holder.status().type() == "ResourceNotFoundException" ? missing : holder.status();
  const JsonValue* policy = Member(holder->doc, "Policy");
  if (!policy) return missing;
  JsonDoc out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  SetString(out, "Policy", ToJson(*policy), a);
  SetString(out, "RevisionId", ExpectedRevision(*holder), a);
  return out;
}

}  // namespace

void RegisterPermissions(OperationTable& table, LambdaDeps& deps) {
  AddHandler(table, deps, "AddPermission", AddPermission);
  AddHandler(table, deps, "RemovePermission", RemovePermission);
  AddHandler(table, deps, "GetPolicy", GetPolicy);
}

}  // namespace apigw::cp::lambda
