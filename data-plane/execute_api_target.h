// ExecuteApiTarget: which API, stage and path a data-plane request names, in
// any of the URL forms of CONTRACT.md:
//   path style     /{apiId}/{stage}/{path}
//   host style     Host: {apiId}.execute-api.<anything>, path /{stage}/{path}
//   LocalStack     /_aws/execute-api/{apiId}/{stage}/{path}
//                  /restapis/{apiId}/{stage}/_user_request_/{path}
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apigw::dp {

struct ExecuteApiTarget {
  std::string api_id;
  std::string stage;        // decoded
  std::string path;         // after the stage, still encoded, "/" at least: "/pets/1"
  std::string stage_path;   // "/{stage}{path}": $context.path
};

// `path` is the request-target's path (encoded, no query); `host` the Host
// header or "". nullopt when the request names no API and stage.
std::optional<ExecuteApiTarget> ParseExecuteApiTarget(std::string_view path, std::string_view host);

// The API id of a host-style Host header ("abc123.execute-api.localhost:4567"
// -> "abc123"), or "" when the host is not of that form.
std::string_view HostStyleApiId(std::string_view host);

}  // namespace apigw::dp
