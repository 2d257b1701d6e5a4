// The table of flags, and ParseFlags and HelpText, which both walk it.
#include "emulator/flags.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include "base/text.h"

namespace apigw::emulator {

namespace {

constexpr const char* kVersion = "0.1.0";

// One flag. Adding a flag is adding an entry to kFlags below.
struct Flag {
  const char* name;        // "--host"
  const char* alias;       // another spelling ("-h"), or nullptr
  const char* env;         // its environment variable, or nullptr
  const char* value_name;  // "ADDR" in the help; nullptr for a switch (no value, or =true/=false)
  const char* help;        // one sentence for --help
  // Parses `value` into `options`. Returns "" on success, else what was
  // expected ("is not a port number (0-65535)"); the caller names the source.
  std::string (*apply)(std::string_view value, Options& options);
  // The default as --help shows it, or nullptr for none.
  std::string (*show_default)(const Options& defaults);
};

std::string ParsePort(std::string_view value, int& port) {
  int parsed = -1;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() || parsed < 0 ||
      parsed > 65535) {
    return "is not a port number (0-65535)";
  }
  port = parsed;
  return "";
}

std::string ParseSwitch(std::string_view value, bool& flag) {
  std::string lower = ToLower(value);
  if (lower == "1" || lower == "true" || lower == "yes" || lower == "on") {
    flag = true;
  } else if (lower == "0" || lower == "false" || lower == "no" || lower == "off") {
    flag = false;
  } else {
    return "is not a boolean (true, false, 1, 0)";
  }
  return "";
}

std::string ParseNonEmpty(std::string_view value, std::string& field) {
  if (value.empty()) return "is empty";
  field = std::string(value);
  return "";
}

// Region names as AWS spells them: lowercase letters, digits and dashes.
std::string ParseRegion(std::string_view value, Options& options) {
  bool valid = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!valid) return "is not a region name (like us-east-1)";
  options.region = std::string(value);
  return "";
}

std::string ParseAccountId(std::string_view value, Options& options) {
  bool valid = value.size() == 12 &&
               std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!valid) return "is not an account id (12 digits)";
  options.account_id = std::string(value);
  return "";
}

std::string ParseLevel(std::string_view value, Options& options) {
  StatusOr<LogLevel> level = ParseLogLevel(ToLower(value));
  if (!level.ok()) return "is not a log level (debug, info, warn, error, off)";
  options.log_level = *level;
  return "";
}

constexpr int kMaxThreads = 256;

std::string ParseThreads(std::string_view value, Options& options) {
  int parsed = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() || parsed < 1 ||
      parsed > kMaxThreads) {
    return "is not a thread count (1-" + std::to_string(kMaxThreads) + ")";
  }
  options.threads = parsed;
  return "";
}

std::string ParseLambdaConcurrency(std::string_view value, Options& options) {
  int parsed = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() || parsed < 1 || parsed > 1000)
    return "is not a process count (1-1000)";
  options.lambda_concurrency = parsed;
  return "";
}

// Appends "[service=]http(s)://host[:port]" entries (comma-separated).
std::string ParseAwsEndpoints(std::string_view value, Options& options) {
  for (const std::string& item : Split(value, ',')) {
    std::string_view entry = Trim(item);
    size_t scheme = entry.find("://");
    size_t equals = entry.find('=');
    std::string_view url = equals != std::string_view::npos && equals < scheme ? entry.substr(equals + 1) : entry;
    if (equals == 0 || !(StartsWith(url, "http://") || StartsWith(url, "https://")) || url.size() <= url.find("://") + 3)
      return "is not [service=]http(s)://host[:port] (e.g. dynamodb=http://localhost:8000)";
    options.aws_endpoints.emplace_back(entry);
  }
  return "";
}

const Flag kFlags[] = {
    {"--host", nullptr, "APIGW_HOST", "ADDR", "address to listen on (0.0.0.0 for every interface)",
     [](std::string_view v, Options& o) { return ParseNonEmpty(v, o.host); },
     [](const Options& d) { return d.host; }},
    {"--control-port", nullptr, "APIGW_CONTROL_PORT", "N",
     "port of the AWS APIs (apigateway, apigatewayv2, lambda); 0: any free port",
     [](std::string_view v, Options& o) { return ParsePort(v, o.control_port); },
     [](const Options& d) { return std::to_string(d.control_port); }},
    {"--data-port", nullptr, "APIGW_DATA_PORT", "N", "port of the deployed stages (HTTP, WebSocket); 0: any free port",
     [](std::string_view v, Options& o) { return ParsePort(v, o.data_port); },
     [](const Options& d) { return std::to_string(d.data_port); }},
    {"--state", nullptr, "APIGW_STATE", "FILE", "state file, created on demand with its folder",
     [](std::string_view v, Options& o) { return ParseNonEmpty(v, o.state_path); },
     [](const Options& d) { return d.state_path; }},
    {"--in-memory", nullptr, "APIGW_IN_MEMORY", nullptr, "keep the state in memory only (no file; lost on exit)",
     [](std::string_view v, Options& o) { return ParseSwitch(v, o.in_memory); },
     [](const Options& d) { return std::string(d.in_memory ? "on" : "off"); }},
    {"--region", nullptr, "APIGW_REGION", "REGION", "region used where a request names none", ParseRegion,
     [](const Options& d) { return d.region; }},
    {"--account-id", nullptr, "APIGW_ACCOUNT_ID", "ID", "12-digit account id in ARNs", ParseAccountId,
     [](const Options& d) { return d.account_id; }},
    {"--log-level", nullptr, "APIGW_LOG_LEVEL", "LEVEL", "debug, info, warn, error or off", ParseLevel,
     [](const Options& d) { return ToLower(LogLevelName(d.log_level)); }},
    {"--threads", nullptr, "APIGW_THREADS", "N", "threads serving requests", ParseThreads,
     [](const Options& d) { return "the number of cores, at least 2 (here " + std::to_string(d.threads) + ")"; }},
    {"--lambda-dir", nullptr, "APIGW_LAMBDA_DIR", "DIR",
     "folder where Lambda code is unpacked (default: 'lambda' next to the state file)",
     [](std::string_view v, Options& o) { return ParseNonEmpty(v, o.lambda_dir); }, nullptr},
    {"--lambda-concurrency", nullptr, "APIGW_LAMBDA_CONCURRENCY", "N",
     "processes each Lambda function may run at once; more invocations wait", ParseLambdaConcurrency,
     [](const Options& d) { return std::to_string(d.lambda_concurrency); }},
    {"--aws-endpoint", nullptr, "APIGW_AWS_ENDPOINTS", "[SERVICE=]URL",
     "where AWS integrations send a service's requests (repeatable; env: comma-separated)", ParseAwsEndpoints,
     nullptr},
    {"--help", "-h", nullptr, nullptr, "print this help and exit",
     [](std::string_view v, Options& o) { return ParseSwitch(v, o.help); }, nullptr},
    {"--version", nullptr, nullptr, nullptr, "print the version and exit",
     [](std::string_view v, Options& o) { return ParseSwitch(v, o.version); }, nullptr},
};

const Flag* FindFlag(std::string_view name) {
  for (const Flag& flag : kFlags) {
    if (name == flag.name || (flag.alias != nullptr && name == flag.alias)) return &flag;
  }
  return nullptr;
}

Status Apply(const Flag& flag, std::string_view source, std::string_view value, Options& options) {
  std::string expected = flag.apply(value, options);
  if (expected.empty()) return Status::Ok();
  return Status::BadRequest(std::string(source) + ": '" + std::string(value) + "' " + expected);
}

Options Defaults() {
  Options options;
  options.threads = DefaultThreadCount();
  return options;
}

}  // namespace

StatusOr<Options> ParseFlags(int argc, const char* const* argv,
                             const std::function<const char*(const char*)>& getenv) {
  Options options = Defaults();
  for (const Flag& flag : kFlags) {
    if (flag.env == nullptr) continue;
    const char* value = getenv(flag.env);
    if (value == nullptr || *value == '\0') continue;
    APIGW_RETURN_IF_ERROR(Apply(flag, flag.env, value, options));
  }

  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.size() < 2 || arg[0] != '-') {
      return Status::BadRequest("unexpected argument '" + std::string(arg) + "' (see --help)");
    }
    size_t equals = arg.find('=');
    std::string_view name = arg.substr(0, equals);
    const Flag* flag = FindFlag(name);
    if (flag == nullptr) return Status::BadRequest("unknown flag " + std::string(name) + " (see --help)");

    std::string_view value;
    if (equals != std::string_view::npos) {
      value = arg.substr(equals + 1);
    } else if (flag->value_name == nullptr) {
      value = "true";  // a switch given alone
    } else if (i + 1 < argc && std::string_view(argv[i + 1]).substr(0, 2) != "--") {
      value = argv[++i];
    } else {
      // "--host --data-port 1" is a forgotten value, not a host named "--data-port".
      return Status::BadRequest(std::string(name) + " needs a value: " + std::string(name) + " " + flag->value_name);
    }
    APIGW_RETURN_IF_ERROR(Apply(*flag, name, value, options));
  }
  return options;
}

std::string HelpText() {
  const Options defaults = Defaults();
  std::string text =
      "Usage: apigw-emulator [flags]\n"
      "An emulator of Amazon API Gateway (REST, HTTP and WebSocket APIs) and Lambda.\n"
      "Point the AWS CLI or SDKs at http://HOST:CONTROL_PORT; call deployed stages at\n"
      "http://HOST:DATA_PORT/{apiId}/{stage}/{path}.\n"
      "\n"
      "Flags (--flag VALUE or --flag=VALUE; each may also be set by the environment\n"
      "variable shown; a flag wins over its variable):\n";
  for (const Flag& flag : kFlags) {
    std::string usage = "  " + std::string(flag.name);
    if (flag.alias != nullptr) usage = "  " + std::string(flag.alias) + ", " + flag.name;
    if (flag.value_name != nullptr) usage += std::string(" ") + flag.value_name;
    usage.resize(std::max<size_t>(usage.size() + 2, 26), ' ');
    text += usage + flag.help + "\n";
    std::string details;
    if (flag.env != nullptr) details += std::string("env ") + flag.env;
    if (flag.show_default != nullptr) {
      details += (details.empty() ? "" : ", ") + std::string("default ") + flag.show_default(defaults);
    }
    if (!details.empty()) text += std::string(26, ' ') + "(" + details + ")\n";
  }
  return text;
}

std::string VersionText() { return std::string("apigw-emulator ") + kVersion; }

int DefaultThreadCount() {
  // hardware_concurrency() may answer 0 when it cannot tell.
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, kMaxThreads);
}

}  // namespace apigw::emulator
