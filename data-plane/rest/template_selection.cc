// Template and integration-response selection. The passthrough rules follow
// the developer guide's table ("Method request behavior for payloads without
// mapping templates for REST APIs"): with no Content-Type API Gateway assumes
// application/json; WHEN_NO_MATCH passes unmatched bodies through;
// WHEN_NO_TEMPLATES passes through only when no template is defined; NEVER
// rejects every unmatched content type with 415.
#include "data-plane/rest/template_selection.h"

#include "base/text.h"

namespace apigw::dp {

namespace {

// "application/json; charset=utf-8" -> "application/json".
std::string_view MediaType(std::string_view content_type) {
  size_t semi = content_type.find(';');
  return Trim(content_type.substr(0, semi));
}

const std::pair<std::string, CompiledTemplate>* FindTemplate(const TemplateMap& templates, std::string_view type) {
  for (const auto& entry : templates)
    if (entry.first == type) return &entry;
  std::string_view media = MediaType(type);
  for (const auto& entry : templates)
    if (EqualsIgnoreCase(MediaType(entry.first), media)) return &entry;
  return nullptr;
}

}  // namespace

RequestTemplateChoice ChooseRequestTemplate(const TemplateMap& templates, PassthroughBehavior behavior,
                                            const std::string* content_type) {
  std::string_view type = content_type ? std::string_view(*content_type) : std::string_view("application/json");
  if (const auto* found = FindTemplate(templates, type)) return {&found->second, false};
  switch (behavior) {
    case PassthroughBehavior::kWhenNoMatch:
      return {nullptr, false};
    case PassthroughBehavior::kWhenNoTemplates:
      return {nullptr, !templates.empty()};
    case PassthroughBehavior::kNever:
      return {nullptr, true};
  }
  return {nullptr, false};
}

const std::pair<std::string, CompiledTemplate>* ChooseResponseTemplate(const TemplateMap& templates,
                                                                      const std::string* accept) {
  if (templates.empty()) return nullptr;
  if (accept != nullptr) {
    for (const auto& entry : templates)
      if (entry.first == *accept) return &entry;
  }
  for (const auto& entry : templates)
    if (entry.first == "application/json") return &entry;
  return &templates.front();
}

const CompiledIntegrationResponse* SelectIntegrationResponse(const CompiledIntegration& integration,
                                                             std::string_view selection_value) {
  for (const CompiledIntegrationResponse& r : integration.responses) {
    if (!r.pattern) continue;
    // Matcher.matches(): the pattern must match the whole value.
    vtl::JavaRegex::Match m;
    StatusOr<bool> matched = r.pattern->Find(selection_value, 0, true, &m);
    if (matched.ok() && *matched) return &r;
  }
  if (integration.default_response >= 0) return &integration.responses[size_t(integration.default_response)];
  return nullptr;
}

}  // namespace apigw::dp
