// BuildProcessEnv: AWS's variables first, then the function's (which may
// override the non-reserved ones such as PATH or NODE_OPTIONS, as on AWS).
#include "lambda/process_env.h"

#include <ctime>
#include <map>

#include "base/text.h"
#include "lambda/runtime_kind.h"

namespace apigw::lambda {

namespace {

// The reserved keys, as the Lambda documentation lists them.
constexpr std::string_view kReserved[] = {
    "_HANDLER",          "_X_AMZN_TRACE_ID",          "AWS_DEFAULT_REGION",          "AWS_REGION",
    "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",  "AWS_ACCESS_KEY",   "AWS_ACCESS_KEY_ID",           "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",           "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",      "LAMBDA_RUNTIME_DIR"};

bool IsReserved(std::string_view key) {
  for (std::string_view r : kReserved)
    if (r == key) return true;
  return false;
}

}  // namespace

std::vector<std::string> BuildProcessEnv(const VersionSpec& spec, const ProcessEnvInputs& in) {
  // Insertion order is kept for readability of /proc/<pid>/environ; a map
  // from key to position lets function variables replace defaults in place.
  std::vector<std::pair<std::string, std::string>> vars;
  std::map<std::string, size_t> at;
  auto set = [&](std::string key, std::string value) {
    auto it = at.find(key);
    if (it != at.end()) {
      vars[it->second].second = std::move(value);
      return;
    }
    at.emplace(key, vars.size());
    vars.emplace_back(std::move(key), std::move(value));
  };

  RuntimeKind kind = KindOf(spec.runtime);
  set("AWS_LAMBDA_FUNCTION_NAME", spec.name);
  set("AWS_LAMBDA_FUNCTION_VERSION", spec.version);
  set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", std::to_string(spec.memory_mb));
  set("AWS_LAMBDA_LOG_GROUP_NAME", spec.log_group);
  set("AWS_LAMBDA_LOG_STREAM_NAME", in.log_stream);
  set("AWS_LAMBDA_RUNTIME_API", in.runtime_api);
  set("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
  set("AWS_REGION", spec.region);
  set("AWS_DEFAULT_REGION", spec.region);
  // Not defined for the OS-only runtimes (provided*), as the Lambda documentation says.
  if (kind != RuntimeKind::kProvided) set("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime);
  set("_HANDLER", spec.handler);
  set("LAMBDA_TASK_ROOT", in.task_root);
  set("LAMBDA_RUNTIME_DIR", in.runtime_dir);
  // Dummy credentials: the SDKs need some, and the emulator accepts any.
  set("AWS_ACCESS_KEY_ID", "test");
  set("AWS_SECRET_ACCESS_KEY", "test");
  set("AWS_SESSION_TOKEN", "test");
  if (!in.endpoint_url.empty()) set("AWS_ENDPOINT_URL", in.endpoint_url);
  set("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
  // The X-Ray daemon's address, as every runtime gets it (nothing listens: an
  // X-Ray SDK's UDP segments go nowhere).
  set("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000");
  set("_AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1");
  set("_AWS_XRAY_DAEMON_PORT", "2000");
  set("TZ", ":UTC");
  set("LANG", "en_US.UTF-8");
  set("PATH", in.host_path.empty() ? "/usr/local/bin:/usr/bin:/bin" : in.host_path);
  // The function's own libraries, as AWS lists them (".../var/task:/var/task/lib:/opt/lib").
  set("LD_LIBRARY_PATH", in.task_root + ":" + in.task_root + "/lib");
  if (kind != RuntimeKind::kProvided) {
    // Set by the managed runtimes' shell bootstrap; a provided* bootstrap starts without them.
    set("PWD", in.task_root);
    set("SHLVL", "0");
  }
  if (kind == RuntimeKind::kNode) set("NODE_PATH", in.runtime_dir + ":" + in.task_root);
  if (kind == RuntimeKind::kPython) {
    set("PYTHONPATH", in.runtime_dir);
    set("LC_CTYPE", "C.UTF-8");
  }
  for (const auto& [key, value] : spec.environment)
    if (!IsReserved(key)) set(key, value);

  std::vector<std::string> out;
  out.reserve(vars.size());
  for (auto& [key, value] : vars) out.push_back(key + "=" + value);
  return out;
}

std::string LogStreamName(int64_t epoch_ms, std::string_view version, std::string_view hex32) {
  time_t secs = time_t(epoch_ms / 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  char date[16];
  strftime(date, sizeof date, "%Y/%m/%d", &tm);
  return std::string(date) + "/[" + std::string(version) + "]" + std::string(hex32);
}

Status CheckReservedKeys(const std::vector<std::string>& keys) {
  std::vector<std::string> used;
  for (const std::string& k : keys)
    if (IsReserved(k)) used.push_back(k);
  if (used.empty()) return Status::Ok();
  return Status(400, "InvalidParameterValueException",
                "Lambda was unable to configure your environment variables because the environment variables "
                "you have provided contains reserved keys that are currently not supported for modification. "
                "Reserved keys used in this request: " +
                    Join(used, ", "));
}

}  // namespace apigw::lambda
