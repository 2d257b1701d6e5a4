// JSON views: reading a document in place, materializing a tree on first
// change, and printing document nodes as Java and json-smart print them.
#include "vtl/json_view.h"

#include <charconv>

#include "vtl/cycle_breaker.h"
#include "vtl/java_text.h"
#include "vtl/to_string.h"

namespace apigw::vtl {
namespace {

// Deeper documents are refused when parsed (vtl/apigateway/json_values.h).
constexpr int kMaxNesting = 1000;

}  // namespace

JsonTree::JsonTree(std::shared_ptr<const JsonDoc> doc, const JsonValue& root, std::weak_ptr<CycleBreaker> breaker)
    : doc_(std::move(doc)), root_(&root), breaker_(std::move(breaker)) {}

std::shared_ptr<JsonTree> JsonTree::Make(std::shared_ptr<const JsonDoc> doc, const JsonValue& root,
                                         std::weak_ptr<CycleBreaker> breaker) {
  std::shared_ptr<JsonTree> tree(new JsonTree(std::move(doc), root, std::move(breaker)));
  tree->self_ = tree;
  return tree;
}

Value JsonTree::ValueOf(const std::shared_ptr<JsonTree>& tree, const JsonValue& node) {
  if (node.IsObject() || node.IsArray()) {
    Value v;
    v.kind_ = node.IsArray() ? Value::Kind::kList : Value::Kind::kMap;
    v.flags_ = Value::kJsonViewFlag | (node.IsArray() ? Value::kJsonArrayFlag : 0);
    v.node_ = &node;
    v.p_ = std::static_pointer_cast<internal::JsonViewOwner>(tree);
    return v;
  }
  if (node.IsString()) {
    Value v;
    v.kind_ = Value::Kind::kString;
    v.flags_ = Value::kStringViewFlag;
    v.str_ = node.GetString();
    v.len_ = node.GetStringLength();
    v.p_ = std::const_pointer_cast<JsonDoc>(tree->doc_);
    return v;
  }
  if (node.IsNull()) return Value();
  if (node.IsBool()) return Value::Bool(node.GetBool());
  if (node.IsInt64()) return Value::Int(node.GetInt64());
  return Value::Double(node.GetDouble());
}

Value JsonTree::ChildOf(const Value& view, const JsonValue& node) {
  if (node.IsObject() || node.IsArray()) {
    Value v;
    v.kind_ = node.IsArray() ? Value::Kind::kList : Value::Kind::kMap;
    v.flags_ = Value::kJsonViewFlag | (node.IsArray() ? Value::kJsonArrayFlag : 0);
    v.node_ = &node;
    v.p_ = view.p_;
    return v;
  }
  if (node.IsString()) {
    Value v;
    v.kind_ = Value::Kind::kString;
    v.flags_ = Value::kStringViewFlag;
    v.str_ = node.GetString();
    v.len_ = node.GetStringLength();
    v.p_ = std::const_pointer_cast<JsonDoc>(Of(view).doc_);
    return v;
  }
  if (node.IsNull()) return Value();
  if (node.IsBool()) return Value::Bool(node.GetBool());
  if (node.IsInt64()) return Value::Int(node.GetInt64());
  return Value::Double(node.GetDouble());
}

JsonTree& JsonTree::Of(const Value& view) {
  return *static_cast<JsonTree*>(static_cast<internal::JsonViewOwner*>(view.p_.get()));
}

// Objects become ordered maps (duplicate names kept, the first one found by
// name), arrays JSON arrays; every list and map is registered under its node.
Value JsonTree::Convert(const JsonValue& node, int depth) {
  if (node.IsArray()) {
    List items;
    items.reserve(node.Size());
    if (depth < kMaxNesting) {
      for (const auto& e : node.GetArray()) items.push_back(Convert(e, depth + 1));
    }
    Value v = Value::NewJsonArray(std::move(items));
    materialized_.emplace(&node, v);
    return v;
  }
  if (node.IsObject()) {
    Map m;
    m.entries().reserve(node.MemberCount());
    if (depth < kMaxNesting) {
      for (const auto& member : node.GetObject()) {
        m.entries().emplace_back(std::string(member.name.GetString(), member.name.GetStringLength()),
                                 Convert(member.value, depth + 1));
      }
    }
    Value v = Value::NewMap(std::move(m));
    materialized_.emplace(&node, v);
    return v;
  }
  if (node.IsString()) {
    Value v;
    v.kind_ = Value::Kind::kString;
    v.flags_ = Value::kStringViewFlag;
    v.str_ = node.GetString();
    v.len_ = node.GetStringLength();
    v.p_ = std::const_pointer_cast<JsonDoc>(doc_);
    return v;
  }
  return ValueOf(nullptr, node);
}

Value& JsonTree::Materialized(const JsonValue* node) {
  if (!materialized) {
    materialized = true;
    Convert(*root_, 0);
    if (auto breaker = breaker_.lock()) breaker->AddTree(self_);
  }
  auto it = materialized_.find(node);
  if (it == materialized_.end()) {  // not under the root: cannot happen, but stay safe
    it = materialized_.emplace(node, Convert(*node, 0)).first;
  }
  return it->second;
}

void JsonTree::Release() {
  std::unordered_map<const JsonValue*, Value> dropped;
  dropped.swap(materialized_);
  materialized = false;
  // `dropped` goes here, after the tree is consistent again: releasing its
  // values may release other trees.
}

List& Value::MaterializedList() const { return JsonTree::Of(*this).Materialized(static_cast<const JsonValue*>(node_)).list(); }

Map& Value::MaterializedMap() const { return JsonTree::Of(*this).Materialized(static_cast<const JsonValue*>(node_)).map(); }

Value JsonMember(const Value& view, const JsonValue& object, std::string_view name) {
  // A Value key: a bare StringRef would convert to `const char*` and be read up to a NUL.
  const JsonValue key(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
  auto it = object.FindMember(key);
  return it == object.MemberEnd() ? Value() : JsonTree::ChildOf(view, it->value);
}

namespace {

Value PlainOf(const Value& view, const JsonValue& node) {
  if (node.IsArray()) {
    List items;
    items.reserve(node.Size());
    for (const auto& e : node.GetArray()) items.push_back(PlainOf(view, e));
    return Value::NewJsonArray(std::move(items));
  }
  if (node.IsObject()) {
    Map m;
    m.entries().reserve(node.MemberCount());
    for (const auto& member : node.GetObject()) {
      m.entries().emplace_back(std::string(member.name.GetString(), member.name.GetStringLength()),
                               PlainOf(view, member.value));
    }
    return Value::NewMap(std::move(m));
  }
  return JsonTree::ChildOf(view, node);
}

}  // namespace

Value PlainCopy(const Value& v) {
  const JsonValue* node = JsonNodeOf(v);
  return node ? PlainOf(v, *node) : v;
}

namespace {

bool WriteJsonNode(const JsonValue& v, JsonStyle style, BufferedAppend* out, int max_depth) {
  if (max_depth < 0) return false;
  switch (v.GetType()) {
    case rapidjson::kNullType: out->append("null", 4); return true;
    case rapidjson::kFalseType: out->append("false", 5); return true;
    case rapidjson::kTrueType: out->append("true", 4); return true;
    case rapidjson::kNumberType: {
      char* at = out->Reserve(kJavaDoubleMaxChars);
      if (v.IsInt64()) {
        out->Commit(std::to_chars(at, at + kJavaDoubleMaxChars, v.GetInt64()).ptr - at);  // Long.toString
      } else {
        out->Commit(FormatJavaDouble(v.GetDouble(), at));
      }
      return true;
    }
    case rapidjson::kStringType:
      AppendJsonString(std::string_view(v.GetString(), v.GetStringLength()), style == JsonStyle::kNoCompress, out);
      return true;
    case rapidjson::kArrayType: {
      out->push_back('[');
      bool first = true;
      for (const auto& e : v.GetArray()) {
        if (!first) out->push_back(',');
        first = false;
        if (!WriteJsonNode(e, style, out, max_depth - 1)) return false;
      }
      out->push_back(']');
      return true;
    }
    case rapidjson::kObjectType: {
      out->push_back('{');
      bool first = true;
      for (const auto& m : v.GetObject()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(std::string_view(m.name.GetString(), m.name.GetStringLength()),
                         style == JsonStyle::kNoCompress, out);
        out->push_back(':');
        if (!WriteJsonNode(m.value, style, out, max_depth - 1)) return false;
      }
      out->push_back('}');
      return true;
    }
  }
  return true;
}

}  // namespace

bool AppendJsonNode(const JsonValue& v, JsonStyle style, std::string* out, int max_depth) {
  BufferedAppend buffered(out);
  return WriteJsonNode(v, style, &buffered, max_depth);
}

// Mirrors AppendJavaString over the values JsonTree::ValueOf would give.
bool AppendJavaStringOfNode(const JsonValue& v, std::string* out, size_t max_bytes, int max_depth) {
  if (max_depth < 0 || out->size() >= max_bytes) return false;
  switch (v.GetType()) {
    case rapidjson::kNullType: return true;
    case rapidjson::kArrayType:
      if (!AppendJsonNode(v, JsonStyle::kNoCompress, out, max_depth)) return false;
      break;
    case rapidjson::kObjectType: {
      out->push_back('{');
      bool first = true;
      for (const auto& m : v.GetObject()) {
        if (!first) out->append(", ");
        first = false;
        out->append(m.name.GetString(), m.name.GetStringLength());
        out->push_back('=');
        if (m.value.IsNull()) {
          out->append("null");
        } else if (!AppendJavaStringOfNode(m.value, out, max_bytes, max_depth - 1)) {
          return false;
        }
        if (out->size() >= max_bytes) return false;
      }
      out->push_back('}');
      break;
    }
    case rapidjson::kStringType: out->append(v.GetString(), v.GetStringLength()); break;
    default: AppendJsonNode(v, JsonStyle::kCompact, out, 0); break;  // numbers and booleans
  }
  return out->size() < max_bytes;
}

}  // namespace apigw::vtl
