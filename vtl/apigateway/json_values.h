// JSON as API Gateway's templates see it: parsed bodies become template values
// (objects as ordered maps, arrays as JSON arrays, numbers as Integer/Long/
// Double) and parsed values are written back as compact JSON.
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status_or.h"
#include "vtl/value.h"

namespace apigw::vtl {

// Parses a payload without recursion (a deeply nested body cannot exhaust the
// stack); nesting deeper than 1000 levels is refused, as Jackson refuses it.
// `what` names the payload in the error ("request body").
StatusOr<JsonDoc> ParsePayload(std::string_view text, std::string_view what);

Value JsonToValue(const JsonValue& v);

// Compact JSON as $input.json() writes it: json-smart's escaping, numbers as
// Java prints them ("1.0", "1.0E10").
void AppendJsonText(const JsonValue& v, std::string* out);

}  // namespace apigw::vtl
