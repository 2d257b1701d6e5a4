// JSON text of VTL values as API Gateway's JSON library (json-smart) writes it:
// compact, keys in insertion order, and "\uXXXX" for control characters and
// the U+007F-U+009F and U+2000-U+20FF ranges.
#pragma once

#include <string>
#include <string_view>

#include "vtl/buffered_append.h"
#include "vtl/value.h"

namespace apigw::vtl {

enum class JsonStyle {
  kCompact,     // $input.json(): json-smart's LT_COMPRESS, '/' written as is
  kNoCompress,  // a JSON array's toString(): json-smart's default, '/' written "\/"
};

// Appends `v` as JSON. Returns false (leaving partial output) when nesting is
// deeper than `max_depth` (a list that contains itself).
bool AppendJson(const Value& v, JsonStyle style, std::string* out, int max_depth = 200);
void AppendJsonString(std::string_view s, bool escape_slash, std::string* out);
void AppendJsonString(std::string_view s, bool escape_slash, BufferedAppend* out);

}  // namespace apigw::vtl
