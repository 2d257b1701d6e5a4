// Dispatch of method calls and properties on built-in values, plus the methods
// of numbers and booleans and those every Java object has.
#include "vtl/builtins.h"

#include <cmath>
#include <cctype>
#include <cstring>
#include <limits>

#include "vtl/json_view.h"
#include "vtl/to_string.h"

namespace apigw::vtl {

Status JavaException(std::string_view method, std::string_view java_class,
                     std::string_view exception) {
  return Status::Internal("Invocation of method '" + std::string(method) + "' in  " +
                          std::string(java_class) + " threw exception " + std::string(exception));
}

Status KeySetTwice(std::string_view key) {
  return Status::Internal("'" + std::string(key) +
                          "' was already overridden by this template: an override may only be applied once");
}

bool IsJavaInt(const Value& v) {
  return v.kind() == Value::Kind::kInt && v.as_int() >= std::numeric_limits<int32_t>::min() &&
         v.as_int() <= std::numeric_limits<int32_t>::max();
}

namespace {

CallOutcome Ok(Value v) { return StatusOr<Value>(std::move(v)); }

// Java's (int) and (long) casts of a double: truncation, saturation, NaN to 0.
int64_t CastDouble(double d, int64_t lo, int64_t hi) {
  if (std::isnan(d)) return 0;
  if (d <= static_cast<double>(lo)) return lo;
  if (d >= static_cast<double>(hi)) return hi;
  return static_cast<int64_t>(d);
}

}  // namespace

CallOutcome CallNumberMethod(const Value& self, std::string_view name, const Args& args) {
  const bool is_int = self.kind() == Value::Kind::kInt;
  if (!args.empty()) {
    if (name == "compareTo" && args.size() == 1 && args[0].kind() == self.kind()) {
      double a = self.as_double(), b = args[0].as_double();
      if (is_int) {
        return Ok(Value::Int(self.as_int() < args[0].as_int() ? -1
                             : self.as_int() > args[0].as_int() ? 1 : 0));
      }
      return Ok(Value::Int(a < b ? -1 : a > b ? 1 : 0));
    }
    return std::nullopt;
  }
  constexpr int64_t kIntMin = std::numeric_limits<int32_t>::min();
  constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
  constexpr int64_t kLongMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kLongMax = std::numeric_limits<int64_t>::max();
  if (name == "intValue") {
    return Ok(Value::Int(is_int ? static_cast<int32_t>(self.as_int())
                                : CastDouble(self.as_double(), kIntMin, kIntMax)));
  }
  if (name == "longValue") {
    return Ok(Value::Int(is_int ? self.as_int() : CastDouble(self.as_double(), kLongMin, kLongMax)));
  }
  if (name == "shortValue") {
    int64_t v = is_int ? self.as_int() : CastDouble(self.as_double(), kIntMin, kIntMax);
    return Ok(Value::Int(static_cast<int16_t>(v)));
  }
  if (name == "byteValue") {
    int64_t v = is_int ? self.as_int() : CastDouble(self.as_double(), kIntMin, kIntMax);
    return Ok(Value::Int(static_cast<int8_t>(v)));
  }
  if (name == "doubleValue") return Ok(Value::Double(self.as_double()));
  if (!is_int && name == "isNaN") return Ok(Value::Bool(std::isnan(self.as_double())));
  if (!is_int && name == "isInfinite") return Ok(Value::Bool(std::isinf(self.as_double())));
  if (name == "hashCode") {
    if (is_int) {
      int64_t v = self.as_int();
      bool fits = v >= kIntMin && v <= kIntMax;  // Integer, else Long's (v ^ v >>> 32)
      return Ok(Value::Int(fits ? v : static_cast<int32_t>(v ^ (static_cast<uint64_t>(v) >> 32))));
    }
    double d = self.as_double();
    uint64_t bits;
    static_assert(sizeof bits == sizeof d);
    std::memcpy(&bits, &d, sizeof bits);
    if (std::isnan(d)) bits = 0x7ff8000000000000ULL;
    return Ok(Value::Int(static_cast<int32_t>(bits ^ (bits >> 32))));
  }
  return std::nullopt;
}

CallOutcome CallBuiltin(const Value& self, std::string_view name, const Args& args,
                        size_t max_bytes, CycleGuard* guard) {
  CallOutcome r;
  switch (self.kind()) {
    case Value::Kind::kNull: return std::nullopt;
    case Value::Kind::kString: r = CallStringMethod(self.as_string(), name, args, max_bytes); break;
    case Value::Kind::kList: r = CallListMethod(self, name, args, guard); break;
    case Value::Kind::kMap: r = CallMapMethod(self, name, args, guard); break;
    case Value::Kind::kInt: case Value::Kind::kDouble: r = CallNumberMethod(self, name, args); break;
    case Value::Kind::kBool:
      if (name == "booleanValue" && args.empty()) return Ok(self);
      if (name == "hashCode" && args.empty()) return Ok(Value::Int(self.as_bool() ? 1231 : 1237));
      break;
    case Value::Kind::kObject: {
      const Object& o = self.object();
      r = o.Call(name, args);
      if (r) return r;
      // JavaBean getters: $obj.getName() and $obj.isName() read the property.
      if (args.empty() && name.size() > 3 && name.substr(0, 3) == "get") {
        std::string prop(name.substr(3));
        prop[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(prop[0])));
        if (auto v = o.GetProperty(prop)) return Ok(*v);
        if (auto v = o.GetProperty(name.substr(3))) return Ok(*v);
      }
      if (args.empty() && name.size() > 2 && name.substr(0, 2) == "is") {
        std::string prop(name.substr(2));
        prop[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(prop[0])));
        if (auto v = o.GetProperty(prop); v && v->kind() == Value::Kind::kBool) return Ok(*v);
      }
      break;
    }
  }
  if (r) return r;
  // Every Java object's methods.
  if (name == "toString" && args.empty()) {
    std::string s;
    if (!AppendJavaString(self, &s, max_bytes)) {
      return StatusOr<Value>(JavaException(name, "java.lang.Object", "value too large or nested"));
    }
    return Ok(Value::String(std::move(s)));
  }
  if (name == "equals" && args.size() == 1) return Ok(Value::Bool(JavaEquals(self, args[0])));
  return std::nullopt;
}

Value GetBuiltinProperty(const Value& self, std::string_view name) {
  switch (self.kind()) {
    case Value::Kind::kMap: {  // MapGetExecutor: any map answers with get(name)
      if (const JsonValue* node = JsonNodeOf(self)) return JsonMember(self, *node, name);
      const Value* v = self.map().Find(name);
      return v ? *v : Value();
    }
    case Value::Kind::kList:
      if (name != "empty") return Value();
      if (const JsonValue* node = JsonNodeOf(self)) return Value::Bool(node->Empty());
      return Value::Bool(self.list().empty());
    case Value::Kind::kString:
      if (name == "empty") return Value::Bool(self.as_string().empty());
      return Value();
    case Value::Kind::kDouble:
      if (name == "NaN") return Value::Bool(std::isnan(self.as_double()));
      if (name == "infinite") return Value::Bool(std::isinf(self.as_double()));
      return Value();
    case Value::Kind::kObject: {
      const Object& o = self.object();
      if (auto v = o.GetProperty(name)) return *v;
      // Velocity tries getname()/getName(), get("name"), then isName().
      std::string cap(name);
      if (!cap.empty()) cap[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cap[0])));
      if (auto r = o.Call("get" + cap, {}); r && r->ok()) return r->value();
      if (auto r = o.Call("get", {Value::String(std::string(name))}); r && r->ok()) return r->value();
      if (auto r = o.Call("is" + cap, {}); r && r->ok() && r->value().kind() == Value::Kind::kBool) {
        return r->value();
      }
      return Value();
    }
    default:
      return Value();
  }
}

}  // namespace apigw::vtl
