// Path part rules, as AWS words them.
#include "control-plane/apigateway/path_part.h"

namespace apigw::cp::apigateway {

namespace {

// The characters AWS accepts in a path part (and in a variable's name): the
// documented a-zA-Z0-9._- and also ':' ("/v1/events:batch" works on AWS).
bool PathChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == ':';
}

bool AllPathChars(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!PathChar(c)) return false;
  return true;
}

}  // namespace

bool IsVariablePathPart(std::string_view part) {
  return part.size() >= 3 && part.front() == '{' && part.back() == '}';
}

bool IsGreedyPathPart(std::string_view part) { return IsVariablePathPart(part) && part[part.size() - 2] == '+'; }

Status CheckPathPart(std::string_view part) {
  if (part.empty()) return Status::BadRequest("Resource's path part must be specified");
  std::string_view name = part;
  if (IsVariablePathPart(part)) {
    name = part.substr(1, part.size() - 2);
    if (!name.empty() && name.back() == '+') name.remove_suffix(1);
  }
  if (!AllPathChars(name)) {
    return Status::BadRequest(
        "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an "
        "optional plus sign before the closing brace.");
  }
  return Status::Ok();
}

std::string ChildPath(std::string_view parent_path, std::string_view part) {
  std::string path(parent_path);
  if (path.empty() || path.back() != '/') path += '/';
  path += part;
  return path;
}

}  // namespace apigw::cp::apigateway
