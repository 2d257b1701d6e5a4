// The lambda service (functions, versions, aliases, permissions, tags,
// Invoke): what its handlers need, and the calls that register them and
// publish every stored function to the runner at startup.
#pragma once

#include <string>

#include "base/ids.h"
#include "base/log.h"
#include "control-plane/protocol/operation.h"
#include "lambda/function_host.h"
#include "lambda/invoker.h"
#include "state/store.h"

namespace apigw::cp::lambda {

struct LambdaDeps {
  state::Store& store;
  apigw::lambda::FunctionHost& host;  // told after every commit that changes what runs
  apigw::lambda::Invoker& invoker;    // Invoke
  IdSource& ids;
  Logger& log;
  // The account functions are published under at startup (requests use their CallContext's).
  std::string account_id = "000000000000";
};

// Registers every implemented lambda operation. `deps` must outlive `table`.
void RegisterLambda(OperationTable& table, LambdaDeps& deps);

// Unpacks (when the cache lacks it) and publishes every stored function (at startup).
Status PublishAllFunctions(LambdaDeps& deps);

}  // namespace apigw::cp::lambda
