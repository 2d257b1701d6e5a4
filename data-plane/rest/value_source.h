// ValueSource: the right-hand side of a parameter mapping
// ("method.request.header.X", "integration.response.body.a", "'static'",
// "stageVariables.x", "context.requestId"), parsed once at deployment.
// See the developer guide, "Parameter mapping source reference for REST APIs".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vtl/apigateway/json_path.h"

namespace apigw::dp {

struct ValueSource {
  enum class Kind {
    kStatic,                  // 'value', or a stage variable resolved at compile time
    kAbsent,                  // a stage variable the stage does not define
    kMethodPath,              // method.request.path.NAME
    kMethodQuery,             // method.request.querystring.NAME (last value)
    kMethodMultiQuery,        // method.request.multivaluequerystring.NAME (every value)
    kMethodHeader,            // method.request.header.NAME (last value)
    kMethodMultiHeader,       // method.request.multivalueheader.NAME (comma-joined)
    kMethodBody,              // method.request.body
    kMethodBodyPath,          // method.request.body.JSONPATH
    kIntegrationHeader,       // integration.response.header.NAME
    kIntegrationMultiHeader,  // integration.response.multivalueheader.NAME
    kIntegrationBody,         // integration.response.body
    kIntegrationBodyPath,     // integration.response.body.JSONPATH
    kContext,                 // context.NAME[.NAME...]
  };
  Kind kind = Kind::kAbsent;
  std::string name;  // the parameter / context name, or the static value
  std::optional<vtl::JsonPath> path;  // the body's JSONPath ($.a.b for body.a.b)

  // Parses `expr`; `stage_variable` resolves stageVariables.NAME at compile time.
  // nullopt for an expression of no known form.
  template <class StageVariableLookup>
  static std::optional<ValueSource> Parse(std::string_view expr, StageVariableLookup stage_variable);

  bool reads_request() const { return kind >= Kind::kMethodPath && kind <= Kind::kMethodBodyPath; }
  bool reads_response() const { return kind >= Kind::kIntegrationHeader && kind <= Kind::kIntegrationBodyPath; }

 private:
  static std::optional<ValueSource> ParseNonStage(std::string_view expr);
};

template <class StageVariableLookup>
std::optional<ValueSource> ValueSource::Parse(std::string_view expr, StageVariableLookup stage_variable) {
  constexpr std::string_view kStage = "stageVariables.";
  if (expr.substr(0, kStage.size()) == kStage) {
    ValueSource out;
    const std::string* value = stage_variable(expr.substr(kStage.size()));
    if (value != nullptr) {
      out.kind = Kind::kStatic;
      out.name = *value;
    }
    return out;
  }
  return ParseNonStage(expr);
}

// Removes CR, LF and NUL from a value bound for a header. A mapped value can
// come from the client (a decoded query string may hold "%0D%0A"); stripping
// keeps the request working while making header injection impossible, where
// rejecting would turn a client's bad byte into a 5xx of the API.
std::string SanitizeHeaderValue(std::string value);

}  // namespace apigw::dp
