// The variables a REST mapping template sees: $context (with its
// requestOverride / responseOverride maps), $stageVariables, and $input /
// $util once the VTL engine's API Gateway objects are there. Built only when
// a template that is not plain text renders.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data-plane/rest/invocation.h"
#include "vtl/template.h"

namespace apigw::dp {

// Binds the variables of one render; `body` is what $input reads (the method
// request body for request templates, the integration response body for
// response templates).
void BindTemplateVariables(const Invocation& inv, std::string_view body, vtl::Context& context);

// The $context map a template sees (ready for the VTL engine's $context object).
vtl::Value ContextValue(const ContextVariables& vars);

// What a template set through $context.requestOverride / responseOverride.
struct TemplateOverrides {
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> querystring;  // request only
  std::vector<std::pair<std::string, std::string>> path;         // request only
  std::optional<int> status;                                     // response only; 100..599
};
TemplateOverrides ReadOverrides(const vtl::Context& context, bool response);

}  // namespace apigw::dp
