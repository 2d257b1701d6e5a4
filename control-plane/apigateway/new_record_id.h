// A fresh id for a record of one kind in one scope (authorizers, request
// validators): drawn from the IdSource until none of that kind holds it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/ids.h"
#include "base/status_or.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

// AWS's authorizer and request validator ids have 6 characters ("x1y2z3").
inline constexpr size_t kShortIdLength = 6;

StatusOr<std::string> NewRecordId(state::Store& store, IdSource& ids, std::string_view kind, std::string_view scope,
                                  size_t length = kShortIdLength);

}  // namespace apigw::cp::apigateway
