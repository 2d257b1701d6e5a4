// AWS integration URI parsing.
#include "data-plane/rest/aws_service_uri.h"

#include "base/text.h"

namespace apigw::dp {

std::optional<AwsServiceUri> ParseAwsServiceUri(std::string_view uri) {
  // arn : partition : apigateway : region : service : rest
  std::string_view parts[6];
  std::string_view rest = uri;
  for (int i = 0; i < 5; ++i) {
    size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    parts[i] = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  parts[5] = rest;
  if (parts[0] != "arn" || parts[1].empty() || parts[2] != "apigateway" || parts[3].empty() || parts[4].empty())
    return std::nullopt;

  AwsServiceUri out;
  out.region = std::string(parts[3]);
  std::string_view service = parts[4];
  if (size_t dot = service.rfind('.'); dot != std::string_view::npos) {
    out.subdomain = std::string(service.substr(0, dot));
    if (out.subdomain.empty()) return std::nullopt;
    service.remove_prefix(dot + 1);
  }
  if (service.empty()) return std::nullopt;
  out.service = ToLower(service);

  std::string_view tail = parts[5];
  std::string_view query;
  if (size_t q = tail.find('?'); q != std::string_view::npos) {
    query = tail.substr(q + 1);
    tail = tail.substr(0, q);
  }
  if (StartsWith(tail, "path/")) {
    out.style = AwsServiceUri::Style::kPath;
    out.path = std::string(tail.substr(5));
  } else if (StartsWith(tail, "action/")) {
    out.style = AwsServiceUri::Style::kAction;
    tail.remove_prefix(7);
    size_t amp = tail.find('&');
    out.action = std::string(tail.substr(0, amp));
    if (out.action.empty()) return std::nullopt;
    if (amp != std::string_view::npos) out.params = ParseQuery(tail.substr(amp + 1));
  } else {
    return std::nullopt;
  }
  for (auto& p : ParseQuery(query)) out.params.push_back(std::move(p));
  return out;
}

}  // namespace apigw::dp
