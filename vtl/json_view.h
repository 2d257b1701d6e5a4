// JSON views: template values that read a parsed JSON document in place. A
// body read by $input.path() or $util.parseJson() is not converted into lists
// and maps up front; its objects and arrays are views of the document's nodes,
// its strings views of the document's text, so a template pays only for what it
// reads. Lists and maps are Java objects a template may change ($l.add(x),
// #set($m.k = v)) and then see through every reference: the first use that
// needs a real list or map materializes the whole tree at once (as the old
// eager conversion did), and from then on every view of that tree reads the
// materialized lists and maps.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "base/json.h"
#include "vtl/json_writer.h"
#include "vtl/value.h"

namespace apigw::vtl {

class CycleBreaker;

// The values made from one parsed document by one $input.path() or
// $util.parseJson() call: each call has its own tree, so changes through one
// call's values are not seen through another's, as with AWS's fresh objects.
class JsonTree : public internal::JsonViewOwner {
 public:
  // `root` (a node of `*doc`) and everything under it; `breaker` (may be empty)
  // is told when the tree is materialized, since materialized lists and maps
  // can come to hold values that hold the tree.
  static std::shared_ptr<JsonTree> Make(std::shared_ptr<const JsonDoc> doc, const JsonValue& root,
                                        std::weak_ptr<CycleBreaker> breaker);

  // The template value of `node` (in `tree`): null, a boolean, an integer
  // (Integer/Long), a double, a string view, or a list or map view.
  static Value ValueOf(const std::shared_ptr<JsonTree>& tree, const JsonValue& node);
  // A value of the document `view` reads (a child of a list or map view).
  static Value ChildOf(const Value& view, const JsonValue& node);

  // Drops the materialized lists and maps (the Context's CycleBreaker, when the
  // last copy of the Context goes); views read the document again.
  void Release();

 private:
  friend class Value;
  JsonTree(std::shared_ptr<const JsonDoc> doc, const JsonValue& root, std::weak_ptr<CycleBreaker> breaker);
  static JsonTree& Of(const Value& view);
  Value& Materialized(const JsonValue* node);
  Value Convert(const JsonValue& node, int depth);

  std::shared_ptr<const JsonDoc> doc_;
  const JsonValue* root_;
  std::weak_ptr<CycleBreaker> breaker_;
  std::weak_ptr<JsonTree> self_;
  std::unordered_map<const JsonValue*, Value> materialized_;
};

inline const JsonValue* JsonNodeOf(const Value& v) { return static_cast<const JsonValue*>(v.json_node()); }

// `$view.name` and `$view.get(name)` of a map view whose node is `object`: the
// first member of that name, as the materialized map finds it; null if none.
Value JsonMember(const Value& view, const JsonValue& object, std::string_view name);

// A copy of `v` without views of unmaterialized trees (read-only uses, such as
// equals(), that are not worth a fast path).
Value PlainCopy(const Value& v);

// Compact JSON of a document node, as json-smart writes it ($input.json(), a
// JSON array's toString()); false (output incomplete) past `max_depth` levels.
bool AppendJsonNode(const JsonValue& v, JsonStyle style, std::string* out, int max_depth);
// A document node's Java toString() as a template prints it: a map view
// "{k=v, ...}", a list view as JSON (kNoCompress), scalars as Java prints them.
// Same contract as AppendJavaString (vtl/to_string.h).
bool AppendJavaStringOfNode(const JsonValue& v, std::string* out, size_t max_bytes, int max_depth);

}  // namespace apigw::vtl
