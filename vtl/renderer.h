// Renderer: executes a parsed Program against a Context, as Velocity 1.7's
// node render()/value()/evaluate() methods do. One Renderer serves one render;
// the Program is only read.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "vtl/ast.h"
#include "vtl/template.h"

namespace apigw::vtl {

// Renders `program` (parsed from `source`, used for error positions) into
// `out`. #set assignments land in `context`.
Status RenderProgram(const Program& program, std::string_view source, Context& context,
                     std::string* out);

}  // namespace apigw::vtl
