// InputValidator: recursive constraint checks with Coral's wording. Element
// constraints of lists and maps are reported once at the collection, listing
// every constraint of the element ("Member must satisfy constraint: [...]"),
// as recorded from AWS (see service_dialect.cc).
#include "control-plane/protocol/input_validator.h"

#include <cmath>
#include <cstdio>

#include "control-plane/protocol/timestamps.h"

namespace apigw::cp {

std::string ConstraintViolation::ToString() const {
  // A sensitive value (empty here) is left out, as AWS words it: "Value at '...'".
  return (value.empty() ? "Value" : "Value " + value) + " at '" + path + "' failed to satisfy constraint: " + constraint;
}

std::string ValidationMessage(const std::vector<ConstraintViolation>& violations) {
  std::string out = std::to_string(violations.size()) +
                    (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < violations.size(); ++i) {
    if (i) out += "; ";
    out += violations[i].ToString();
  }
  return out;
}

namespace {

std::string LowerFirst(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = char(s[0] - 'A' + 'a');
  return s;
}

bool IsNumber(ShapeType t) {
  return t == ShapeType::kInteger || t == ShapeType::kLong || t == ShapeType::kFloat || t == ShapeType::kDouble;
}

// Java's Double.toString for the common cases: "1.0", "0.5", "1.0E-5".
std::string JavaDouble(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e7) {
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
  }
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  size_t e = s.find('e');
  if (e != std::string::npos) {
    std::string mantissa = s.substr(0, e);
    if (mantissa.find('.') == std::string::npos) mantissa += ".0";
    int exponent = std::atoi(s.c_str() + e + 1);
    s = mantissa + "E" + std::to_string(exponent);
  }
  return s;
}

std::string Bound(const Shape& shape, double v) {
  if (shape.type == ShapeType::kFloat || shape.type == ShapeType::kDouble) return JavaDouble(v);
  return std::to_string(int64_t(v));
}

// A value as Java's toString shows it inside a message, without quotes.
std::string Render(const Shape& shape, const JsonValue& v) {
  if (v.IsNull()) return "null";
  switch (shape.type) {
    case ShapeType::kString:
      return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : "";
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return v.IsInt64() ? std::to_string(v.GetInt64()) : (v.IsNumber() ? std::to_string(int64_t(v.GetDouble())) : "");
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      return v.IsNumber() ? JavaDouble(v.GetDouble()) : "";
    case ShapeType::kBoolean:
      return v.IsBool() ? (v.GetBool() ? "true" : "false") : "";
    case ShapeType::kTimestamp:
      return v.IsNumber() ? FormatIso8601(v.GetDouble()) : "";
    case ShapeType::kBlob: {
      size_t n = v.IsString() ? v.GetStringLength() : 0;
      return "java.nio.HeapByteBuffer[pos=0 lim=" + std::to_string(n) + " cap=" + std::to_string(n) + "]";
    }
    case ShapeType::kList: {
      std::string out = "[";
      if (v.IsArray()) {
        bool first = true;
        for (const JsonValue& e : v.GetArray()) {
          if (!first) out += ", ";
          first = false;
          out += Render(*shape.member, e);
        }
      }
      return out + "]";
    }
    case ShapeType::kMap: {
      std::string out = "{";
      if (v.IsObject()) {
        bool first = true;
        for (const auto& e : v.GetObject()) {
          if (!first) out += ", ";
          first = false;
          out.append(e.name.GetString(), e.name.GetStringLength()).append("=").append(Render(*shape.value, e.value));
        }
      }
      return out + "}";
    }
    case ShapeType::kStructure: {
      std::string out = shape.name + "(";
      if (v.IsObject()) {
        bool first = true;
        for (const ShapeMember& m : shape.members) {
          const JsonValue* mv = Member(v, m.name);
          if (!mv) continue;
          if (!first) out += ", ";
          first = false;
          out += LowerFirst(m.name) + "=" + Render(*m.shape, *mv);
        }
      }
      return out + ")";
    }
  }
  return "";
}

std::string Quoted(const Shape& shape, const JsonValue& v) {
  if (shape.sensitive && !v.IsNull()) return "";
  return v.IsNull() ? "null" : "'" + Render(shape, v) + "'";
}

// Java's String.length(): UTF-16 code units.
size_t Utf16Length(const char* s, size_t n) {
  size_t units = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;        // 4-byte sequences are surrogate pairs
  }
  return units;
}

// The length a constraint measures, or -1 when the shape has no length.
double LengthOf(const Shape& shape, const JsonValue& v) {
  switch (shape.type) {
    case ShapeType::kString: return v.IsString() ? double(Utf16Length(v.GetString(), v.GetStringLength())) : -1;
    case ShapeType::kBlob: return v.IsString() ? double(v.GetStringLength()) : -1;
    case ShapeType::kList: return v.IsArray() ? double(v.Size()) : -1;
    case ShapeType::kMap: return v.IsObject() ? double(v.MemberCount()) : -1;
    default: return -1;
  }
}

const std::vector<std::string>& EnumOf(const Shape& shape, const ShapeMember* member) {
  if (member && !member->enum_values.empty()) return member->enum_values;
  return shape.enum_values;
}

std::string EnumConstraint(const std::vector<std::string>& values) {
  std::string out = "Member must satisfy enum value set: [";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += values[i];
  }
  return out + "]";
}

// Every constraint of a scalar shape, in AWS's order (max, min, pattern, enum).
std::vector<std::string> AllConstraints(const Shape& shape, const ShapeMember* member) {
  std::vector<std::string> out;
  bool number = IsNumber(shape.type);
  const char* what = number ? "value" : "length";
  if (shape.max) out.push_back(std::string("Member must have ") + what + " less than or equal to " + Bound(shape, *shape.max));
  if (shape.min) out.push_back(std::string("Member must have ") + what + " greater than or equal to " + Bound(shape, *shape.min));
  if (!shape.pattern.empty()) out.push_back("Member must satisfy regular expression pattern: " + shape.pattern);
  const auto& values = EnumOf(shape, member);
  if (!values.empty() && !shape.lenient_enum) out.push_back(EnumConstraint(values));
  return out;
}

// Strings longer than this skip the pattern: std::regex recurses per character.
constexpr size_t kMaxPatternInput = 16 * 1024;

// The constraints a scalar value fails, in the same order.
std::vector<std::string> FailedConstraints(const Shape& shape, const ShapeMember* member, const JsonValue& v) {
  std::vector<std::string> out;
  bool number = IsNumber(shape.type);
  double measure = number ? (v.IsNumber() ? v.GetDouble() : 0) : LengthOf(shape, v);
  const char* what = number ? "value" : "length";
  if (number || measure >= 0) {
    if (shape.max && measure > *shape.max)
      out.push_back(std::string("Member must have ") + what + " less than or equal to " + Bound(shape, *shape.max));
    if (shape.min && measure < *shape.min)
      out.push_back(std::string("Member must have ") + what + " greater than or equal to " + Bound(shape, *shape.min));
  }
  if (shape.type == ShapeType::kString && v.IsString() && v.GetStringLength() <= kMaxPatternInput) {
    if (const std::regex* re = shape.PatternRegex()) {
      if (!std::regex_match(v.GetString(), v.GetString() + v.GetStringLength(), *re))
        out.push_back("Member must satisfy regular expression pattern: " + shape.pattern);
    }
  }
  const auto& values = EnumOf(shape, member);
  if (!values.empty() && !shape.lenient_enum && v.IsString()) {
    std::string_view s(v.GetString(), v.GetStringLength());
    bool found = false;
    for (const std::string& e : values)
      if (e == s) found = true;
    if (!found) out.push_back(EnumConstraint(values));
  }
  return out;
}

bool IsScalar(const Shape& shape) {
  return shape.type != ShapeType::kStructure && shape.type != ShapeType::kList && shape.type != ShapeType::kMap;
}

class Validator {
 public:
  Validator(const ServiceDialect& dialect, std::vector<ConstraintViolation>* out) : dialect_(dialect), out_(out) {}

  // Body members first, then those bound to the URI, query and headers: AWS
  // reports "...patchOperations.1.member.op" before "statusCode"
  // (update-method-response-invalid-statuscode-and-wrong-op).
  void Structure(const Shape& shape, const JsonValue& v, const std::string& prefix,
                 const std::string& body_prefix) {
    for (bool body : {true, false}) {
      for (const ShapeMember& m : shape.members) {
        if ((m.location == Location::kBody) != body) continue;
        std::string path = (body ? body_prefix : prefix) + LowerFirst(m.name);
        const JsonValue* mv = Member(v, m.name);
        if (!mv || mv->IsNull()) {
          if (m.required) Add(path, "null", "Member must not be null");
          continue;
        }
        Value(*m.shape, &m, *mv, path);
      }
    }
  }

  void Value(const Shape& shape, const ShapeMember* member, const JsonValue& v, const std::string& path) {
    switch (shape.type) {
      case ShapeType::kStructure:
        Structure(shape, v, path + ".", path + ".");
        return;
      case ShapeType::kList: {
        Length(shape, v, path);
        if (!v.IsArray()) return;
        const Shape& element = *shape.member;
        if (IsScalar(element)) {
          std::vector<std::string> all = AllConstraints(element, nullptr);
          bool null_counts = dialect_.element_constraints_not_null;
          if (null_counts) all.push_back("Member must not be null");
          bool failed = false;
          for (const JsonValue& e : v.GetArray())
            if ((e.IsNull() && null_counts) || (!e.IsNull() && !FailedConstraints(element, nullptr, e).empty()))
              failed = true;
          if (failed) Add(path, Quoted(shape, v), "Member must satisfy constraint: [" + Join(all) + "]");
        } else {
          size_t i = 0;
          for (const JsonValue& e : v.GetArray()) {
            ++i;
            if (!e.IsNull()) Value(element, nullptr, e, path + "." + std::to_string(i) + ".member");
          }
        }
        return;
      }
      case ShapeType::kMap: {
        Length(shape, v, path);
        if (!v.IsObject()) return;
        const Shape& key = *shape.key;
        const Shape& value = *shape.value;
        bool keys_failed = false;
        for (const auto& e : v.GetObject())
          if (!FailedConstraints(key, nullptr, e.name).empty()) keys_failed = true;
        if (keys_failed)
          Add(path, Quoted(shape, v), "Map keys must satisfy constraint: [" + Join(AllConstraints(key, nullptr)) + "]");
        if (IsScalar(value)) {
          std::vector<std::string> all = AllConstraints(value, nullptr);
          bool null_counts = dialect_.element_constraints_not_null;
          if (null_counts) all.push_back("Member must not be null");
          bool failed = false;
          for (const auto& e : v.GetObject())
            if ((e.value.IsNull() && null_counts) ||
                (!e.value.IsNull() && !FailedConstraints(value, nullptr, e.value).empty()))
              failed = true;
          if (failed) Add(path, Quoted(shape, v), "Map value must satisfy constraint: [" + Join(all) + "]");
        } else {
          for (const auto& e : v.GetObject())
            if (!e.value.IsNull())
              Value(value, nullptr, e.value, path + "." + std::string(e.name.GetString(), e.name.GetStringLength()));
        }
        return;
      }
      default:
        for (std::string& c : FailedConstraints(shape, member, v)) Add(path, Quoted(shape, v), std::move(c));
        return;
    }
  }

 private:
  void Length(const Shape& shape, const JsonValue& v, const std::string& path) {
    double n = LengthOf(shape, v);
    if (n < 0) return;
    if (shape.max && n > *shape.max)
      Add(path, Quoted(shape, v), "Member must have length less than or equal to " + Bound(shape, *shape.max));
    if (shape.min && n < *shape.min)
      Add(path, Quoted(shape, v), "Member must have length greater than or equal to " + Bound(shape, *shape.min));
  }

  static std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) out += ", ";
      out += parts[i];
    }
    return out;
  }

  void Add(std::string path, std::string value, std::string constraint) {
    out_->push_back({std::move(path), std::move(value), std::move(constraint)});
  }

  const ServiceDialect& dialect_;
  std::vector<ConstraintViolation>* out_;
};

std::string LowerFirstOperation(const std::string& name) { return LowerFirst(name); }

}  // namespace

std::vector<ConstraintViolation> FindViolations(const Operation& op, const JsonValue& input,
                                                const ServiceDialect& dialect) {
  std::vector<ConstraintViolation> out;
  if (!op.input || !input.IsObject()) return out;
  Validator validator(dialect, &out);
  std::string body_prefix = dialect.validation_input_prefix ? LowerFirstOperation(op.name) + "Input." : "";
  validator.Structure(*op.input, input, "", body_prefix);
  return out;
}

Status ValidateInput(const Operation& op, const JsonValue& input, const ServiceDialect& dialect) {
  std::vector<ConstraintViolation> violations = FindViolations(op, input, dialect);
  if (violations.empty()) return Status::Ok();
  return Status(400, dialect.validation_error, ValidationMessage(violations));
}

}  // namespace apigw::cp
