// One Register function per resource family of the lambda service; each
// lives in the file named after its family. AddHandler binds a plain handler
// function to the deps.
#pragma once

#include "control-plane/lambda/lambda_service.h"

namespace apigw::cp::lambda {

using LambdaHandler = OperationResult (*)(LambdaDeps& deps, const CallContext& ctx, const JsonValue& input);

inline void AddHandler(OperationTable& table, LambdaDeps& deps, const char* operation, LambdaHandler handler) {
  table.Add("lambda", operation,
            [&deps, handler](const CallContext& ctx, const JsonValue& input) { return handler(deps, ctx, input); });
}

void RegisterFunctions(OperationTable& table, LambdaDeps& deps);    // functions.cc
void RegisterInvoke(OperationTable& table, LambdaDeps& deps);       // invoke.cc
void RegisterVersions(OperationTable& table, LambdaDeps& deps);     // versions.cc
void RegisterAliases(OperationTable& table, LambdaDeps& deps);      // aliases.cc
void RegisterPermissions(OperationTable& table, LambdaDeps& deps);  // permissions.cc
void RegisterTags(OperationTable& table, LambdaDeps& deps);         // tags.cc
void RegisterConcurrency(OperationTable& table, LambdaDeps& deps);  // concurrency.cc

}  // namespace apigw::cp::lambda
