// Choosing templates and integration responses: the request template by
// Content-Type under the integration's passthroughBehavior, the response
// template by Accept, and the integration response by selectionPattern.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "data-plane/rest/compiled_stage.h"

namespace apigw::dp {

struct RequestTemplateChoice {
  const CompiledTemplate* chosen = nullptr;  // nullptr: pass the body through
  bool unsupported = false;                  // answer 415 UNSUPPORTED_MEDIA_TYPE
};

// `content_type` is the request's Content-Type, nullptr when absent (then
// API Gateway assumes application/json).
RequestTemplateChoice ChooseRequestTemplate(const TemplateMap& templates, PassthroughBehavior behavior,
                                            const std::string* content_type);

// The template for a response (nullptr when there are none): the one keyed by
// the request's Accept header, else application/json, else the first.
const std::pair<std::string, CompiledTemplate>* ChooseResponseTemplate(const TemplateMap& templates,
                                                                      const std::string* accept);

// The integration response whose selectionPattern (a Java regex) matches all
// of `selection_value` (the status code as text), else the default one;
// nullptr when neither exists.
const CompiledIntegrationResponse* SelectIntegrationResponse(const CompiledIntegration& integration,
                                                             std::string_view selection_value);

}  // namespace apigw::dp
