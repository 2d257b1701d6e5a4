// The variables a REST mapping template sees, bound through the VTL engine's
// API Gateway helper (vtl/apigateway/mapping_context.h): $input (the body and
// the method request's parameters), $util, $context and $stageVariables.
// Built only when a template that is not plain text renders.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "data-plane/rest/invocation.h"
#include "vtl/apigateway/mapping_context.h"
#include "vtl/template.h"

namespace apigw::dp {

// Binds the variables of one render; `body` is what $input reads (the method
// request body for request templates, the integration response body for
// response templates); `payload_name` names it in JSON errors.
// `request_context`: bind the $context the request template rendered with
// (inv.context.request_template_variables), when there is one, instead of a
// fresh one: response templates do.
void BindTemplateVariables(const Invocation& inv, std::string body, vtl::Context& context,
                           std::string payload_name = "request body", bool request_context = false);

// The $context map a template sees.
vtl::Value ContextValue(const ContextVariables& vars);

// A response override status is used only when it is a status code; AWS
// ignores any other value (LocalStack integration_response.py records it).
std::optional<int> ValidStatusOverride(const vtl::Overrides& overrides);

}  // namespace apigw::dp
