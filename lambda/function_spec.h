// What the control plane publishes for the runner: each function as an
// immutable snapshot of its versions (what each runs, with which settings)
// and its aliases. The runner never reads the state store.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace apigw::lambda {

// One version of a function ($LATEST or a published number), as it runs.
struct VersionSpec {
  std::string region;
  std::string account_id;
  std::string name;
  std::string version;        // "$LATEST", "1", ...
  std::string runtime;        // "nodejs20.x", "python3.12", "provided.al2023", ...
  std::string handler;        // "index.handler"; may be empty for provided runtimes
  int timeout_seconds = 3;
  int memory_mb = 128;
  // The function's Environment.Variables, in the order given.
  std::vector<std::pair<std::string, std::string>> environment;
  // Where the code is: a zip's content hash (the code cache folder holds it
  // extracted), or a local folder run in place (hot reload).
  std::string code_sha256;    // base64, as CodeSha256; empty for hot reload
  std::string hot_reload_dir; // absolute path; empty for zip code
  std::string log_group;      // "/aws/lambda/<name>" unless LoggingConfig says otherwise
  std::string revision_id;    // changes with every update: running processes are then replaced
};

// True when processes started for `a` would behave exactly as ones for `b`
// (a policy or tag change makes a new snapshot, but no process need restart).
inline bool SameRun(const VersionSpec& a, const VersionSpec& b) {
  return a.region == b.region && a.account_id == b.account_id && a.name == b.name && a.version == b.version &&
         a.runtime == b.runtime && a.handler == b.handler && a.timeout_seconds == b.timeout_seconds &&
         a.memory_mb == b.memory_mb && a.environment == b.environment && a.code_sha256 == b.code_sha256 &&
         a.hot_reload_dir == b.hot_reload_dir && a.log_group == b.log_group;
}

struct AliasSpec {
  std::string version;  // the alias's FunctionVersion
  // RoutingConfig.AdditionalVersionWeights: another version and the share (0..1) it gets.
  std::vector<std::pair<std::string, double>> additional_weights;
};

// Everything invocable of one function, replaced as a whole on every change.
struct FunctionSnapshot {
  std::string region;
  std::string name;
  std::map<std::string, std::shared_ptr<const VersionSpec>> versions;  // "$LATEST", "1", ...
  std::map<std::string, AliasSpec> aliases;
  int reserved_concurrency = -1;  // PutFunctionConcurrency; -1 when unset
};

}  // namespace apigw::lambda
