// Mapping template maps as stored.
#include "control-plane/apigateway/mapping_templates.h"

namespace apigw::cp::apigateway {

JsonValue StoredTemplates(const JsonValue& templates, JsonAlloc& alloc) {
  JsonValue out(templates, alloc);
  if (!out.IsObject()) return out;
  for (auto& t : out.GetObject())
    if (t.value.IsString() && t.value.GetStringLength() == 0) t.value.SetNull();
  return out;
}

JsonValue StoredTemplate(std::string_view text, JsonAlloc& alloc) {
  return text.empty() ? JsonValue() : JsonString(text, alloc);
}

}  // namespace apigw::cp::apigateway
