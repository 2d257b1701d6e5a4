// JSON helpers over RapidJSON.
#include "base/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace apigw {

StatusOr<JsonDoc> ParseJson(std::string_view text) {
  JsonDoc doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    return Status::BadRequest(std::string("Invalid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()) +
                              " at offset " + std::to_string(doc.GetErrorOffset()));
  }
  return doc;
}

std::string ToJson(const JsonValue& value) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buf);
  value.Accept(writer);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string ToPrettyJson(const JsonValue& value) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buf);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return std::string(buf.GetString(), buf.GetSize());
}

const JsonValue* Member(const JsonValue& object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(JsonValue(rapidjson::StringRef(name.data(), name.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

JsonValue* MutableMember(JsonValue& object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(JsonValue(rapidjson::StringRef(name.data(), name.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::optional<std::string> GetString(const JsonValue& object, std::string_view name) {
  const JsonValue* v = Member(object, name);
  if (!v || !v->IsString()) return std::nullopt;
  return std::string(v->GetString(), v->GetStringLength());
}

std::optional<int64_t> GetInt(const JsonValue& object, std::string_view name) {
  const JsonValue* v = Member(object, name);
  if (!v) return std::nullopt;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsDouble()) return int64_t(v->GetDouble());
  return std::nullopt;
}

std::optional<double> GetDouble(const JsonValue& object, std::string_view name) {
  const JsonValue* v = Member(object, name);
  if (!v || !v->IsNumber()) return std::nullopt;
  return v->GetDouble();
}

std::optional<bool> GetBool(const JsonValue& object, std::string_view name) {
  const JsonValue* v = Member(object, name);
  if (!v || !v->IsBool()) return std::nullopt;
  return v->GetBool();
}

void SetMember(JsonValue& object, std::string_view name, JsonValue value, JsonAlloc& alloc) {
  if (JsonValue* existing = MutableMember(object, name)) {
    *existing = std::move(value);
    return;
  }
  object.AddMember(JsonString(name, alloc), value, alloc);
}

void SetString(JsonValue& object, std::string_view name, std::string_view value, JsonAlloc& alloc) {
  SetMember(object, name, JsonString(value, alloc), alloc);
}

bool RemoveMember(JsonValue& object, std::string_view name) {
  if (!object.IsObject()) return false;
  auto it = object.FindMember(JsonValue(rapidjson::StringRef(name.data(), name.size())));
  if (it == object.MemberEnd()) return false;
  object.EraseMember(it);  // keeps the order of the other members
  return true;
}

}  // namespace apigw
