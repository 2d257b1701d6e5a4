// The status code a MOCK integration answers with: the "statusCode" member of
// the integration request body (the rendered request template).
#pragma once

#include <optional>
#include <string_view>

namespace apigw::dp {

// Reads the top-level statusCode of `body` when it is an integer. The body
// need not be strict JSON: AWS also accepts the `{ statusCode: 200 }` that
// CDK's CORS preflight MOCK template sends (unquoted or single-quoted keys).
std::optional<int> ParseMockStatusCode(std::string_view body);

}  // namespace apigw::dp
