// Java's toString() of VTL values with bounds: a value that refers to itself,
// or prints to more than a limit, stops instead of recursing or growing forever.
#pragma once

#include <cstddef>
#include <string>

#include "vtl/value.h"

namespace apigw::vtl {

// Appends v.toString() as Java prints it (null prints "null" inside a list or
// map and "" on its own). Returns false when nesting passed `max_depth` or the
// output reached `max_bytes`; the output is then incomplete.
bool AppendJavaString(const Value& v, std::string* out, size_t max_bytes, int max_depth = 100);

// Java's equals() between two values (numbers of different kinds differ, as
// Integer.equals(Double) does); false when nesting passes `max_depth`.
bool JavaEquals(const Value& a, const Value& b, int max_depth = 100);

}  // namespace apigw::vtl
