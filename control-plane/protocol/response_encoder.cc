// ResponseEncoder: streams the output document through a RapidJSON writer,
// shape by shape, without building a second document.
#include "control-plane/protocol/response_encoder.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

#include "base/base64.h"
#include "control-plane/protocol/timestamps.h"

namespace apigw::cp {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

TimestampFormat FormatOf(const Shape& shape, const ShapeMember* member, TimestampFormat location_default) {
  if (member && member->timestamp_format != TimestampFormat::kDefault) return member->timestamp_format;
  if (shape.timestamp_format != TimestampFormat::kDefault) return shape.timestamp_format;
  return location_default;
}

void WriteNumber(Writer& w, double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9e15)
    w.Int64(int64_t(v));
  else
    w.Double(v);
}

void WriteValue(Writer& w, const Shape& shape, const ShapeMember* member, const JsonValue& v);

void WriteStructure(Writer& w, const Shape& shape, const JsonValue& v) {
  w.StartObject();
  for (const ShapeMember& m : shape.members) {
    if (m.location != Location::kBody) continue;
    const JsonValue* mv = Member(v, m.name);
    if (!mv || mv->IsNull()) continue;
    w.Key(m.wire_name.data(), rapidjson::SizeType(m.wire_name.size()));
    WriteValue(w, *m.shape, &m, *mv);
  }
  w.EndObject();
}

void WriteValue(Writer& w, const Shape& shape, const ShapeMember* member, const JsonValue& v) {
  switch (shape.type) {
    case ShapeType::kStructure:
      if (v.IsObject()) return WriteStructure(w, shape, v);
      break;
    case ShapeType::kList:
      if (v.IsArray()) {
        w.StartArray();
        for (const JsonValue& e : v.GetArray()) {
          if (e.IsNull())
            w.Null();
          else
            WriteValue(w, *shape.member, nullptr, e);
        }
        w.EndArray();
        return;
      }
      break;
    case ShapeType::kMap:
      if (v.IsObject()) {
        w.StartObject();
        for (const auto& e : v.GetObject()) {
          w.Key(e.name.GetString(), e.name.GetStringLength());
          if (e.value.IsNull())
            w.Null();
          else
            WriteValue(w, *shape.value, nullptr, e.value);
        }
        w.EndObject();
        return;
      }
      break;
    case ShapeType::kTimestamp:
      if (v.IsNumber()) {
        // rest-json bodies default to epoch seconds.
        if (FormatOf(shape, member, TimestampFormat::kUnix) == TimestampFormat::kIso8601) {
          std::string s = FormatIso8601(v.GetDouble());
          w.String(s.data(), rapidjson::SizeType(s.size()));
        } else if (FormatOf(shape, member, TimestampFormat::kUnix) == TimestampFormat::kRfc822) {
          std::string s = FormatHttpDate(v.GetDouble());
          w.String(s.data(), rapidjson::SizeType(s.size()));
        } else {
          WriteNumber(w, v.GetDouble());
        }
        return;
      }
      break;
    case ShapeType::kBlob:
      if (v.IsString()) {
        std::string s = Base64Encode(std::string_view(v.GetString(), v.GetStringLength()));
        w.String(s.data(), rapidjson::SizeType(s.size()));
        return;
      }
      break;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (v.IsNumber() && !v.IsInt64() && !v.IsUint64()) {
        w.Int64(int64_t(v.GetDouble()));
        return;
      }
      break;
    default:
      break;
  }
  v.Accept(w);  // a scalar as it is, or a handler's value of another type
}

std::string HeaderText(const Shape& shape, const ShapeMember& member, const JsonValue& v) {
  switch (shape.type) {
    case ShapeType::kString: return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : ToJson(v);
    case ShapeType::kBoolean: return v.IsBool() ? (v.GetBool() ? "true" : "false") : ToJson(v);
    case ShapeType::kTimestamp:
      if (v.IsNumber()) {
        switch (FormatOf(shape, &member, TimestampFormat::kRfc822)) {
          case TimestampFormat::kIso8601: return FormatIso8601(v.GetDouble());
          case TimestampFormat::kUnix: return ToJson(v);
          default: return FormatHttpDate(v.GetDouble());
        }
      }
      return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : ToJson(v);
    case ShapeType::kBlob:
      return v.IsString() ? Base64Encode(std::string_view(v.GetString(), v.GetStringLength())) : ToJson(v);
    case ShapeType::kList: {
      std::string out;
      if (v.IsArray()) {
        for (const JsonValue& e : v.GetArray()) {
          if (!out.empty()) out += ", ";
          out += HeaderText(*shape.member, member, e);
        }
      }
      return out;
    }
    default: return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : ToJson(v);
  }
}

}  // namespace

std::string EncodeJsonBody(const Shape& shape, const JsonValue& value) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  WriteValue(w, shape, nullptr, value);
  return std::string(buf.GetString(), buf.GetSize());
}

net::HttpResponse EncodeResponse(const Operation& op, const JsonValue* output, const std::string& request_id) {
  net::HttpResponse r;
  r.status = op.response_code;
  r.headers.Add("Content-Type", "application/json");
  r.headers.Add("x-amzn-RequestId", request_id);
  if (!op.output || !output || !output->IsObject()) return r;
  const Shape& shape = *op.output;
  bool has_body_members = false;
  for (const ShapeMember& m : shape.members) {
    const JsonValue* v = Member(*output, m.name);
    if (m.location == Location::kBody) has_body_members = true;
    if (!v || v->IsNull()) continue;
    switch (m.location) {
      case Location::kHeader:
        r.headers.Set(m.location_name, HeaderText(*m.shape, m, *v));
        break;
      case Location::kHeaders:
        if (v->IsObject())
          for (const auto& e : v->GetObject())
            r.headers.Add(m.location_name + std::string(e.name.GetString(), e.name.GetStringLength()),
                          HeaderText(*m.shape->value, m, e.value));
        break;
      case Location::kStatusCode:
        if (v->IsInt()) r.status = v->GetInt();
        break;
      default:
        break;
    }
  }
  if (r.status == 204 || r.status == 304) return r;
  if (const ShapeMember* payload = shape.PayloadMember()) {
    const JsonValue* v = Member(*output, payload->name);
    if (!v || v->IsNull()) return r;
    if (payload->shape->type == ShapeType::kBlob || payload->shape->type == ShapeType::kString) {
      if (v->IsString()) r.body.assign(v->GetString(), v->GetStringLength());
    } else {
      r.body = EncodeJsonBody(*payload->shape, *v);
    }
    return r;
  }
  if (has_body_members) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    WriteStructure(w, shape, *output);
    r.body.assign(buf.GetString(), buf.GetSize());
  }
  return r;
}

}  // namespace apigw::cp
