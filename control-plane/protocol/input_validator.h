// InputValidator: checks a decoded input document against the operation's
// input shape the way AWS's model validation does (required members, enums,
// lengths, value ranges, patterns) and words the failures as AWS does:
// "2 validation errors detected: Value null at 'name' failed to satisfy
// constraint: Member must not be null; Value 'x' at ...".
#pragma once

#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "control-plane/protocol/service_dialect.h"
#include "control-plane/protocol/service_model.h"

namespace apigw::cp {

struct ConstraintViolation {
  std::string path;        // "createRestApiInput.endpointConfiguration.types", "functionName"
  std::string value;       // rendered as Java would: 'abc', '[a, b]', '{k=v}', or null unquoted
  std::string constraint;  // "Member must not be null"
  std::string ToString() const;  // "Value 'abc' at 'path' failed to satisfy constraint: ..."
};

// Every violation, in member order.
std::vector<ConstraintViolation> FindViolations(const Operation& op, const JsonValue& input, const ServiceDialect& dialect);

// OK, or the dialect's validation error listing every violation.
Status ValidateInput(const Operation& op, const JsonValue& input, const ServiceDialect& dialect);

// The AWS message for a list of violations (non-empty).
std::string ValidationMessage(const std::vector<ConstraintViolation>& violations);

}  // namespace apigw::cp
