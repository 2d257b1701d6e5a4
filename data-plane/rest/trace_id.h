// The X-Amzn-Trace-Id API Gateway passes to integrations and authorizers.
#pragma once

#include <string>

#include "data-plane/rest/invocation.h"

namespace apigw::dp {

// "Root=1-{epoch hex}-{24 hex};Parent={16 hex};Sampled=0", or the client's
// Root (with its Parent and Sampled, when given) when its request carried one.
// Derived from the request and its id and time only, so every stage that asks
// gets the same value.
std::string TraceId(const Invocation& inv);

}  // namespace apigw::dp
