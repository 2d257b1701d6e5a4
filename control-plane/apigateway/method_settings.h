// Stage method settings (Stage.methodSettings): the setting a patch path
// names ("/{resourcePath}/{httpMethod}/caching/enabled"), its member and type,
// and the values AWS gives a new entry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status_or.h"

namespace apigw::cp::apigateway {

enum class SettingType { kBool, kInt, kDouble, kLogLevel, kCacheControlStrategy };

struct MethodSettingSpec {
  std::string_view path_suffix;  // "caching/enabled"
  std::string_view member;       // "cachingEnabled"
  SettingType type;
};

struct MethodSettingPath {
  std::string key;  // "test/GET", "*/*": the methodSettings map key
  const MethodSettingSpec* spec = nullptr;
};

// Splits "/{key...}/{group}/{name}" when {group}/{name} is a known setting and
// the key has at least a resource path and a method; nullopt otherwise.
std::optional<MethodSettingPath> ParseMethodSettingPath(std::string_view path);

// Sets one setting from its patch value, first creating the entry as a copy
// of "*/*" (or AWS's defaults), as AWS does.
Status SetMethodSetting(JsonValue& method_settings, const MethodSettingPath& path, std::string_view value,
                        JsonAlloc& alloc);

// Puts one setting of an existing entry back to AWS's default. False when
// there is no entry for the key.
bool ResetMethodSetting(JsonValue& method_settings, const MethodSettingPath& path, JsonAlloc& alloc);

}  // namespace apigw::cp::apigateway
