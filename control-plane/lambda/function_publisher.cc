// PublishFunction and PublishAllFunctions: records -> lambda::FunctionSnapshot.
#include "control-plane/lambda/function_publisher.h"

#include <set>

#include "base/text.h"
#include "control-plane/lambda/function_code.h"
#include "control-plane/lambda/function_records.h"
#include "lambda/code_cache.h"
#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

namespace {

// The runner's view of one stored version record ({"Configuration": ..., "HotReloadDir": ...}).
std::shared_ptr<const lam::VersionSpec> SpecOf(const JsonValue& record, const std::string& region,
                                               const std::string& account) {
  const JsonValue* config = Member(record, "Configuration");
  if (!config) return nullptr;
  auto spec = std::make_shared<lam::VersionSpec>();
  spec->region = region;
  spec->account_id = account;
  // The account is the one in the function's own ARN.
  std::vector<std::string> arn = Split(GetString(*config, "FunctionArn").value_or(""), ':');
  if (arn.size() >= 5 && !arn[4].empty()) spec->account_id = arn[4];
  spec->name = GetString(*config, "FunctionName").value_or("");
  spec->version = GetString(*config, "Version").value_or(std::string(lam::kLatest));
  spec->runtime = GetString(*config, "Runtime").value_or("");
  spec->handler = GetString(*config, "Handler").value_or("");
  spec->timeout_seconds = int(GetInt(*config, "Timeout").value_or(3));
  spec->memory_mb = int(GetInt(*config, "MemorySize").value_or(128));
  if (const JsonValue* env = Member(*config, "Environment"))
    if (const JsonValue* vars = Member(*env, "Variables"); vars && vars->IsObject())
      for (const auto& m : vars->GetObject())
        if (m.value.IsString())
          spec->environment.emplace_back(std::string(m.name.GetString(), m.name.GetStringLength()),
                                         std::string(m.value.GetString(), m.value.GetStringLength()));
  spec->hot_reload_dir = GetString(record, "HotReloadDir").value_or("");
  if (spec->hot_reload_dir.empty()) spec->code_sha256 = GetString(*config, "CodeSha256").value_or("");
  spec->log_group = "/aws/lambda/" + spec->name;
  if (const JsonValue* logging = Member(*config, "LoggingConfig"))
    if (auto group = GetString(*logging, "LogGroup")) spec->log_group = *group;
  spec->revision_id = GetString(*config, "RevisionId").value_or("");
  return spec;
}

// Unpacks a stored package the cache lost (a new cache folder, or a restart).
void EnsureCode(LambdaDeps& deps, const std::string& region, const std::string& name,
                const lam::VersionSpec& spec) {
  if (spec.code_sha256.empty() || deps.host.HasCode(spec.code_sha256)) return;
  auto blob = deps.store.Get(kind::kCode, FunctionScope(region, name), lam::HexOfBase64Sha(spec.code_sha256));
  if (!blob.ok() || !blob->has_value()) {
    deps.log.Warn("lambda", "the code of " + name + " (" + spec.code_sha256 + ") is missing from the state");
    return;
  }
  auto installed = deps.host.InstallZip(**blob);
  if (!installed.ok()) deps.log.Warn("lambda", "cannot unpack the code of " + name + ": " + installed.status().message());
}

}  // namespace

Status PublishFunction(LambdaDeps& deps, const std::string& region, const std::string& name) {
  auto function = FindDoc(deps.store, kind::kFunction, region, name);
  if (!function.ok()) return function.status();
  if (!function->has_value()) {
    deps.host.Remove(region, name);
    return Status::Ok();
  }
  lam::FunctionSnapshot snap;
  snap.region = region;
  snap.name = name;
  snap.reserved_concurrency = int(GetInt(**function, "ReservedConcurrentExecutions").value_or(-1));
  if (auto latest = SpecOf(**function, region, deps.account_id)) {
    EnsureCode(deps, region, name, *latest);
    snap.versions[std::string(lam::kLatest)] = latest;
  }
  auto versions = LoadVersions(deps.store, region, name);
  if (!versions.ok()) return versions.status();
  for (const JsonDoc& v : *versions) {
    if (auto spec = SpecOf(v, region, deps.account_id)) {
      EnsureCode(deps, region, name, *spec);
      snap.versions[spec->version] = spec;
    }
  }
  auto aliases = LoadAll(deps.store, kind::kAlias, FunctionScope(region, name));
  if (!aliases.ok()) return aliases.status();
  for (const JsonDoc& a : *aliases) {
    lam::AliasSpec alias;
    alias.version = GetString(a, "FunctionVersion").value_or(std::string(lam::kLatest));
    if (const JsonValue* routing = Member(a, "RoutingConfig"))
      if (const JsonValue* weights = Member(*routing, "AdditionalVersionWeights"); weights && weights->IsObject())
        for (const auto& w : weights->GetObject())
          if (w.value.IsNumber())
            alias.additional_weights.emplace_back(std::string(w.name.GetString(), w.name.GetStringLength()),
                                                  w.value.GetDouble());
    snap.aliases[GetString(a, "Name").value_or("")] = std::move(alias);
  }
  deps.host.Publish(std::move(snap));
  return Status::Ok();
}

Status PublishAllFunctions(LambdaDeps& deps) {
  auto records = deps.store.ListKind(kind::kFunction);
  if (!records.ok()) return records.status();
  Status first;
  for (const state::Record& r : *records) {
    Status st = PublishFunction(deps, r.scope, r.id);
    if (!st.ok() && first.ok()) first = st;
  }
  return first;
}

}  // namespace apigw::cp::lambda
