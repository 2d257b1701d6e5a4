// The two models every new REST API starts with, "Empty" and "Error", exactly
// as AWS creates them (names, descriptions and schema text).
#pragma once

#include <string_view>

#include "base/ids.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

inline constexpr size_t kModelIdLength = 6;  // AWS model ids look like "x1y2z3"

// Adds the Empty and Error models of API `api_id` to `batch`, with fresh ids.
void AddDefaultModels(state::WriteBatch& batch, std::string_view api_id, IdSource& ids);

}  // namespace apigw::cp::apigateway
