// Tells the runner what a function runs after a committed change: its
// versions and aliases read back from the store as one snapshot.
#pragma once

#include <string>

#include "base/status.h"
#include "control-plane/lambda/lambda_service.h"

namespace apigw::cp::lambda {

// Publishes the stored state of function `name` in `region` (or removes it
// from the runner when it no longer exists).
Status PublishFunction(LambdaDeps& deps, const std::string& region, const std::string& name);

}  // namespace apigw::cp::lambda
