// $input's methods.
#include "vtl/apigateway/input_variable.h"

#include "base/text.h"
#include "vtl/apigateway/json_values.h"
#include "vtl/java_text.h"
#include "vtl/json_view.h"

namespace apigw::vtl {

const std::string InputVariable::kEmptyBody = "{}";

InputVariable::InputVariable(std::string body, Value params, std::string what, std::weak_ptr<CycleBreaker> breaker)
    : body_(std::move(body)), params_(std::move(params)), what_(std::move(what)), breaker_(std::move(breaker)) {}

std::optional<Value> InputVariable::GetProperty(std::string_view name) const {
  if (name == "body") return Value::String(Body());
  return std::nullopt;
}

Status InputVariable::ParseBody() const {
  if (!parsed_) {
    parsed_ = true;
    auto doc = std::make_shared<JsonDoc>();
    parse_error_ = ParsePayload(Body(), what_, doc.get());
    if (parse_error_.ok()) doc_ = std::move(doc);
  }
  return parse_error_;
}

StatusOr<const JsonPath*> InputVariable::Path(const Value& arg) const {
  // A null or empty path is the whole payload.
  std::string_view text = arg.kind() == Value::Kind::kString ? arg.as_string() : "";
  if (Trim(text).empty()) text = "$";
  auto it = paths_.find(text);
  if (it == paths_.end()) {
    auto compiled = JsonPath::Compile(text);
    if (!compiled.ok()) return compiled.status();
    it = paths_.emplace(std::string(text), std::move(*compiled)).first;
  }
  return &it->second;
}

// $input.params(x): the path parameter, else the query string parameter, else
// the header (whose name is case-insensitive, as HTTP's are); "" when none.
Value InputVariable::Param(std::string_view name) const {
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

// $input.json(path): the JSON text of what the path selects, appended to `out`.
Status InputVariable::AppendJson(const Value& arg, std::string* out) const {
  if (Status parsed = ParseBody(); !parsed.ok()) {
    auto path = Path(arg);  // an invalid path is reported before an invalid body
    return path.ok() ? parsed : path.status();
  }
  const JsonDoc& doc = *doc_;
  const JsonValue* simple = nullptr;
  if (arg.kind() == Value::Kind::kString && JsonPath::EvaluateSimple(arg.as_string(), doc, &simple)) {
    // A definite path read from its text: at most one value.
    if (!simple) {
      out->append("\"\"");  // a missing path
    } else {
      AppendJsonText(*simple, out);
    }
    return Status::Ok();
  }
  auto path = Path(arg);
  if (!path.ok()) return path.status();
  std::vector<const JsonValue*> found;
  (*path)->Evaluate(doc, &found);
  if ((*path)->has_function()) {
    std::optional<JsonPath::FunctionResult> r = (*path)->ApplyFunction(found);
    if (!r) {
      out->append("\"\"");  // nothing to measure: as a missing path
    } else if (r->integer) {
      out->append(std::to_string(static_cast<int64_t>(r->value)));
    } else {
      AppendJavaDouble(r->value, out);
    }
    return Status::Ok();
  }
  if ((*path)->definite()) {
    if (found.empty()) {
      out->append("\"\"");  // a missing path
    } else {
      AppendJsonText(*found[0], out);
    }
    return Status::Ok();
  }
  out->push_back('[');
  for (size_t i = 0; i < found.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonText(*found[i], out);
  }
  out->push_back(']');
  return Status::Ok();
}

// $input.path(path): the value the path selects (a list of values for an
// indefinite path).
StatusOr<Value> InputVariable::PathValue(const Value& arg) const {
  if (Status parsed = ParseBody(); !parsed.ok()) {
    auto path = Path(arg);  // an invalid path is reported before an invalid body
    return path.ok() ? parsed : path.status();
  }
  const JsonDoc& doc = *doc_;
  // Each call's values are its own (a fresh tree), as AWS converts anew.
  const JsonValue* simple = nullptr;
  if (arg.kind() == Value::Kind::kString && JsonPath::EvaluateSimple(arg.as_string(), doc, &simple)) {
    if (!simple) return Value();
    return JsonTree::ValueOf(JsonTree::Make(doc_, *simple, breaker_), *simple);
  }
  auto path = Path(arg);
  if (!path.ok()) return path.status();
  std::vector<const JsonValue*> found;
  (*path)->Evaluate(doc, &found);
  if ((*path)->has_function()) {
    std::optional<JsonPath::FunctionResult> r = (*path)->ApplyFunction(found);
    if (!r) return Value();
    return r->integer ? Value::Int(static_cast<int64_t>(r->value)) : Value::Double(r->value);
  }
  if ((*path)->definite()) {
    if (found.empty()) return Value();
    return JsonTree::ValueOf(JsonTree::Make(doc_, *found[0], breaker_), *found[0]);
  }
  auto tree = JsonTree::Make(doc_, doc, breaker_);
  List items;
  items.reserve(found.size());
  for (const JsonValue* v : found) items.push_back(JsonTree::ValueOf(tree, *v));
  return Value::NewJsonArray(std::move(items));
}

std::optional<Status> InputVariable::AppendCall(std::string_view name, const std::vector<Value>& args,
                                                std::string* out) const {
  if (name != "json" || args.size() != 1 || !(args[0].kind() == Value::Kind::kString || args[0].is_null())) {
    return std::nullopt;
  }
  return AppendJson(args[0], out);
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
    if (name == "path") return PathValue(args[0]);
    std::string out;
    Status st = AppendJson(args[0], &out);
    if (!st.ok()) return StatusOr<Value>(st);
    return StatusOr<Value>(Value::String(std::move(out)));
  }
  return std::nullopt;
}

}  // namespace apigw::vtl
