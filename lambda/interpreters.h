// Finding the host's node and python3 once, at startup. A version manager's
// shim (pyenv, asdf: a script that re-executes the real interpreter) costs
// tens of milliseconds per start, so a script found on PATH is asked once for
// the interpreter it runs, and that binary is used directly.
#pragma once

#include <string>
#include <string_view>

namespace apigw::lambda {

// The absolute path of the interpreter `name` ("node", "python3") found on
// `path_list`; "" when there is none.
std::string ResolveInterpreter(std::string_view name, std::string_view path_list);

// True when `path` starts like an ELF binary (not a script).
bool IsElfBinary(const std::string& path);

}  // namespace apigw::lambda
