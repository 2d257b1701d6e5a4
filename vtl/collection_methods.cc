// java.util.ArrayList's and LinkedHashMap's methods as templates call them.
// Lists and maps are shared: a change is seen through every reference.
#include "vtl/builtins.h"
#include "vtl/json_view.h"
#include "vtl/to_string.h"

namespace apigw::vtl {
namespace {

constexpr const char* kListClass = "class java.util.ArrayList";
constexpr const char* kMapClass = "class java.util.LinkedHashMap";

CallOutcome Ok(Value v) { return StatusOr<Value>(std::move(v)); }
CallOutcome Fail(Status s) { return StatusOr<Value>(std::move(s)); }

Status IndexError(std::string_view method, int64_t index, size_t size) {
  return JavaException(method, kListClass,
                       "java.lang.IndexOutOfBoundsException: Index: " + std::to_string(index) +
                           ", Size: " + std::to_string(size));
}

int64_t IndexOf(const List& l, const Value& v) {
  for (size_t i = 0; i < l.size(); ++i) {
    if (JavaEquals(l[i], v)) return static_cast<int64_t>(i);
  }
  return -1;
}

// A map key as our string-keyed maps hold it: Java's String.valueOf(key).
std::string KeyOf(const Value& v) { return v.is_null() ? "null" : v.ToString(); }

// An entry of entrySet(): $e.key, $e.value, $e.getKey(), printed "k=v".
class MapEntry : public Object {
 public:
  MapEntry(std::string key, Value value) : key_(std::move(key)), value_(std::move(value)) {}
  std::optional<Value> GetProperty(std::string_view name) const override {
    if (name == "key") return Value::String(key_);
    if (name == "value") return value_;
    return std::nullopt;
  }
  std::optional<StatusOr<Value>> Call(std::string_view name,
                                      const std::vector<Value>& args) const override {
    if (name == "getKey" && args.empty()) return StatusOr<Value>(Value::String(key_));
    if (name == "getValue" && args.empty()) return StatusOr<Value>(value_);
    if (name == "toString" && args.empty()) return StatusOr<Value>(Value::String(ToString()));
    return std::nullopt;
  }
  std::string ToString() const override {
    std::string out = key_ + "=";
    if (value_.is_null()) {
      out += "null";
    } else {
      AppendJavaString(value_, &out, size_t{1} << 20);
    }
    return out;
  }

 private:
  std::string key_;
  Value value_;
};

// The methods that only read a list or map view, answered from its document
// node; nullopt for the others, which change the materialized list or map.
CallOutcome ReadListView(const Value& self, const JsonValue& array, std::string_view name, const Args& args) {
  const size_t n = args.size();
  const int64_t size = array.Size();
  auto at = [&](int64_t i) { return JsonTree::ChildOf(self, array[static_cast<rapidjson::SizeType>(i)]); };
  auto index_of = [&](const Value& v) -> int64_t {
    for (int64_t i = 0; i < size; ++i) {
      if (JavaEquals(at(i), v)) return i;
    }
    return -1;
  };
  if (name == "size" && n == 0) return Ok(Value::Int(size));
  if (name == "isEmpty" && n == 0) return Ok(Value::Bool(size == 0));
  if (name == "get" && n == 1 && IsJavaInt(args[0])) {
    int64_t i = args[0].as_int();
    if (i < 0 || i >= size) return Fail(IndexError(name, i, size));
    return Ok(at(i));
  }
  if (name == "contains" && n == 1) return Ok(Value::Bool(index_of(args[0]) >= 0));
  if (name == "indexOf" && n == 1) return Ok(Value::Int(index_of(args[0])));
  if (name == "lastIndexOf" && n == 1) {
    for (int64_t i = size; i-- > 0;) {
      if (JavaEquals(at(i), args[0])) return Ok(Value::Int(i));
    }
    return Ok(Value::Int(-1));
  }
  if (name == "containsAll" && n == 1 && args[0].kind() == Value::Kind::kList) {
    const Value others = PlainCopy(args[0]);
    for (const Value& v : others.list()) {
      if (index_of(v) < 0) return Ok(Value::Bool(false));
    }
    return Ok(Value::Bool(true));
  }
  if (name == "subList" && n == 2 && IsJavaInt(args[0]) && IsJavaInt(args[1])) {
    int64_t b = args[0].as_int(), e = args[1].as_int();
    if (b < 0 || e > size || b > e) return Fail(IndexError(name, b < 0 ? b : e, size));
    List items;
    for (int64_t i = b; i < e; ++i) items.push_back(at(i));
    return Ok(Value::NewList(std::move(items)));
  }
  return std::nullopt;
}

bool ChangesList(std::string_view name) {
  return name == "clear" || name == "add" || name == "addAll" || name == "set" || name == "remove";
}

bool ChangesMap(std::string_view name) {
  return name == "clear" || name == "put" || name == "putIfAbsent" || name == "putAll" || name == "remove";
}

CallOutcome ReadMapView(const Value& self, const JsonValue& object, std::string_view name, const Args& args) {
  const size_t n = args.size();
  if (name == "size" && n == 0) return Ok(Value::Int(object.MemberCount()));
  if (name == "isEmpty" && n == 0) return Ok(Value::Bool(object.MemberCount() == 0));
  if (((name == "get" || name == "containsKey") && n == 1) || (name == "getOrDefault" && n == 2)) {
    const std::string key = KeyOf(args[0]);
    const JsonValue name_value(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
    auto it = object.FindMember(name_value);
    if (name == "containsKey") return Ok(Value::Bool(it != object.MemberEnd()));
    if (it != object.MemberEnd()) return Ok(JsonTree::ChildOf(self, it->value));
    return Ok(name == "get" ? Value() : args[1]);
  }
  if (name == "containsValue" && n == 1) {
    for (const auto& m : object.GetObject()) {
      if (JavaEquals(JsonTree::ChildOf(self, m.value), args[0])) return Ok(Value::Bool(true));
    }
    return Ok(Value::Bool(false));
  }
  if (name == "keySet" && n == 0) {
    List keys;
    keys.reserve(object.MemberCount());
    for (const auto& m : object.GetObject()) {
      keys.push_back(Value::String(std::string(m.name.GetString(), m.name.GetStringLength())));
    }
    return Ok(Value::NewList(std::move(keys)));
  }
  if (name == "values" && n == 0) {
    List values;
    values.reserve(object.MemberCount());
    for (const auto& m : object.GetObject()) values.push_back(JsonTree::ChildOf(self, m.value));
    return Ok(Value::NewList(std::move(values)));
  }
  if (name == "entrySet" && n == 0) {
    List entries;
    entries.reserve(object.MemberCount());
    for (const auto& m : object.GetObject()) {
      entries.push_back(Value::FromObject(std::make_shared<MapEntry>(
          std::string(m.name.GetString(), m.name.GetStringLength()), JsonTree::ChildOf(self, m.value))));
    }
    return Ok(Value::NewList(std::move(entries)));
  }
  return std::nullopt;
}

}  // namespace

CallOutcome CallListMethod(const Value& self, std::string_view name, const Args& args,
                           CycleGuard* guard) {
  if (const JsonValue* node = JsonNodeOf(self)) {
    if (CallOutcome r = ReadListView(self, *node, name, args)) return r;
    if (!ChangesList(name)) return std::nullopt;
  }
  List& l = self.list();
  const size_t n = args.size();
  if (name == "size" && n == 0) return Ok(Value::Int(static_cast<int64_t>(l.size())));
  if (name == "isEmpty" && n == 0) return Ok(Value::Bool(l.empty()));
  if (name == "clear" && n == 0) {
    l.clear();
    return Ok(VoidResult());
  }
  if (name == "get" && n == 1 && IsJavaInt(args[0])) {
    int64_t i = args[0].as_int();
    if (i < 0 || i >= static_cast<int64_t>(l.size())) return Fail(IndexError(name, i, l.size()));
    return Ok(l[i]);
  }
  if (name == "add" && n == 1) {
    guard->Inserted(self, args[0]);
    l.push_back(args[0]);
    return Ok(Value::Bool(true));
  }
  if (name == "add" && n == 2 && IsJavaInt(args[0])) {
    int64_t i = args[0].as_int();
    if (i < 0 || i > static_cast<int64_t>(l.size())) return Fail(IndexError(name, i, l.size()));
    guard->Inserted(self, args[1]);
    l.insert(l.begin() + i, args[1]);
    return Ok(VoidResult());
  }
  if (name == "addAll" && n == 1 && (args[0].kind() == Value::Kind::kList || args[0].is_null())) {
    if (args[0].is_null()) return Fail(JavaException(name, kListClass, "java.lang.NullPointerException"));
    List copy = args[0].list();  // $l.addAll($l) doubles the list
    for (const Value& v : copy) guard->Inserted(self, v);
    l.insert(l.end(), copy.begin(), copy.end());
    return Ok(Value::Bool(!copy.empty()));
  }
  if (name == "addAll" && n == 2 && IsJavaInt(args[0]) && args[1].kind() == Value::Kind::kList) {
    int64_t i = args[0].as_int();
    if (i < 0 || i > static_cast<int64_t>(l.size())) return Fail(IndexError(name, i, l.size()));
    List copy = args[1].list();
    for (const Value& v : copy) guard->Inserted(self, v);
    l.insert(l.begin() + i, copy.begin(), copy.end());
    return Ok(Value::Bool(!copy.empty()));
  }
  if (name == "set" && n == 2 && IsJavaInt(args[0])) {
    int64_t i = args[0].as_int();
    if (i < 0 || i >= static_cast<int64_t>(l.size())) return Fail(IndexError(name, i, l.size()));
    Value old = l[i];
    guard->Inserted(self, args[1]);
    l[i] = args[1];
    return Ok(old);
  }
  if (name == "remove" && n == 1) {
    if (IsJavaInt(args[0])) {  // remove(int) is more specific than remove(Object)
      int64_t i = args[0].as_int();
      if (i < 0 || i >= static_cast<int64_t>(l.size())) return Fail(IndexError(name, i, l.size()));
      Value old = l[i];
      l.erase(l.begin() + i);
      return Ok(old);
    }
    int64_t i = IndexOf(l, args[0]);
    if (i >= 0) l.erase(l.begin() + i);
    return Ok(Value::Bool(i >= 0));
  }
  if (name == "contains" && n == 1) return Ok(Value::Bool(IndexOf(l, args[0]) >= 0));
  if (name == "indexOf" && n == 1) return Ok(Value::Int(IndexOf(l, args[0])));
  if (name == "lastIndexOf" && n == 1) {
    for (size_t i = l.size(); i-- > 0;) {
      if (JavaEquals(l[i], args[0])) return Ok(Value::Int(static_cast<int64_t>(i)));
    }
    return Ok(Value::Int(-1));
  }
  if (name == "containsAll" && n == 1 && args[0].kind() == Value::Kind::kList) {
    for (const Value& v : args[0].list()) {
      if (IndexOf(l, v) < 0) return Ok(Value::Bool(false));
    }
    return Ok(Value::Bool(true));
  }
  if (name == "subList" && n == 2 && IsJavaInt(args[0]) && IsJavaInt(args[1])) {
    int64_t b = args[0].as_int(), e = args[1].as_int();
    if (b < 0 || e > static_cast<int64_t>(l.size()) || b > e) {
      return Fail(IndexError(name, b < 0 ? b : e, l.size()));
    }
    return Ok(Value::NewList(List(l.begin() + b, l.begin() + e)));
  }
  return std::nullopt;
}

CallOutcome CallMapMethod(const Value& self, std::string_view name, const Args& args,
                          CycleGuard* guard) {
  if (const JsonValue* node = JsonNodeOf(self)) {
    if (CallOutcome r = ReadMapView(self, *node, name, args)) return r;
    if (!ChangesMap(name)) return std::nullopt;
  }
  Map& m = self.map();
  const size_t n = args.size();
  if (name == "size" && n == 0) return Ok(Value::Int(static_cast<int64_t>(m.size())));
  if (name == "isEmpty" && n == 0) return Ok(Value::Bool(m.empty()));
  if (name == "clear" && n == 0) {
    m.entries().clear();
    return Ok(VoidResult());
  }
  if (name == "get" && n == 1) {
    const Value* v = m.Find(KeyOf(args[0]));
    return Ok(v ? *v : Value());
  }
  if (name == "getOrDefault" && n == 2) {
    const Value* v = m.Find(KeyOf(args[0]));
    return Ok(v ? *v : args[1]);
  }
  if (name == "containsKey" && n == 1) return Ok(Value::Bool(m.Find(KeyOf(args[0])) != nullptr));
  if (name == "containsValue" && n == 1) {
    for (const auto& e : m.entries()) {
      if (JavaEquals(e.second, args[0])) return Ok(Value::Bool(true));
    }
    return Ok(Value::Bool(false));
  }
  if (name == "put" && n == 2) {
    std::string key = KeyOf(args[0]);
    if (!guard->SettingKey(self, key)) return Fail(KeySetTwice(key));
    Value* v = m.Find(key);
    Value old = v ? *v : Value();
    guard->Inserted(self, args[1]);
    m.Put(std::move(key), args[1]);
    return Ok(old);
  }
  if (name == "putIfAbsent" && n == 2) {
    std::string key = KeyOf(args[0]);
    Value* v = m.Find(key);
    if (v && !v->is_null()) return Ok(*v);
    if (!guard->SettingKey(self, key)) return Fail(KeySetTwice(key));
    guard->Inserted(self, args[1]);
    m.Put(std::move(key), args[1]);
    return Ok(Value());
  }
  if (name == "putAll" && n == 1 && (args[0].kind() == Value::Kind::kMap || args[0].is_null())) {
    if (args[0].is_null()) return Fail(JavaException(name, kMapClass, "java.lang.NullPointerException"));
    auto copy = args[0].map().entries();
    for (auto& e : copy) {
      if (!guard->SettingKey(self, e.first)) return Fail(KeySetTwice(e.first));
      guard->Inserted(self, e.second);
      m.Put(e.first, e.second);
    }
    return Ok(VoidResult());
  }
  if (name == "remove" && n == 1) {
    std::string key = KeyOf(args[0]);
    Value* v = m.Find(key);
    Value old = v ? *v : Value();
    m.Remove(key);
    return Ok(old);
  }
  if (name == "keySet" && n == 0) {
    List keys;
    for (const auto& e : m.entries()) keys.push_back(Value::String(e.first));
    return Ok(Value::NewList(std::move(keys)));
  }
  if (name == "values" && n == 0) {
    List values;
    for (const auto& e : m.entries()) values.push_back(e.second);
    return Ok(Value::NewList(std::move(values)));
  }
  if (name == "entrySet" && n == 0) {
    List entries;
    for (const auto& e : m.entries()) {
      entries.push_back(Value::FromObject(std::make_shared<MapEntry>(e.first, e.second)));
    }
    return Ok(Value::NewList(std::move(entries)));
  }
  return std::nullopt;
}

}  // namespace apigw::vtl
