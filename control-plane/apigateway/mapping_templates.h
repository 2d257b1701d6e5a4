// Mapping template maps (content type -> VTL text) as AWS keeps them: an
// empty template is stored, and answered, as null.
#pragma once

#include <string_view>

#include "base/json.h"

namespace apigw::cp::apigateway {

// A copy of `templates` (an object) with every empty template made null.
JsonValue StoredTemplates(const JsonValue& templates, JsonAlloc& alloc);
// One template as stored: null when empty.
JsonValue StoredTemplate(std::string_view text, JsonAlloc& alloc);

}  // namespace apigw::cp::apigateway
