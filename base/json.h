// JSON helpers over RapidJSON: parsing with an AWS-shaped error, writing, and
// typed look-ups that return std::optional for absent or mistyped members.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

#include "base/status_or.h"

namespace apigw {

using JsonValue = rapidjson::Value;
using JsonDoc = rapidjson::Document;
using JsonAlloc = rapidjson::Document::AllocatorType;

// Parses `text`; on failure returns a BadRequestException naming the offset.
StatusOr<JsonDoc> ParseJson(std::string_view text);
std::string ToJson(const JsonValue& value);
std::string ToPrettyJson(const JsonValue& value);

const JsonValue* Member(const JsonValue& object, std::string_view name);
JsonValue* MutableMember(JsonValue& object, std::string_view name);
std::optional<std::string> GetString(const JsonValue& object, std::string_view name);
std::optional<int64_t> GetInt(const JsonValue& object, std::string_view name);
std::optional<double> GetDouble(const JsonValue& object, std::string_view name);
std::optional<bool> GetBool(const JsonValue& object, std::string_view name);

// Sets object[name] = value, replacing an existing member.
void SetMember(JsonValue& object, std::string_view name, JsonValue value, JsonAlloc& alloc);
void SetString(JsonValue& object, std::string_view name, std::string_view value, JsonAlloc& alloc);
bool RemoveMember(JsonValue& object, std::string_view name);
inline JsonValue JsonString(std::string_view s, JsonAlloc& alloc) {
  return JsonValue(s.data(), rapidjson::SizeType(s.size()), alloc);
}

}  // namespace apigw
