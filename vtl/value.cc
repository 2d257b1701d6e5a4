// Value and Map: construction, Java's toString() and equals().
#include "vtl/value.h"

#include "vtl/java_text.h"
#include "vtl/json_view.h"
#include "vtl/json_writer.h"
#include "vtl/to_string.h"

namespace apigw::vtl {

Value* Map::Find(std::string_view key) {
  for (auto& e : entries_) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

const Value* Map::Find(std::string_view key) const {
  for (const auto& e : entries_) {
    if (e.first == key) return &e.second;
  }
  return nullptr;
}

void Map::Put(std::string key, Value value) {
  if (Value* v = Find(key)) {
    *v = std::move(value);
    return;
  }
  entries_.emplace_back(std::move(key), std::move(value));
}

bool Map::Remove(std::string_view key) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == key) {
      entries_.erase(it);
      return true;
    }
  }
  return false;
}

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.b_ = b;
  return v;
}

Value Value::Int(int64_t i) {
  Value v;
  v.kind_ = Kind::kInt;
  v.i_ = i;
  return v;
}

Value Value::Double(double d) {
  Value v;
  v.kind_ = Kind::kDouble;
  v.d_ = d;
  return v;
}

Value Value::String(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  v.p_ = std::make_shared<std::string>(std::move(s));
  return v;
}

Value Value::NewList(List items) {
  Value v;
  v.kind_ = Kind::kList;
  v.p_ = std::make_shared<List>(std::move(items));
  return v;
}

Value Value::NewJsonArray(List items) {
  Value v = NewList(std::move(items));
  v.flags_ = kJsonArrayFlag;
  return v;
}

Value Value::NewMap(Map map) {
  Value v;
  v.kind_ = Kind::kMap;
  v.p_ = std::make_shared<Map>(std::move(map));
  return v;
}

Value Value::NewUnprintableMap(Map map, bool keys_set_once) {
  Value v = NewMap(std::move(map));
  v.flags_ = kUnprintableFlag | (keys_set_once ? kSetOnceFlag : 0);
  return v;
}

Value Value::FromObject(std::shared_ptr<const Object> object) {
  if (!object) return Value();
  Value v;
  v.kind_ = Kind::kObject;
  v.p_ = std::const_pointer_cast<Object>(std::move(object));
  return v;
}

std::string Value::ToString() const {
  if (kind_ == Kind::kNull) return "";
  std::string out;
  AppendJavaString(*this, &out, size_t{64} << 20);
  return out;
}

bool Value::Truthy() const {
  if (kind_ == Kind::kNull) return false;
  if (kind_ == Kind::kBool) return b_;
  return true;
}

namespace {

bool AppendElement(const Value& item, const void* self, const char* self_text,
                   std::string* out, size_t max_bytes, int depth) {
  if (item.is_null()) {
    out->append("null");
    return true;
  }
  // An unmaterialized JSON view reaches no list or map a template holds.
  const void* identity = item.json_node()                    ? nullptr
                         : item.kind() == Value::Kind::kList ? static_cast<const void*>(&item.list())
                         : item.kind() == Value::Kind::kMap  ? static_cast<const void*>(&item.map())
                                                             : nullptr;
  if (identity == self) {
    out->append(self_text);
    return true;
  }
  return AppendJavaString(item, out, max_bytes, depth - 1);
}

}  // namespace

bool AppendJavaString(const Value& v, std::string* out, size_t max_bytes, int max_depth) {
  if (max_depth < 0 || out->size() >= max_bytes) return false;
  switch (v.kind()) {
    case Value::Kind::kNull: return true;
    case Value::Kind::kBool: out->append(v.as_bool() ? "true" : "false"); break;
    case Value::Kind::kInt: AppendJavaLong(v.as_int(), out); break;
    case Value::Kind::kDouble: AppendJavaDouble(v.as_double(), out); break;
    case Value::Kind::kString: out->append(v.as_string()); break;
    case Value::Kind::kObject: out->append(v.object().ToString()); break;
    case Value::Kind::kList: {
      if (const JsonValue* node = JsonNodeOf(v)) return AppendJavaStringOfNode(*node, out, max_bytes, max_depth);
      if (v.is_json_array()) {
        if (!AppendJson(v, JsonStyle::kNoCompress, out, max_depth)) return false;
        break;
      }
      out->push_back('[');
      bool first = true;
      for (const Value& item : v.list()) {
        if (!first) out->append(", ");
        first = false;
        if (!AppendElement(item, &v.list(), "(this Collection)", out, max_bytes, max_depth)) {
          return false;
        }
        if (out->size() >= max_bytes) return false;
      }
      out->push_back(']');
      break;
    }
    case Value::Kind::kMap: {
      if (const JsonValue* node = JsonNodeOf(v)) return AppendJavaStringOfNode(*node, out, max_bytes, max_depth);
      if (v.is_unprintable()) break;
      out->push_back('{');
      bool first = true;
      for (const auto& [key, item] : v.map().entries()) {
        if (!first) out->append(", ");
        first = false;
        out->append(key);
        out->push_back('=');
        if (!AppendElement(item, &v.map(), "(this Map)", out, max_bytes, max_depth)) return false;
        if (out->size() >= max_bytes) return false;
      }
      out->push_back('}');
      break;
    }
  }
  return out->size() < max_bytes;
}

bool JavaEquals(const Value& a, const Value& b, int max_depth) {
  if (max_depth < 0) return false;
  if (a.kind() != b.kind()) return false;
  if (a.json_node() || b.json_node()) return JavaEquals(PlainCopy(a), PlainCopy(b), max_depth);
  switch (a.kind()) {
    case Value::Kind::kNull: return true;
    case Value::Kind::kBool: return a.as_bool() == b.as_bool();
    case Value::Kind::kInt: return a.as_int() == b.as_int();
    case Value::Kind::kDouble: {
      double x = a.as_double(), y = b.as_double();  // Double.equals: NaN equals NaN
      return x == y || (x != x && y != y);
    }
    case Value::Kind::kString: return a.as_string() == b.as_string();
    case Value::Kind::kList: {
      if (&a.list() == &b.list()) return true;
      const List& x = a.list();
      const List& y = b.list();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!JavaEquals(x[i], y[i], max_depth - 1)) return false;
      }
      return true;
    }
    case Value::Kind::kMap: {
      if (&a.map() == &b.map()) return true;
      const Map& x = a.map();
      const Map& y = b.map();
      if (x.size() != y.size()) return false;
      for (const auto& [key, item] : x.entries()) {
        const Value* other = y.Find(key);
        if (!other || !JavaEquals(item, *other, max_depth - 1)) return false;
      }
      return true;
    }
    case Value::Kind::kObject: return &a.object() == &b.object();
  }
  return false;
}

}  // namespace apigw::vtl
