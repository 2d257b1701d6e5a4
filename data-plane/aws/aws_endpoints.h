// AwsEndpoints: where AWS service integrations send each service's requests,
// from the repeatable --aws-endpoint flag (APIGW_AWS_ENDPOINTS): an entry
// "dynamodb=http://localhost:8000" serves one service, an entry without
// "service=" serves every service that has none of its own.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status_or.h"

namespace apigw::dp {

class AwsEndpoints {
 public:
  // Each entry may hold several, comma-separated. A later entry replaces an
  // earlier one for the same service. Fails on an entry that is not
  // "[service=]http(s)://host[:port][/path]".
  static StatusOr<AwsEndpoints> Parse(const std::vector<std::string>& entries);

  // The base URL for `service` ("dynamodb", as in the integration URI), without
  // a trailing slash; nullptr when none is configured.
  const std::string* Find(std::string_view service) const;
  bool empty() const { return by_service_.empty() && !fallback_; }

 private:
  std::map<std::string, std::string, std::less<>> by_service_;
  std::optional<std::string> fallback_;
};

}  // namespace apigw::dp
