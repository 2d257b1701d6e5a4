// ValueSource parsing.
#include "data-plane/rest/value_source.h"

#include <utility>

namespace apigw::dp {

namespace {

bool Consume(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

std::optional<ValueSource> Named(ValueSource::Kind kind, std::string_view name) {
  if (name.empty()) return std::nullopt;
  ValueSource out;
  out.kind = kind;
  out.name = std::string(name);
  return out;
}

// "body" or "body.JSONPATH" after the "method.request." / "integration.response." prefix.
std::optional<ValueSource> Body(std::string_view rest, ValueSource::Kind whole, ValueSource::Kind at_path) {
  if (rest == "body") return ValueSource{whole, {}, std::nullopt};
  // "body.a.b" is the JSONPath "$.a.b", "body['a b']" is "$['a b']" (Jayway's
  // dialect, as $input.json reads it).
  std::string expression;
  if (Consume(rest, "body.") && !rest.empty()) {
    expression = "$." + std::string(rest);
  } else if (Consume(rest, "body") && !rest.empty() && rest.front() == '[') {
    expression = "$" + std::string(rest);
  } else {
    return std::nullopt;
  }
  StatusOr<vtl::JsonPath> path = vtl::JsonPath::Compile(expression);
  if (!path.ok()) return std::nullopt;
  return ValueSource{at_path, std::string(rest), std::move(path).value()};
}

}  // namespace

std::optional<ValueSource> ValueSource::ParseNonStage(std::string_view expr) {
  using K = Kind;
  if (expr.size() >= 2 && expr.front() == '\'' && expr.back() == '\'') {
    return ValueSource{K::kStatic, std::string(expr.substr(1, expr.size() - 2)), std::nullopt};
  }
  std::string_view rest = expr;
  if (Consume(rest, "method.request.")) {
    if (Consume(rest, "path.")) return Named(K::kMethodPath, rest);
    if (Consume(rest, "querystring.")) return Named(K::kMethodQuery, rest);
    if (Consume(rest, "multivaluequerystring.")) return Named(K::kMethodMultiQuery, rest);
    if (Consume(rest, "header.")) return Named(K::kMethodHeader, rest);
    if (Consume(rest, "multivalueheader.")) return Named(K::kMethodMultiHeader, rest);
    return Body(rest, K::kMethodBody, K::kMethodBodyPath);
  }
  if (Consume(rest, "integration.response.")) {
    if (Consume(rest, "header.")) return Named(K::kIntegrationHeader, rest);
    if (Consume(rest, "multivalueheader.")) return Named(K::kIntegrationMultiHeader, rest);
    return Body(rest, K::kIntegrationBody, K::kIntegrationBodyPath);
  }
  if (Consume(rest, "context.")) return Named(K::kContext, rest);
  return std::nullopt;
}

std::string SanitizeHeaderValue(std::string value) {
  if (value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos) return value;
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c != '\r' && c != '\n' && c != '\0') out.push_back(c);
  }
  return out;
}

}  // namespace apigw::dp
