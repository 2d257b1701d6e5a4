// Stage method settings: path parsing, value conversion and AWS's defaults.
#include "control-plane/apigateway/method_settings.h"

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "base/text.h"

namespace apigw::cp::apigateway {
namespace {

constexpr MethodSettingSpec kSpecs[] = {
    {"metrics/enabled", "metricsEnabled", SettingType::kBool},
    {"logging/dataTrace", "dataTraceEnabled", SettingType::kBool},
    {"logging/loglevel", "loggingLevel", SettingType::kLogLevel},
    {"throttling/burstLimit", "throttlingBurstLimit", SettingType::kInt},
    {"throttling/rateLimit", "throttlingRateLimit", SettingType::kDouble},
    {"caching/ttlInSeconds", "cacheTtlInSeconds", SettingType::kInt},
    {"caching/enabled", "cachingEnabled", SettingType::kBool},
    {"caching/dataEncrypted", "cacheDataEncrypted", SettingType::kBool},
    {"caching/requireAuthorizationForCacheControl", "requireAuthorizationForCacheControl", SettingType::kBool},
    {"caching/unauthorizedCacheControlHeaderStrategy", "unauthorizedCacheControlHeaderStrategy",
     SettingType::kCacheControlStrategy},
};

// A new entry as AWS answers it (recorded: no loggingLevel until one is set;
// throttling defaults are the account's limits).
JsonValue DefaultSettings(JsonAlloc& alloc) {
  JsonValue s(rapidjson::kObjectType);
  s.AddMember("metricsEnabled", false, alloc);
  s.AddMember("dataTraceEnabled", false, alloc);
  s.AddMember("throttlingBurstLimit", 5000, alloc);
  s.AddMember("throttlingRateLimit", 10000.0, alloc);
  s.AddMember("cachingEnabled", false, alloc);
  s.AddMember("cacheTtlInSeconds", 300, alloc);
  s.AddMember("cacheDataEncrypted", false, alloc);
  s.AddMember("requireAuthorizationForCacheControl", true, alloc);
  s.AddMember("unauthorizedCacheControlHeaderStrategy", "SUCCEED_WITH_RESPONSE_HEADER", alloc);
  return s;
}

Status InvalidValue(const MethodSettingSpec& spec, std::string_view value) {
  return Status::BadRequest("Invalid value '" + std::string(value) + "' for method setting " +
                            std::string(spec.path_suffix));
}

// Throttling limits take -1 ("no method-level limit"), stored as sent:
// Terraform's aws_api_gateway_method_settings sends -1 for limits left unset
// and its acceptance tests, run against AWS, read -1 back.
bool AcceptsMinusOne(const MethodSettingSpec& spec) {
  return spec.path_suffix == "throttling/burstLimit" || spec.path_suffix == "throttling/rateLimit";
}

StatusOr<JsonValue> ConvertValue(const MethodSettingSpec& spec, std::string_view value, JsonAlloc& alloc) {
  std::string text(value);
  switch (spec.type) {
    case SettingType::kBool:
      // AWS reads booleans leniently: anything but "true" is false.
      return JsonValue(EqualsIgnoreCase(text, "true"));
    case SettingType::kInt: {
      errno = 0;
      char* end = nullptr;
      long long n = std::strtoll(text.c_str(), &end, 10);
      const long long lowest = AcceptsMinusOne(spec) ? -1 : 0;
      if (text.empty() || *end != '\0' || errno != 0 || n < lowest || n > 2147483647LL)
        return InvalidValue(spec, value);
      return JsonValue(int64_t(n));
    }
    case SettingType::kDouble: {
      errno = 0;
      char* end = nullptr;
      double d = std::strtod(text.c_str(), &end);
      const bool minus_one = AcceptsMinusOne(spec) && d == -1.0;
      if (text.empty() || *end != '\0' || errno != 0 || !(d >= 0 || minus_one)) return InvalidValue(spec, value);
      return JsonValue(d);
    }
    case SettingType::kLogLevel: {
      std::string level = ToUpper(text);
      if (level != "OFF" && level != "ERROR" && level != "INFO") return InvalidValue(spec, value);
      return JsonString(level, alloc);
    }
    case SettingType::kCacheControlStrategy:
      if (text != "FAIL_WITH_403" && text != "SUCCEED_WITH_RESPONSE_HEADER" &&
          text != "SUCCEED_WITHOUT_RESPONSE_HEADER")
        return InvalidValue(spec, value);
      return JsonString(text, alloc);
  }
  return InvalidValue(spec, value);
}

}  // namespace

std::optional<MethodSettingPath> ParseMethodSettingPath(std::string_view path) {
  if (!StartsWith(path, "/")) return std::nullopt;
  std::vector<std::string> parts = Split(path.substr(1), '/');
  if (parts.size() < 4) return std::nullopt;
  std::string suffix = parts[parts.size() - 2] + "/" + parts.back();
  for (const MethodSettingSpec& spec : kSpecs) {
    if (spec.path_suffix != suffix) continue;
    std::vector<std::string> key_parts(parts.begin(), parts.end() - 2);
    for (const std::string& p : key_parts)
      if (p.empty()) return std::nullopt;
    return MethodSettingPath{Join(key_parts, "/"), &spec};
  }
  return std::nullopt;
}

Status SetMethodSetting(JsonValue& method_settings, const MethodSettingPath& path, std::string_view value,
                        JsonAlloc& alloc) {
  auto converted = ConvertValue(*path.spec, value, alloc);
  if (!converted.ok()) return converted.status();
  JsonValue* entry = MutableMember(method_settings, path.key);
  if (!entry) {
    // A new entry starts as a copy of the stage-wide "*/*" entry, so a later
    // change of "*/*" leaves it alone (recorded against AWS).
    const JsonValue* wildcard = Member(method_settings, "*/*");
    JsonValue fresh = wildcard ? JsonValue(*wildcard, alloc) : DefaultSettings(alloc);
    method_settings.AddMember(JsonString(path.key, alloc), fresh, alloc);
    entry = MutableMember(method_settings, path.key);
  }
  SetMember(*entry, path.spec->member, std::move(converted).value(), alloc);
  return Status::Ok();
}

bool ResetMethodSetting(JsonValue& method_settings, const MethodSettingPath& path, JsonAlloc& alloc) {
  JsonValue* entry = MutableMember(method_settings, path.key);
  if (!entry) return false;
  JsonValue defaults = DefaultSettings(alloc);
  if (const JsonValue* d = Member(defaults, path.spec->member)) {
    SetMember(*entry, path.spec->member, JsonValue(*d, alloc), alloc);
  } else {
    RemoveMember(*entry, path.spec->member);
  }
  return true;
}

}  // namespace apigw::cp::apigateway
