// Which service model a control-plane request is for: the SigV4 credential
// scope's service decides ("apigateway" serves both API Gateway versions, told
// apart by the /v2/ prefix); unsigned requests, and scopes naming another service, by path prefix.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "control-plane/protocol/sigv4_scope.h"

namespace apigw::cp {

// One of "apigateway", "apigatewayv2", "lambda", "apigatewaymanagementapi".
std::string ResolveService(std::string_view raw_path, const std::optional<SigV4Scope>& scope);

}  // namespace apigw::cp
