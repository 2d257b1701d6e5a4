// The rules for a resource's path part ("pets", "{id}", "{proxy+}") and the
// paths built from path parts.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace apigw::cp::apigateway {

// "{name}" or "{name+}": matches any one segment (or, greedy, the rest of the path).
bool IsVariablePathPart(std::string_view part);
// "{name+}".
bool IsGreedyPathPart(std::string_view part);
// OK, or AWS's BadRequestException for an empty or malformed path part.
Status CheckPathPart(std::string_view part);
// "/" + "pets" -> "/pets"; "/pets" + "{id}" -> "/pets/{id}".
std::string ChildPath(std::string_view parent_path, std::string_view part);

}  // namespace apigw::cp::apigateway
