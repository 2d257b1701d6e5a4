// FunctionRef parsing: token by token, in the order of the model's pattern.
#include "lambda/function_ref.h"

#include <vector>

#include "base/text.h"

namespace apigw::lambda {

namespace {

Status InvalidParameter(std::string message) { return Status(400, "InvalidParameterValueException", std::move(message)); }

// us-east-1, us-gov-west-1, eu-isoe-west-1, eusc-de-east-1: letters and
// dashes ending in "-<digit>".
bool LooksLikeRegion(std::string_view s) {
  if (s.size() < 4 || s[s.size() - 2] != '-' || s.back() < '0' || s.back() > '9') return false;
  for (char c : s.substr(0, s.size() - 2))
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  return s.find('-') != s.size() - 2;
}

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

StatusOr<FunctionRef> ParseFunctionRef(std::string_view text) {
  std::vector<std::string> parts = Split(text, ':');
  size_t i = 0;
  FunctionRef ref;
  if (parts.size() >= 3 && parts[0] == "arn") {
    if (parts[2] != "lambda" || !StartsWith(parts[1], "aws"))
      return InvalidParameter("Invalid function name or ARN: " + std::string(text));
    i = 3;
  }
  // Each optional prefix counts only when something follows it.
  auto more_after = [&](size_t at) { return at + 1 < parts.size(); };
  if (i < parts.size() && more_after(i) && LooksLikeRegion(parts[i])) ref.region = parts[i++];
  if (i < parts.size() && more_after(i) && IsAccountId(parts[i])) ref.account_id = parts[i++];
  if (i < parts.size() && more_after(i) && parts[i] == "function") ++i;
  if (i >= parts.size() || parts[i].empty())
    return InvalidParameter("Invalid function name or ARN: " + std::string(text));
  ref.name = parts[i++];
  if (i < parts.size()) {
    if (parts[i].empty()) return InvalidParameter("Invalid function name or ARN: " + std::string(text));
    ref.qualifier = parts[i++];
  }
  if (i != parts.size()) return InvalidParameter("Invalid function name or ARN: " + std::string(text));
  return ref;
}

StatusOr<std::string> MergeQualifier(const FunctionRef& ref, std::string_view qualifier) {
  if (ref.qualifier.empty()) return std::string(qualifier);
  if (qualifier.empty() || qualifier == ref.qualifier) return ref.qualifier;
  return InvalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
}

std::string FunctionArn(std::string_view region, std::string_view account_id, std::string_view name,
                        std::string_view qualifier) {
  std::string arn = "arn:aws:lambda:";
  arn.append(region).append(":").append(account_id).append(":function:").append(name);
  if (!qualifier.empty()) arn.append(":").append(qualifier);
  return arn;
}

bool IsVersionNumber(std::string_view qualifier) {
  if (qualifier.empty() || qualifier.size() > 18) return false;
  for (char c : qualifier)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace apigw::lambda
