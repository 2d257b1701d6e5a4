// Value: the dynamic values a Velocity template works with. Lists and maps
// have reference semantics, as Java's do: `$list.add(1)` is seen through every
// reference to the same list. Host objects ($input, $util, $context, ...) are
// supplied by the embedder through the Object interface.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status_or.h"

namespace apigw::vtl {

class Value;
class Object;
using List = std::vector<Value>;

// A map that keeps insertion order, like the LinkedHashMap Velocity uses for
// map literals and API Gateway uses for parsed JSON objects.
class Map {
 public:
  Value* Find(std::string_view key);
  const Value* Find(std::string_view key) const;
  void Put(std::string key, Value value);  // replaces in place, else appends
  bool Remove(std::string_view key);
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  std::vector<std::pair<std::string, Value>>& entries() { return entries_; }
  const std::vector<std::pair<std::string, Value>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, Value>> entries_;
};

class JsonTree;
namespace internal {
// What a JSON view's tree shares with Value (vtl/json_view.h): whether the
// tree's lists and maps were materialized, after which views read those.
struct JsonViewOwner {
  bool materialized = false;
};
}  // namespace internal

class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kInt, kDouble, kString, kList, kMap, kObject };

  Value() : i_(0) {}  // null
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Int(int64_t i);
  static Value Double(double d);
  static Value String(std::string s);
  static Value EmptyString() {  // "" without an allocation
    Value v;
    v.kind_ = Kind::kString;
    v.flags_ = kStringViewFlag;
    v.str_ = "";
    return v;
  }
  // A string read in place from `s`, which must outlive the value and every
  // copy of it: only for arguments a callee does not keep (Object::AppendCall).
  static Value BorrowedString(std::string_view s) {
    Value v;
    v.kind_ = Kind::kString;
    v.flags_ = kStringViewFlag;
    v.str_ = s.data();
    v.len_ = static_cast<uint32_t>(s.size());
    return v;
  }
  static Value NewList(List items = {});
  static Value NewMap(Map map = {});
  static Value FromObject(std::shared_ptr<const Object> object);
  // A list parsed from JSON ($input.path, $util.parseJson). It behaves as any
  // list but prints as compact JSON, as API Gateway's JSON arrays do (recorded
  // on AWS: $input.path('$') of [{"a":1}] renders [{"a":1}]).
  static Value NewJsonArray(List items = {});
  // A map that behaves as any map but prints as the empty string, as API
  // Gateway's nested $context maps do (recorded on AWS: "$context.identity",
  // "$context.requestOverride.header" and the like render as nothing, while
  // their entries read as usual). `keys_set_once`: a render may set each key
  // only once (#set, put, putAll); a second set fails the render, as API
  // Gateway's overrides are final.
  static Value NewUnprintableMap(Map map = {}, bool keys_set_once = false);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_number() const { return kind_ == Kind::kInt || kind_ == Kind::kDouble; }
  bool is_json_array() const { return flags_ & kJsonArrayFlag; }
  bool is_unprintable() const { return flags_ & kUnprintableFlag; }
  bool keys_set_once() const { return flags_ & kSetOnceFlag; }

  bool as_bool() const { return b_; }
  int64_t as_int() const { return i_; }
  double as_double() const { return kind_ == Kind::kInt ? double(i_) : d_; }
  std::string_view as_string() const {
    if (flags_ & kStringViewFlag) return std::string_view(str_, len_);
    return *static_cast<const std::string*>(p_.get());
  }
  // Shared: mutations are seen everywhere. A JSON view's list or map is made
  // on first use (see json_node()).
  List& list() const {
    if (flags_ & kJsonViewFlag) return MaterializedList();
    return *static_cast<List*>(p_.get());
  }
  Map& map() const {
    if (flags_ & kJsonViewFlag) return MaterializedMap();
    return *static_cast<Map*>(p_.get());
  }
  const Object& object() const { return *static_cast<const Object*>(p_.get()); }

  // A JSON object or array read in place from its parsed document
  // (vtl/json_view.h): the document node (a `const JsonValue*`) while nothing
  // of its tree has been materialized into ordinary lists and maps; nullptr
  // for other values. Readers use it to skip list() and map().
  const void* json_node() const {
    if (!(flags_ & kJsonViewFlag)) return nullptr;
    return static_cast<const internal::JsonViewOwner*>(p_.get())->materialized ? nullptr : node_;
  }

  // Velocity's rendering of a value into output: numbers as Java prints them,
  // lists as "[a, b]", maps as "{k=v, k2=v2}", null as the empty string.
  std::string ToString() const;
  // Velocity truthiness for #if: null and false are false; everything else true.
  bool Truthy() const;

 private:
  friend class JsonTree;
  static constexpr uint8_t kJsonArrayFlag = 1;
  static constexpr uint8_t kJsonViewFlag = 2;    // a list or map view of a JSON document
  static constexpr uint8_t kStringViewFlag = 4;  // a string read from str_ and len_ (p_ keeps them)
  static constexpr uint8_t kUnprintableFlag = 8;  // a map that prints as ""
  static constexpr uint8_t kSetOnceFlag = 16;     // a map whose keys a render sets once each
  List& MaterializedList() const;
  Map& MaterializedMap() const;

  Kind kind_ = Kind::kNull;
  uint8_t flags_ = 0;
  uint32_t len_ = 0;  // a string view's length
  union {
    bool b_;
    int64_t i_;
    double d_;
    const char* str_;   // a string view's characters (in a JSON document, or static)
    const void* node_;  // a JSON view list's or map's document node
  };
  // The string, list, map or object, by kind_; for JSON views, what keeps the
  // document alive (the JsonTree for lists and maps). One pointer keeps values
  // small, and values are copied a lot.
  std::shared_ptr<void> p_;
};

// A host object exposed to templates. Implementations must be thread-safe for
// concurrent renders if shared across them (or be created per render).
class Object {
 public:
  virtual ~Object() = default;
  // `$obj.name` (and `$obj.getName()` when no such method): nullopt when absent.
  virtual std::optional<Value> GetProperty(std::string_view name) const { return std::nullopt; }
  // `$obj.name(args)`: nullopt when there is no such method (the reference is
  // then rendered literally, as Velocity does); a Status for a method that failed
  // (Java would have thrown), which fails the render.
  virtual std::optional<StatusOr<Value>> Call(std::string_view name, const std::vector<Value>& args) const {
    return std::nullopt;
  }
  // `$obj.name(args)` standing on its own in the output: appends what the
  // template would print for the method's value, without making that value.
  // `args` live only during the call (strings may be borrowed): copy what is kept.
  // Only for methods whose value is then a non-null string (so prints as its
  // text); otherwise nullopt, with nothing appended, and Call() is used. A
  // failure is a Status, as Call() gives it (`out` then holds partial output).
  virtual std::optional<Status> AppendCall(std::string_view name, const std::vector<Value>& args,
                                           std::string* out) const {
    return std::nullopt;
  }
  // How `$obj` renders on its own.
  virtual std::string ToString() const { return ""; }
};

}  // namespace apigw::vtl
