// RequestDecoder: location-by-location decoding of rest-json requests.
#include "control-plane/protocol/request_decoder.h"

#include <rapidjson/error/en.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <set>

#include "base/base64.h"
#include "base/text.h"
#include "base/url.h"
#include "control-plane/protocol/decode_errors.h"
#include "control-plane/protocol/timestamps.h"

namespace apigw::cp {

namespace {

class Decoder {
 public:
  Decoder(const ServiceDialect& dialect, JsonAlloc& alloc) : dialect_(dialect), alloc_(alloc) {}

  const Status& error() const { return error_; }

  Status Malformed(std::string_view detail) { return MalformedBodyError(dialect_, detail); }

  bool WrongType(const Shape& shape, const JsonValue& in) {
    error_ = WrongJsonTypeError(dialect_, shape, in);
    return false;
  }

  bool BadText(const Shape& shape, std::string_view text, const ShapeMember& member) {
    error_ = BadTextValueError(dialect_, shape, text, member);
    return false;
  }

  // Converts a JSON body value to the handlers' representation of `shape`.
  bool FromJson(const Shape& shape, const JsonValue& in, JsonValue* out) {
    switch (shape.type) {
      case ShapeType::kStructure: {
        if (!in.IsObject()) return WrongType(shape, in);
        out->SetObject();
        for (const ShapeMember& m : shape.members) {
          const JsonValue* v = Member(in, m.wire_name);
          if (!v || v->IsNull()) continue;
          JsonValue converted;
          if (!FromJson(*m.shape, *v, &converted)) return false;
          out->AddMember(JsonString(m.name, alloc_), converted, alloc_);
        }
        return true;
      }
      case ShapeType::kList: {
        if (!in.IsArray()) return WrongType(shape, in);
        out->SetArray();
        for (const JsonValue& e : in.GetArray()) {
          JsonValue converted;  // null elements stay null: validation decides
          if (!e.IsNull() && !FromJson(*shape.member, e, &converted)) return false;
          out->PushBack(converted, alloc_);
        }
        return true;
      }
      case ShapeType::kMap: {
        if (!in.IsObject()) return WrongType(shape, in);
        out->SetObject();
        for (const auto& e : in.GetObject()) {
          JsonValue converted;
          if (!e.value.IsNull() && !FromJson(*shape.value, e.value, &converted)) return false;
          out->AddMember(JsonValue(e.name, alloc_), converted, alloc_);
        }
        return true;
      }
      case ShapeType::kString:
        if (!in.IsString()) return WrongType(shape, in);
        out->SetString(in.GetString(), in.GetStringLength(), alloc_);
        return true;
      case ShapeType::kInteger:
      case ShapeType::kLong: {
        if (!in.IsNumber()) return WrongType(shape, in);
        double limit = shape.type == ShapeType::kInteger ? 2147483648.0 : 9223372036854775808.0;
        if (in.IsInt64()) {
          int64_t v = in.GetInt64();
          if (shape.type == ShapeType::kInteger && (v < INT32_MIN || v > INT32_MAX)) return WrongType(shape, in);
          out->SetInt64(v);
          return true;
        }
        // Coral truncates fractional numbers toward zero.
        double d = in.GetDouble();
        if (!std::isfinite(d) || d >= limit || d < -limit) return WrongType(shape, in);
        out->SetInt64(int64_t(std::trunc(d)));
        return true;
      }
      case ShapeType::kFloat:
      case ShapeType::kDouble:
        if (!in.IsNumber()) return WrongType(shape, in);
        out->SetDouble(in.GetDouble());
        return true;
      case ShapeType::kBoolean:
        if (!in.IsBool()) return WrongType(shape, in);
        out->SetBool(in.GetBool());
        return true;
      case ShapeType::kTimestamp:
        if (in.IsNumber()) {
          out->SetDouble(in.GetDouble());
          return true;
        }
        if (in.IsString()) {
          if (std::optional<double> t = ParseTimestamp(std::string_view(in.GetString(), in.GetStringLength()))) {
            out->SetDouble(*t);
            return true;
          }
        }
        return WrongType(shape, in);
      case ShapeType::kBlob: {
        if (!in.IsString()) return WrongType(shape, in);
        std::optional<std::string> bytes = Base64Decode(std::string_view(in.GetString(), in.GetStringLength()));
        if (!bytes) return WrongType(shape, in);
        out->SetString(bytes->data(), rapidjson::SizeType(bytes->size()), alloc_);
        return true;
      }
    }
    return WrongType(shape, in);
  }

  // Converts the text of a URI label, query parameter or header.
  bool FromText(const Shape& shape, std::string_view text, const ShapeMember& member, JsonValue* out) {
    switch (shape.type) {
      case ShapeType::kString:
        out->SetString(text.data(), rapidjson::SizeType(text.size()), alloc_);
        return true;
      case ShapeType::kInteger:
      case ShapeType::kLong: {
        std::string t(Trim(text));
        if (t.empty() || t.size() > 20) return BadText(shape, text, member);
        errno = 0;
        char* end = nullptr;
        long long v = std::strtoll(t.c_str(), &end, 10);
        if (errno || end != t.c_str() + t.size()) return BadText(shape, text, member);
        if (shape.type == ShapeType::kInteger && (v < INT32_MIN || v > INT32_MAX)) return BadText(shape, text, member);
        out->SetInt64(v);
        return true;
      }
      case ShapeType::kFloat:
      case ShapeType::kDouble: {
        std::string t(Trim(text));
        char* end = nullptr;
        double v = t.empty() ? 0 : std::strtod(t.c_str(), &end);
        if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v)) return BadText(shape, text, member);
        out->SetDouble(v);
        return true;
      }
      case ShapeType::kBoolean:
        if (EqualsIgnoreCase(Trim(text), "true")) {
          out->SetBool(true);
          return true;
        }
        if (EqualsIgnoreCase(Trim(text), "false")) {
          out->SetBool(false);
          return true;
        }
        return BadText(shape, text, member);
      case ShapeType::kTimestamp:
        if (std::optional<double> t = ParseTimestamp(text)) {
          out->SetDouble(*t);
          return true;
        }
        return BadText(shape, text, member);
      case ShapeType::kBlob: {
        std::optional<std::string> bytes = Base64Decode(text);
        if (!bytes) return BadText(shape, text, member);
        out->SetString(bytes->data(), rapidjson::SizeType(bytes->size()), alloc_);
        return true;
      }
      case ShapeType::kList:
      case ShapeType::kMap:
      case ShapeType::kStructure:
        break;
    }
    return BadText(shape, text, member);
  }

  // A list from several texts (repeated query keys, comma-separated header).
  bool FromTexts(const Shape& list, const std::vector<std::string>& texts, const ShapeMember& member, JsonValue* out) {
    out->SetArray();
    for (const std::string& t : texts) {
      JsonValue v;
      if (!FromText(*list.member, t, member, &v)) return false;
      out->PushBack(v, alloc_);
    }
    return true;
  }

 private:
  const ServiceDialect& dialect_;
  JsonAlloc& alloc_;
  Status error_;
};

std::vector<std::string> HeaderList(const std::string& value) {
  std::vector<std::string> out;
  for (const std::string& part : Split(value, ',')) {
    std::string_view t = Trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

}  // namespace

StatusOr<JsonDoc> DecodeRequest(const Operation& op, const UriLabels& labels, const net::HttpRequest& request,
                                const ServiceDialect& dialect) {
  JsonDoc doc;
  doc.SetObject();
  if (!op.input) return doc;
  JsonAlloc& alloc = doc.GetAllocator();
  Decoder decoder(dialect, alloc);
  const Shape& input = *op.input;

  QueryParams query = ParseQuery(request.query);
  std::set<std::string> bound_query;
  for (const ShapeMember& m : input.members)
    if (m.location == Location::kQuery && m.shape->type != ShapeType::kMap) bound_query.insert(m.location_name);
  // Nor do a map member's entries include the template's literal query part
  // ("?mode=import") or a presigned URL's signature parameters.
  for (const auto& [key, value] : op.query_literals) bound_query.insert(key);
  auto is_signing = [](const std::string& name) { return name.size() > 6 && EqualsIgnoreCase(name.substr(0, 6), "X-Amz-"); };

  bool has_body_members = false;
  for (const ShapeMember& m : input.members) {
    JsonValue value;
    bool present = false;
    switch (m.location) {
      case Location::kUri:
        for (const auto& [name, text] : labels) {
          if (name != m.location_name) continue;
          if (!decoder.FromText(*m.shape, text, m, &value)) return decoder.error();
          present = true;
          break;
        }
        break;
      case Location::kQuery:
        if (m.shape->type == ShapeType::kMap) {
          // Every query parameter no other member binds.
          value.SetObject();
          const Shape& v = *m.shape->value;
          for (const auto& [name, text] : query) {
            if (bound_query.count(name) || is_signing(name)) continue;
            JsonValue* existing = MutableMember(value, name);
            if (v.type == ShapeType::kList) {
              if (!existing) {
                value.AddMember(JsonString(name, alloc), JsonValue(rapidjson::kArrayType), alloc);
                existing = MutableMember(value, name);
              }
              JsonValue item;
              if (!decoder.FromText(*v.member, text, m, &item)) return decoder.error();
              existing->PushBack(item, alloc);
            } else if (!existing) {
              JsonValue item;
              if (!decoder.FromText(v, text, m, &item)) return decoder.error();
              value.AddMember(JsonString(name, alloc), item, alloc);
            }
          }
          present = value.MemberCount() > 0;
        } else if (m.shape->type == ShapeType::kList) {
          std::vector<std::string> texts;
          for (const auto& [name, text] : query)
            if (name == m.location_name) texts.push_back(text);
          if (!texts.empty()) {
            if (!decoder.FromTexts(*m.shape, texts, m, &value)) return decoder.error();
            present = true;
          }
        } else {
          for (const auto& [name, text] : query) {
            if (name != m.location_name) continue;
            if (!decoder.FromText(*m.shape, text, m, &value)) return decoder.error();
            present = true;
            break;
          }
        }
        break;
      case Location::kHeader:
        if (const std::string* h = request.headers.Get(m.location_name)) {
          if (m.shape->type == ShapeType::kList) {
            if (!decoder.FromTexts(*m.shape, HeaderList(*h), m, &value)) return decoder.error();
          } else if (!decoder.FromText(*m.shape, *h, m, &value)) {
            return decoder.error();
          }
          present = true;
        }
        break;
      case Location::kHeaders:
        value.SetObject();
        for (const auto& [name, text] : request.headers) {
          if (name.size() <= m.location_name.size() ||
              !EqualsIgnoreCase(std::string_view(name).substr(0, m.location_name.size()), m.location_name))
            continue;
          JsonValue item;
          if (!decoder.FromText(*m.shape->value, text, m, &item)) return decoder.error();
          value.AddMember(JsonString(std::string_view(name).substr(m.location_name.size()), alloc), item, alloc);
        }
        present = value.MemberCount() > 0;
        break;
      case Location::kStatusCode:
        break;
      case Location::kBody:
        has_body_members = true;
        break;
    }
    if (present) doc.AddMember(JsonString(m.name, alloc), value, alloc);
  }

  std::string_view body_text = Trim(request.body);
  if (const ShapeMember* payload = input.PayloadMember()) {
    if (payload->shape->type == ShapeType::kBlob || payload->shape->type == ShapeType::kString) {
      if (!request.body.empty())
        doc.AddMember(JsonString(payload->name, alloc),
                      JsonValue(request.body.data(), rapidjson::SizeType(request.body.size()), alloc), alloc);
    } else if (!body_text.empty()) {
      JsonDoc body;
      body.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag>(body_text.data(), body_text.size());
      if (body.HasParseError())
        return decoder.Malformed(std::string(rapidjson::GetParseError_En(body.GetParseError())) + " at offset " +
                                 std::to_string(body.GetErrorOffset()));
      if (!body.IsNull()) {
        JsonValue value;
        if (!decoder.FromJson(*payload->shape, body, &value)) return decoder.error();
        doc.AddMember(JsonString(payload->name, alloc), value, alloc);
      }
    }
    return doc;
  }

  if (!has_body_members || body_text.empty()) return doc;
  JsonDoc body;
  body.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag>(body_text.data(), body_text.size());
  if (body.HasParseError())
    return decoder.Malformed(std::string(rapidjson::GetParseError_En(body.GetParseError())) + " at offset " +
                             std::to_string(body.GetErrorOffset()));
  if (body.IsNull()) return doc;
  if (!body.IsObject()) {
    decoder.WrongType(input, body);
    return decoder.error();
  }
  for (const ShapeMember& m : input.members) {
    if (m.location != Location::kBody) continue;
    const JsonValue* v = Member(body, m.wire_name);
    if (!v || v->IsNull()) continue;
    JsonValue value;
    if (!decoder.FromJson(*m.shape, *v, &value)) return decoder.error();
    doc.AddMember(JsonString(m.name, alloc), value, alloc);
  }
  return doc;
}

}  // namespace apigw::cp
