// Reserved concurrency (Put/Get/DeleteFunctionConcurrency) and
// GetAccountSettings. A reservation also caps how many processes the
// function may run here.
#include <string>

#include "control-plane/lambda/function_publisher.h"
#include "control-plane/lambda/function_records.h"
#include "control-plane/lambda/handlers.h"
#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace {

constexpr int64_t kAccountConcurrency = 1000;
constexpr int64_t kMinUnreserved = 100;

// Reserved concurrency of every function in the region but `except`.
StatusOr<int64_t> ReservedElsewhere(LambdaDeps& deps, const CallContext& ctx, const std::string& except) {
  auto functions = LoadAll(deps.store, kind::kFunction, ctx.region);
  if (!functions.ok()) return functions.status();
  int64_t total = 0;
  for (const JsonDoc& f : *functions) {
    const JsonValue* c = Member(f, "Configuration");
    if (c && GetString(*c, "FunctionName") == except) continue;
    total += GetInt(f, "ReservedConcurrentExecutions").value_or(0);
  }
  return total;
}

Status Commit(LambdaDeps& deps, const CallContext& ctx, const std::string& name, const JsonDoc& record) {
  state::WriteBatch batch;
  PutDoc(batch, kind::kFunction, ctx.region, name, record);
  APIGW_RETURN_IF_ERROR(deps.store.Apply(batch));
  Status st = PublishFunction(deps, ctx.region, name);
  if (!st.ok()) deps.log.Warn("lambda", "cannot publish " + name + ": " + st.message());
  return Status::Ok();
}

// Recorded: TestLambdaReservedConcurrency::test_function_concurrency_exceptions.
OperationResult PutFunctionConcurrency(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  if (!target->qualifier.empty())
    return InvalidParameter(
        "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. "
        "Please specify either a function name or an unqualified function ARN.");
  auto found = FindDoc(deps.store, kind::kFunction, ctx.region, target->name);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return FunctionNotFound(ctx, target->name, apigw::lambda::kLatest);
  JsonDoc* record = &**found;
  int64_t wanted = GetInt(input, "ReservedConcurrentExecutions").value_or(0);
  auto others = ReservedElsewhere(deps, ctx, target->name);
  if (!others.ok()) return others.status();
  if (kAccountConcurrency - *others - wanted < kMinUnreserved)
    return InvalidParameter(
        "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution "
        "below its minimum value of [" + std::to_string(kMinUnreserved) + "].");
  SetMember(*record, "ReservedConcurrentExecutions", JsonValue(wanted), record->GetAllocator());
  APIGW_RETURN_IF_ERROR(Commit(deps, ctx, target->name, *record));
  JsonDoc out(rapidjson::kObjectType);
  out.AddMember("ReservedConcurrentExecutions", JsonValue(wanted), out.GetAllocator());
  return out;
}

OperationResult GetFunctionConcurrency(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  auto record = LoadFunction(deps.store, ctx, target->name);
  if (!record.ok()) return record.status();
  JsonDoc out(rapidjson::kObjectType);
  if (auto reserved = GetInt(*record, "ReservedConcurrentExecutions"))
    out.AddMember("ReservedConcurrentExecutions", JsonValue(*reserved), out.GetAllocator());
  return out;
}

OperationResult DeleteFunctionConcurrency(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto target = ResolveTarget(ctx, input);
  if (!target.ok()) return target.status();
  auto record = LoadFunction(deps.store, ctx, target->name);
  if (!record.ok()) return record.status();
  RemoveMember(*record, "ReservedConcurrentExecutions");
  APIGW_RETURN_IF_ERROR(Commit(deps, ctx, target->name, *record));
  return JsonDoc(rapidjson::kObjectType);
}

OperationResult GetAccountSettings(LambdaDeps& deps, const CallContext& ctx, const JsonValue&) {
  auto functions = LoadAll(deps.store, kind::kFunction, ctx.region);
  if (!functions.ok()) return functions.status();
  int64_t reserved = 0, code = 0;
  for (const JsonDoc& f : *functions) {
    reserved += GetInt(f, "ReservedConcurrentExecutions").value_or(0);
    if (const JsonValue* c = Member(f, "Configuration")) code += GetInt(*c, "CodeSize").value_or(0);
  }
  JsonDoc out(rapidjson::kObjectType);
  auto& a = out.GetAllocator();
  JsonValue limit(rapidjson::kObjectType);
  limit.AddMember("TotalCodeSize", JsonValue(int64_t(80530636800)), a);
  limit.AddMember("CodeSizeUnzipped", JsonValue(int64_t(262144000)), a);
  limit.AddMember("CodeSizeZipped", JsonValue(int64_t(52428800)), a);
  limit.AddMember("ConcurrentExecutions", JsonValue(kAccountConcurrency), a);
  limit.AddMember("UnreservedConcurrentExecutions", JsonValue(kAccountConcurrency - reserved), a);
  out.AddMember("AccountLimit", std::move(limit), a);
  JsonValue usage(rapidjson::kObjectType);
  usage.AddMember("TotalCodeSize", JsonValue(code), a);
  usage.AddMember("FunctionCount", JsonValue(int64_t(functions->size())), a);
  out.AddMember("AccountUsage", std::move(usage), a);
  return out;
}

}  // namespace

void RegisterConcurrency(OperationTable& table, LambdaDeps& deps) {
  AddHandler(table, deps, "PutFunctionConcurrency", PutFunctionConcurrency);
  AddHandler(table, deps, "GetFunctionConcurrency", GetFunctionConcurrency);
  AddHandler(table, deps, "DeleteFunctionConcurrency", DeleteFunctionConcurrency);
  AddHandler(table, deps, "GetAccountSettings", GetAccountSettings);
}

}  // namespace apigw::cp::lambda
