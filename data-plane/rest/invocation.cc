// Invocation look-ups.
#include "data-plane/rest/invocation.h"

namespace apigw::dp {

const std::string* Invocation::QueryValue(std::string_view name) const {
  const std::string* found = nullptr;
  for (const auto& [k, v] : query) {
    if (k == name) found = &v;  // AWS keeps the last value of a repeated parameter
  }
  return found;
}

const std::string* Invocation::PathParam(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return &v;
  }
  return nullptr;
}

}  // namespace apigw::dp
