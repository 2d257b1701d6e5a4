// JSON as API Gateway's templates see it: parsed payloads (read by templates
// through views, vtl/json_view.h) and parsed values written back as compact
// JSON.
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace apigw::vtl {

// Parses a payload into `*doc` without recursion (a deeply nested body cannot
// exhaust the stack); nesting deeper than 1000 levels is refused, as Jackson
// refuses it. `what` names the payload in the error ("request body").
Status ParsePayload(std::string_view text, std::string_view what, JsonDoc* doc);

// Compact JSON as $input.json() writes it: json-smart's escaping, numbers as
// Java prints them ("1.0", "1.0E10").
void AppendJsonText(const JsonValue& v, std::string* out);

}  // namespace apigw::vtl
