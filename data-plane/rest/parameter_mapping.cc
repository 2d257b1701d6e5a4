// Parameter mapping evaluation (developer guide, "Parameter mapping source
// reference for REST APIs" and "... response ...").
#include "data-plane/rest/parameter_mapping.h"

#include "base/text.h"
#include "vtl/java_text.h"

namespace apigw::dp {

const std::string* LastHeader(const net::Headers& headers, std::string_view name) {
  const std::string* found = nullptr;
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) found = &v;
  }
  return found;
}

std::optional<std::string> JoinedHeader(const net::Headers& headers, std::string_view name) {
  std::optional<std::string> out;
  for (const auto& [k, v] : headers) {
    if (!EqualsIgnoreCase(k, name)) continue;
    if (out) {
      out->push_back(',');
      out->append(v);
    } else {
      out = v;
    }
  }
  return out;
}

namespace {

// The text a JSONPath gives a mapped parameter: a string as it is, any other
// value as JSON, several values (an indefinite path) as a JSON array; nothing
// for no value or null.
std::optional<std::string> PathText(const vtl::JsonPath& path, const JsonValue& root) {
  std::vector<const JsonValue*> found;
  path.Evaluate(root, &found);
  if (path.has_function()) {  // body.items.length() and the like
    std::optional<vtl::JsonPath::FunctionResult> r = path.ApplyFunction(found);
    if (!r) return std::nullopt;
    return r->integer ? std::to_string(static_cast<int64_t>(r->value)) : vtl::JavaDouble(r->value);
  }
  if (path.definite()) {
    if (found.empty() || found[0]->IsNull()) return std::nullopt;
    if (found[0]->IsString()) return std::string(found[0]->GetString(), found[0]->GetStringLength());
    return ToJson(*found[0]);
  }
  JsonDoc list(rapidjson::kArrayType);
  for (const JsonValue* v : found) list.PushBack(JsonValue(*v, list.GetAllocator()), list.GetAllocator());
  return ToJson(list);
}

}  // namespace

// AWS parses a body for JSONPath only when it looks like JSON (it starts with
// '{', '[' or a quote, after whitespace); any other body, and a body that does
// not parse, has no values (LocalStack parameters_mapping.py records the rule).
const JsonValue* MappingInputs::Json(bool response_side) {
  std::optional<JsonDoc>& slot = response_side ? response_json_ : request_json_;
  if (!slot) {
    const std::string& body = response_side ? endpoint_->body : inv_.request.body;
    std::string_view text = Trim(body);
    slot.emplace();
    if (!text.empty() && (text[0] == '{' || text[0] == '[' || text[0] == '"')) {
      StatusOr<JsonDoc> parsed = ParseJson(text);
      if (parsed.ok()) *slot = std::move(parsed).value();
    }
  }
  return slot->IsNull() ? nullptr : &*slot;
}

std::vector<std::string> MappingInputs::Evaluate(const ValueSource& source) {
  using K = ValueSource::Kind;
  auto one = [](const std::string* v) { return v ? std::vector<std::string>{*v} : std::vector<std::string>{}; };
  auto opt = [](std::optional<std::string> v) {
    return v ? std::vector<std::string>{std::move(*v)} : std::vector<std::string>{};
  };
  switch (source.kind) {
    case K::kStatic:
      return {source.name};
    case K::kAbsent:
      return {};
    case K::kMethodPath:
      return one(inv_.PathParam(source.name));
    case K::kMethodQuery:
      return one(inv_.QueryValue(source.name));
    case K::kMethodMultiQuery: {
      std::vector<std::string> out;
      for (const auto& [k, v] : inv_.query)
        if (k == source.name) out.push_back(v);
      return out;
    }
    case K::kMethodHeader:
      return one(LastHeader(inv_.headers, source.name));
    case K::kMethodMultiHeader:
      return opt(JoinedHeader(inv_.headers, source.name));
    case K::kMethodBody:
      return {inv_.request.body};
    case K::kMethodBodyPath: {
      const JsonValue* root = Json(false);
      return root ? opt(PathText(*source.path, *root)) : std::vector<std::string>{};
    }
    case K::kIntegrationHeader:
      return endpoint_ ? one(LastHeader(endpoint_->headers, source.name)) : std::vector<std::string>{};
    case K::kIntegrationMultiHeader:
      return endpoint_ ? opt(JoinedHeader(endpoint_->headers, source.name)) : std::vector<std::string>{};
    case K::kIntegrationBody:
      return endpoint_ ? std::vector<std::string>{endpoint_->body} : std::vector<std::string>{};
    case K::kIntegrationBodyPath: {
      if (!endpoint_) return {};
      const JsonValue* root = Json(true);
      return root ? opt(PathText(*source.path, *root)) : std::vector<std::string>{};
    }
    case K::kContext:
      return opt(inv_.context.Lookup(source.name));
  }
  return {};
}

}  // namespace apigw::dp
