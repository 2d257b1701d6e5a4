// The integration URI of one request: {name} placeholders filled with
// integration.request.path values, encoded so that no value can leave the
// path the API's author wrote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "data-plane/rest/compiled_stage.h"

namespace apigw::dp {

struct PathValue {
  std::string name;
  std::string value;        // decoded
  bool keep_slashes = false;  // from a greedy {proxy+}: its slashes stay separators
};

// Percent-encodes `value` for a URI path: every byte outside RFC 3986's
// unreserved set, '/' too unless `keep_slashes`; a segment that is exactly "."
// or ".." is written %2E / %2E%2E so that it is never a dot-segment.
std::string EncodePathValue(std::string_view value, bool keep_slashes);

// Fills the placeholders; one without a value stays as written ("{name}").
std::string RenderIntegrationUri(const std::vector<UriPiece>& pieces, const std::vector<PathValue>& values);

}  // namespace apigw::dp
