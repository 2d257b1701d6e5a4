// Conversions between RapidJSON values and template values.
#include "vtl/apigateway/json_values.h"

#include <rapidjson/error/en.h>

#include <vector>

#include "vtl/java_text.h"
#include "vtl/json_writer.h"

namespace apigw::vtl {
namespace {

constexpr int kMaxNesting = 1000;

int Depth(const JsonValue& root) {
  int max = 0;
  std::vector<std::pair<const JsonValue*, int>> stack{{&root, 1}};
  while (!stack.empty()) {
    auto [v, d] = stack.back();
    stack.pop_back();
    if (d > max) max = d;
    if (d > kMaxNesting) return d;
    if (v->IsObject()) {
      for (const auto& m : v->GetObject()) stack.push_back({&m.value, d + 1});
    } else if (v->IsArray()) {
      for (const auto& e : v->GetArray()) stack.push_back({&e, d + 1});
    }
  }
  return max;
}

Value Scalar(const JsonValue& v) {
  if (v.IsNull()) return Value();
  if (v.IsBool()) return Value::Bool(v.GetBool());
  if (v.IsInt64()) return Value::Int(v.GetInt64());
  if (v.IsNumber()) return Value::Double(v.GetDouble());
  return Value::String(std::string(v.GetString(), v.GetStringLength()));
}

Value Convert(const JsonValue& v, int depth) {
  if (v.IsArray()) {
    List items;
    items.reserve(v.Size());
    if (depth < kMaxNesting) {
      for (const auto& e : v.GetArray()) items.push_back(Convert(e, depth + 1));
    }
    return Value::NewJsonArray(std::move(items));
  }
  if (v.IsObject()) {
    Map m;
    if (depth < kMaxNesting) {
      for (const auto& member : v.GetObject()) {
        m.entries().emplace_back(std::string(member.name.GetString(), member.name.GetStringLength()),
                                 Convert(member.value, depth + 1));
      }
    }
    return Value::NewMap(std::move(m));
  }
  return Scalar(v);
}

void Write(const JsonValue& v, std::string* out, int depth) {
  if (depth > kMaxNesting) {
    out->append("null");
    return;
  }
  if (v.IsNull()) {
    out->append("null");
  } else if (v.IsBool()) {
    out->append(v.GetBool() ? "true" : "false");
  } else if (v.IsInt64()) {
    AppendJavaLong(v.GetInt64(), out);
  } else if (v.IsNumber()) {
    AppendJavaDouble(v.GetDouble(), out);
  } else if (v.IsString()) {
    AppendJsonString(std::string_view(v.GetString(), v.GetStringLength()), false, out);
  } else if (v.IsArray()) {
    out->push_back('[');
    bool first = true;
    for (const auto& e : v.GetArray()) {
      if (!first) out->push_back(',');
      first = false;
      Write(e, out, depth + 1);
    }
    out->push_back(']');
  } else {
    out->push_back('{');
    bool first = true;
    for (const auto& m : v.GetObject()) {
      if (!first) out->push_back(',');
      first = false;
      AppendJsonString(std::string_view(m.name.GetString(), m.name.GetStringLength()), false, out);
      out->push_back(':');
      Write(m.value, out, depth + 1);
    }
    out->push_back('}');
  }
}

}  // namespace

StatusOr<JsonDoc> ParsePayload(std::string_view text, std::string_view what) {
  JsonDoc doc;
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    return Status::BadRequest("Could not parse " + std::string(what) + " into json: " +
                              rapidjson::GetParseError_En(doc.GetParseError()) + " at offset " +
                              std::to_string(doc.GetErrorOffset()));
  }
  if (Depth(doc) > kMaxNesting) {
    return Status::BadRequest("Could not parse " + std::string(what) +
                              " into json: nesting depth exceeds " + std::to_string(kMaxNesting));
  }
  return doc;
}

Value JsonToValue(const JsonValue& v) { return Convert(v, 0); }

void AppendJsonText(const JsonValue& v, std::string* out) { Write(v, out, 0); }

}  // namespace apigw::vtl
