// $input's methods.
#include "vtl/apigateway/input_variable.h"

#include "base/text.h"
#include "vtl/apigateway/json_values.h"

namespace apigw::vtl {

const std::string InputVariable::kEmptyBody = "{}";

InputVariable::InputVariable(std::string body, Value params, std::string what)
    : body_(std::move(body)), params_(std::move(params)), what_(std::move(what)) {}

std::optional<Value> InputVariable::GetProperty(std::string_view name) const {
  if (name == "body") return Value::String(Body());
  return std::nullopt;
}

StatusOr<const JsonValue*> InputVariable::Document() const {
  if (!parsed_) {
    parsed_ = true;
    auto doc = ParsePayload(Body(), what_);
    if (doc.ok()) {
      doc_.Swap(*doc);
    } else {
      parse_error_ = doc.status();
    }
  }
  if (!parse_error_.ok()) return parse_error_;
  return static_cast<const JsonValue*>(&doc_);
}

StatusOr<const JsonPath*> InputVariable::Path(const Value& arg) const {
  // A null or empty path is the whole payload.
  std::string text = arg.kind() == Value::Kind::kString ? arg.as_string() : "";
  if (Trim(text).empty()) text = "$";
  auto it = paths_.find(text);
  if (it == paths_.end()) {
    auto compiled = JsonPath::Compile(text);
    if (!compiled.ok()) return compiled.status();
    it = paths_.emplace(text, std::move(*compiled)).first;
  }
  return &it->second;
}

// $input.params(x): the path parameter, else the query string parameter, else
// the header (whose name is case-insensitive, as HTTP's are); "" when none.
Value InputVariable::Param(const std::string& name) const {
  if (params_.kind() != Value::Kind::kMap) return Value::String("");
  for (const char* where : {"path", "querystring", "header"}) {
    const Value* m = params_.map().Find(where);
    if (!m || m->kind() != Value::Kind::kMap) continue;
    if (const Value* v = m->map().Find(name)) return *v;
    if (std::string_view(where) == "header") {
      for (const auto& [key, value] : m->map().entries()) {
        if (EqualsIgnoreCase(key, name)) return value;
      }
    }
  }
  return Value::String("");
}

std::optional<StatusOr<Value>> InputVariable::Call(std::string_view name,
                                                   const std::vector<Value>& args) const {
  if (name == "getBody" && args.empty()) return StatusOr<Value>(Value::String(Body()));
  if (name == "params" && args.empty()) return StatusOr<Value>(params_);
  if (name == "params" && args.size() == 1) {
    if (args[0].kind() != Value::Kind::kString) return StatusOr<Value>(Value::String(""));
    return StatusOr<Value>(Param(args[0].as_string()));
  }
  if ((name == "json" || name == "path") && args.size() == 1 &&
      (args[0].kind() == Value::Kind::kString || args[0].is_null())) {
    auto doc = Document();
    if (!doc.ok()) {
      auto path = Path(args[0]);  // an invalid path is reported before an invalid body
      return StatusOr<Value>(path.ok() ? doc.status() : path.status());
    }
    std::vector<const JsonValue*> found;
    bool definite = true;
    const JsonValue* simple = nullptr;
    if (args[0].kind() == Value::Kind::kString &&
        JsonPath::EvaluateSimple(args[0].as_string(), **doc, &simple)) {
      if (simple) found.push_back(simple);
    } else {
      auto path = Path(args[0]);
      if (!path.ok()) return StatusOr<Value>(path.status());
      (*path)->Evaluate(**doc, &found);
      definite = (*path)->definite();
    }
    if (name == "path") {
      if (definite) return StatusOr<Value>(found.empty() ? Value() : JsonToValue(*found[0]));
      List items;
      for (const JsonValue* v : found) items.push_back(JsonToValue(*v));
      return StatusOr<Value>(Value::NewJsonArray(std::move(items)));
    }
    std::string out;
    if (definite) {
      if (found.empty()) return StatusOr<Value>(Value::String("\"\""));  // a missing path
      AppendJsonText(*found[0], &out);
    } else {
      out.push_back('[');
      for (size_t i = 0; i < found.size(); ++i) {
        if (i) out.push_back(',');
        AppendJsonText(*found[i], &out);
      }
      out.push_back(']');
    }
    return StatusOr<Value>(Value::String(std::move(out)));
  }
  return std::nullopt;
}

}  // namespace apigw::vtl
