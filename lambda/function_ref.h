// FunctionRef: a function named the ways Lambda accepts (name, name:qualifier,
// partial ARN "123456789012:function:name", full ARN, each with an optional
// qualifier), split into its parts, and the ARNs Lambda prints back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status_or.h"

namespace apigw::lambda {

inline constexpr std::string_view kLatest = "$LATEST";

struct FunctionRef {
  std::string name;
  std::string region;      // empty when the reference names none
  std::string account_id;  // empty when the reference names none
  std::string qualifier;   // from the reference itself ("name:qual"); empty when none
};

// Splits `text` the way the model's FunctionName pattern reads it:
// (arn:aws...:lambda:)?(region:)?(account:)?(function:)?name(:qualifier)?.
// The protocol layer has already checked that pattern; this still refuses
// what cannot be split (empty name, too many parts) with InvalidParameterValueException.
StatusOr<FunctionRef> ParseFunctionRef(std::string_view text);

// Combines the qualifier of the reference with the one passed separately
// (the Qualifier parameter): either may be empty; when both are given they
// must be equal, else AWS's "The derived qualifier from the function name
// does not match the specified qualifier." (InvalidParameterValueException).
StatusOr<std::string> MergeQualifier(const FunctionRef& ref, std::string_view qualifier);

// arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
std::string FunctionArn(std::string_view region, std::string_view account_id, std::string_view name,
                        std::string_view qualifier = "");

// True for "1", "42": a published version number (not an alias, not $LATEST).
bool IsVersionNumber(std::string_view qualifier);

}  // namespace apigw::lambda
