// How a family file registers its operations: each handler is a plain
// function of (deps, call context, input), bound to the deps here.
#pragma once

#include "control-plane/apigateway/apigateway_service.h"

namespace apigw::cp::apigateway {

using RestHandler = OperationResult (*)(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input);

inline void AddHandler(OperationTable& table, ApigatewayDeps& deps, const char* operation, RestHandler handler) {
  table.Add("apigateway", operation,
            [&deps, handler](const CallContext& ctx, const JsonValue& input) { return handler(deps, ctx, input); });
}

}  // namespace apigw::cp::apigateway
