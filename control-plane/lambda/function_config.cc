// FunctionConfiguration: defaults, validation and views as recorded against
// AWS (test_lambda_api.py::test_function_lifecycle, test_list_functions,
// test_create_lambda_exceptions, test_large_environment_variables_fails).
#include "control-plane/lambda/function_config.h"

#include <ctime>

#include "control-plane/lambda/function_records.h"
#include "lambda/code_archive.h"
#include "lambda/function_ref.h"
#include "lambda/process_env.h"
#include "lambda/runtime_kind.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

namespace {

constexpr size_t kMaxEnvironmentBytes = 4096;

void SetObject(JsonDoc& doc, std::string_view name, std::initializer_list<std::pair<const char*, const char*>> kv) {
  auto& a = doc.GetAllocator();
  JsonValue obj(rapidjson::kObjectType);
  for (const auto& [k, v] : kv) SetString(obj, k, v, a);
  SetMember(doc, name, std::move(obj), a);
}

// Copies input[member] into doc[member] when given.
bool CopyIfGiven(JsonDoc& doc, const JsonValue& input, std::string_view member) {
  const JsonValue* v = Member(input, member);
  if (!v || v->IsNull()) return false;
  SetMember(doc, member, JsonValue(*v, doc.GetAllocator()), doc.GetAllocator());
  return true;
}

void ApplyLogging(const JsonValue& input, JsonDoc& config, const std::string& name) {
  auto& a = config.GetAllocator();
  JsonValue* current = MutableMember(config, "LoggingConfig");
  if (!current || !current->IsObject()) {
    JsonValue obj(rapidjson::kObjectType);
    SetString(obj, "LogFormat", "Text", a);
    SetString(obj, "LogGroup", "/aws/lambda/" + name, a);
    SetMember(config, "LoggingConfig", std::move(obj), a);
    current = MutableMember(config, "LoggingConfig");
  }
  const JsonValue* given = Member(input, "LoggingConfig");
  if (!given || !given->IsObject()) return;
  for (const char* key : {"LogFormat", "ApplicationLogLevel", "SystemLogLevel", "LogGroup"})
    if (auto v = GetString(*given, key)) SetString(*current, key, *v, a);
  // JSON logs have levels; text logs do not.
  if (GetString(*current, "LogFormat").value_or("Text") == "JSON") {
    if (!Member(*current, "ApplicationLogLevel")) SetString(*current, "ApplicationLogLevel", "INFO", a);
    if (!Member(*current, "SystemLogLevel")) SetString(*current, "SystemLogLevel", "INFO", a);
  } else {
    RemoveMember(*current, "ApplicationLogLevel");
    RemoveMember(*current, "SystemLogLevel");
  }
}

Status CheckRuntimeAndHandler(const JsonValue& input, bool creating) {
  std::optional<std::string> runtime = GetString(input, "Runtime");
  if (runtime) APIGW_RETURN_IF_ERROR(lam::CheckRuntime(*runtime));
  if (creating && GetString(input, "PackageType").value_or("Zip") == "Zip" &&
      (!runtime || !GetString(input, "Handler")))
    return InvalidParameter(
        "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
  return Status::Ok();
}

// Members set from the input the same way by create and update.
void ApplyCommon(const JsonValue& input, JsonDoc& config) {
  auto& a = config.GetAllocator();
  for (const char* key : {"Role", "Handler", "Description", "Timeout", "MemorySize", "Runtime", "KMSKeyArn",
                          "DeadLetterConfig", "FileSystemConfigs"})
    CopyIfGiven(config, input, key);
  if (const JsonValue* env = Member(input, "Environment"); env && env->IsObject()) {
    JsonValue obj(rapidjson::kObjectType);
    const JsonValue* vars = Member(*env, "Variables");
    obj.AddMember("Variables", vars && vars->IsObject() ? JsonValue(*vars, a) : JsonValue(rapidjson::kObjectType),
                  a);
    SetMember(config, "Environment", std::move(obj), a);
  }
  if (const JsonValue* t = Member(input, "TracingConfig"); t && t->IsObject())
    SetObject(config, "TracingConfig", {{"Mode", GetString(*t, "Mode").value_or("PassThrough").c_str()}});
  if (const JsonValue* e = Member(input, "EphemeralStorage"); e && e->IsObject()) {
    JsonValue obj(rapidjson::kObjectType);
    obj.AddMember("Size", JsonValue(GetInt(*e, "Size").value_or(512)), a);
    SetMember(config, "EphemeralStorage", std::move(obj), a);
  }
  if (const JsonValue* s = Member(input, "SnapStart"); s && s->IsObject())
    SetObject(config, "SnapStart", {{"ApplyOn", GetString(*s, "ApplyOn").value_or("None").c_str()},
                                    {"OptimizationStatus", "Off"}});
  if (const JsonValue* layers = Member(input, "Layers"); layers && layers->IsArray()) {
    // Layers are recorded but not mounted: the code runs with what its zip holds.
    JsonValue list(rapidjson::kArrayType);
    for (const JsonValue& l : layers->GetArray()) {
      if (!l.IsString()) continue;
      JsonValue item(rapidjson::kObjectType);
      item.AddMember("Arn", JsonValue(l, a), a);
      item.AddMember("CodeSize", JsonValue(0), a);
      list.PushBack(std::move(item), a);
    }
    SetMember(config, "Layers", std::move(list), a);
  }
  if (const JsonValue* vpc = Member(input, "VpcConfig"); vpc && vpc->IsObject()) {
    JsonValue obj(rapidjson::kObjectType);
    for (const char* key : {"SubnetIds", "SecurityGroupIds"}) {
      const JsonValue* v = Member(*vpc, key);
      obj.AddMember(JsonValue(key, a), v && v->IsArray() ? JsonValue(*v, a) : JsonValue(rapidjson::kArrayType), a);
    }
    obj.AddMember("Ipv6AllowedForDualStack",
                  JsonValue(GetBool(*vpc, "Ipv6AllowedForDualStack").value_or(false)), a);
    SetString(obj, "VpcId", "", a);
    SetMember(config, "VpcConfig", std::move(obj), a);
  }
}

}  // namespace

std::string LastModified(int64_t epoch_ms) {
  time_t secs = time_t(epoch_ms / 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  char buf[40];
  size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf + n, sizeof buf - n, ".%03d+0000", int(epoch_ms % 1000));
  return buf;
}

std::string RuntimeVersionArn(std::string_view region, std::string_view runtime) {
  return "arn:aws:lambda:" + std::string(region) + "::runtime:" + lam::Sha256Hex(runtime);
}

Status CheckEnvironment(const JsonValue* environment) {
  if (!environment || !environment->IsObject()) return Status::Ok();
  const JsonValue* vars = Member(*environment, "Variables");
  if (!vars || !vars->IsObject()) return Status::Ok();
  std::vector<std::string> keys;
  for (const auto& m : vars->GetObject()) keys.emplace_back(m.name.GetString(), m.name.GetStringLength());
  APIGW_RETURN_IF_ERROR(lam::CheckReservedKeys(keys));
  std::string measured = ToJson(*vars);
  if (measured.size() > kMaxEnvironmentBytes)
    return InvalidParameter(
        "Lambda was unable to configure your environment variables because the environment variables you have "
        "provided exceeded the 4KB limit. String measured: " +
        measured);
  return Status::Ok();
}

StatusOr<JsonDoc> NewConfiguration(const CallContext& ctx, const JsonValue& input, const std::string& name,
                                   const lam::CodeInfo& code, IdSource& ids) {
  APIGW_RETURN_IF_ERROR(CheckRuntimeAndHandler(input, true));
  APIGW_RETURN_IF_ERROR(CheckEnvironment(Member(input, "Environment")));
  JsonDoc config(rapidjson::kObjectType);
  auto& a = config.GetAllocator();
  SetString(config, "FunctionName", name, a);
  SetString(config, "FunctionArn", lam::FunctionArn(ctx.region, ctx.account_id, name), a);
  SetString(config, "Description", "", a);
  config.AddMember("Timeout", JsonValue(3), a);
  config.AddMember("MemorySize", JsonValue(128), a);
  SetObject(config, "TracingConfig", {{"Mode", "PassThrough"}});
  JsonValue storage(rapidjson::kObjectType);
  storage.AddMember("Size", JsonValue(512), a);
  SetMember(config, "EphemeralStorage", std::move(storage), a);
  SetObject(config, "SnapStart", {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}});
  ApplyCommon(input, config);
  SetString(config, "CodeSha256", code.sha256_base64, a);
  config.AddMember("CodeSize", JsonValue(code.size), a);
  SetString(config, "Version", lam::kLatest, a);
  SetString(config, "LastModified", LastModified(ctx.now_ms), a);
  SetString(config, "RevisionId", ids.Uuid(), a);
  SetString(config, "PackageType", GetString(input, "PackageType").value_or("Zip"), a);
  JsonValue arch(rapidjson::kArrayType);
  const JsonValue* given_arch = Member(input, "Architectures");
  if (given_arch && given_arch->IsArray() && given_arch->Size() == 1)
    arch.PushBack(JsonValue((*given_arch)[0], a), a);
  else
    arch.PushBack(JsonValue("x86_64"), a);
  SetMember(config, "Architectures", std::move(arch), a);
  ApplyLogging(input, config, name);
  if (auto runtime = GetString(config, "Runtime"))
    SetObject(config, "RuntimeVersionConfig", {{"RuntimeVersionArn", RuntimeVersionArn(ctx.region, *runtime).c_str()}});
  SetString(config, "State", "Active", a);
  SetString(config, "LastUpdateStatus", "Successful", a);
  return config;
}

Status UpdateConfiguration(const CallContext& ctx, const JsonValue& input, JsonDoc& config, IdSource& ids) {
  APIGW_RETURN_IF_ERROR(CheckRuntimeAndHandler(input, false));
  APIGW_RETURN_IF_ERROR(CheckEnvironment(Member(input, "Environment")));
  ApplyCommon(input, config);
  ApplyLogging(input, config, GetString(config, "FunctionName").value_or(""));
  auto& a = config.GetAllocator();
  if (auto runtime = GetString(config, "Runtime"))
    SetObject(config, "RuntimeVersionConfig", {{"RuntimeVersionArn", RuntimeVersionArn(ctx.region, *runtime).c_str()}});
  SetString(config, "LastModified", LastModified(ctx.now_ms), a);
  SetString(config, "RevisionId", ids.Uuid(), a);
  return Status::Ok();
}

JsonDoc CreatingView(const JsonValue& config, const std::string& revision) {
  JsonDoc view = CopyDoc(config);
  auto& a = view.GetAllocator();
  if (!revision.empty()) SetString(view, "RevisionId", revision, a);
  SetString(view, "State", "Pending", a);
  SetString(view, "StateReason", "The function is being created.", a);
  SetString(view, "StateReasonCode", "Creating", a);
  RemoveMember(view, "LastUpdateStatus");
  return view;
}

JsonDoc UpdatingView(const JsonValue& config, const std::string& revision) {
  JsonDoc view = CopyDoc(config);
  auto& a = view.GetAllocator();
  SetString(view, "RevisionId", revision, a);
  SetString(view, "LastUpdateStatus", "InProgress", a);
  SetString(view, "LastUpdateStatusReason", "The function is being created.", a);
  SetString(view, "LastUpdateStatusReasonCode", "Creating", a);
  return view;
}

JsonDoc ListView(const JsonValue& config, const JsonValue* arn_override) {
  JsonDoc view = CopyDoc(config);
  for (const char* key : {"State", "StateReason", "StateReasonCode", "LastUpdateStatus", "LastUpdateStatusReason",
                          "LastUpdateStatusReasonCode", "RuntimeVersionConfig"})
    RemoveMember(view, key);
  if (arn_override) SetMember(view, "FunctionArn", JsonValue(*arn_override, view.GetAllocator()), view.GetAllocator());
  return view;
}

}  // namespace apigw::cp::lambda
