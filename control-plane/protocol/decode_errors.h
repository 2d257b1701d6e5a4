// Decode errors: how each service words a request body that is not JSON, a
// JSON value of the wrong type, and URI/query/header text that does not
// convert to its member's type (see ServiceDialect::DecodeErrors).
#pragma once

#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "control-plane/protocol/service_dialect.h"
#include "control-plane/protocol/service_model.h"

namespace apigw::cp {

// `detail` says what the JSON parser found ("Invalid value. at offset 3").
Status MalformedBodyError(const ServiceDialect& dialect, std::string_view detail);
// `got` is a body value that `shape` cannot hold.
Status WrongJsonTypeError(const ServiceDialect& dialect, const Shape& shape, const JsonValue& got);
// `text` came from a URI label, query parameter or header of `member`.
Status BadTextValueError(const ServiceDialect& dialect, const Shape& shape, std::string_view text,
                         const ShapeMember& member);

}  // namespace apigw::cp
