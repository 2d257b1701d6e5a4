// The runtimes Lambda accepts, and how this emulator runs each: nodejs* and
// python3* with the bootstrap it ships, provided* with the function's own
// `bootstrap`; the rest (java, dotnet, ruby) are accepted but cannot run here.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace apigw::lambda {

enum class RuntimeKind { kNode, kPython, kProvided, kUnsupported };

RuntimeKind KindOf(std::string_view runtime);

// OK when CreateFunction/UpdateFunctionConfiguration accept `runtime`; else
// AWS's InvalidParameterValueException: for a deprecated runtime "The runtime
// parameter of <r> is no longer supported for creating or updating AWS Lambda
// functions. ...", for an unknown one "Value <r> at 'runtime' failed to satisfy
// constraint: Member must satisfy enum value set: [...] or be a valid ARN".
Status CheckRuntime(std::string_view runtime);

// "python3.12" -> "python3.12" (the interpreter name to look for first); "" for others.
std::string PythonInterpreterName(std::string_view runtime);

}  // namespace apigw::lambda
