// CallLambda: one function invocation for a REST request (a Lambda
// integration or authorizer), bounded by API Gateway's timeout, resuming the
// request on a loop thread. The Invoker answers on another thread (or inline
// when the function cannot be resolved); the answer hops back to a loop
// before it touches the Invocation, and never runs inside CallLambda itself.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "data-plane/rest/invocation.h"
#include "lambda/invoker.h"

namespace apigw::dp {

struct LambdaCallResult {
  bool timed_out = false;        // API Gateway gave up first (504 for integrations)
  lambda::InvokeResult result;   // when not timed out
  int64_t latency_ms = 0;        // from the call to the answer
};

using LambdaCallDone = std::function<void(const std::shared_ptr<Invocation>&, LambdaCallResult)>;

// Invokes request.function; `done` runs exactly once, on a loop thread. With
// no Lambda runner wired (services.lambda null) the result is a
// ServiceException status.
void CallLambda(const std::shared_ptr<Invocation>& inv, lambda::InvokeRequest request, int timeout_ms,
                LambdaCallDone done);

// errorMessage of a function error document ({"errorMessage": "...", ...}),
// "" when there is none (API Gateway then matches selection patterns against
// an empty message).
std::string FunctionErrorMessage(std::string_view payload);

}  // namespace apigw::dp
