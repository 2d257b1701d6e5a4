// Parsing and looking up --aws-endpoint entries.
#include "data-plane/aws/aws_endpoints.h"

#include "base/text.h"

namespace apigw::dp {

StatusOr<AwsEndpoints> AwsEndpoints::Parse(const std::vector<std::string>& entries) {
  AwsEndpoints out;
  for (const std::string& entry : entries) {
    for (const std::string& part : Split(entry, ',')) {
      std::string_view item = Trim(part);
      if (item.empty()) continue;
      std::string_view service;
      std::string_view url = item;
      size_t equals = item.find('=');
      size_t scheme = item.find("://");
      if (equals != std::string_view::npos && (scheme == std::string_view::npos || equals < scheme)) {
        service = Trim(item.substr(0, equals));
        url = Trim(item.substr(equals + 1));
        if (service.empty())
          return Status::BadRequest("aws endpoint '" + std::string(item) + "' names no service before '='");
      }
      if (!(StartsWith(url, "http://") || StartsWith(url, "https://")) ||
          url.size() <= url.find("://") + 3) {
        return Status::BadRequest("aws endpoint '" + std::string(item) +
                                  "' is not [service=]http(s)://host[:port]");
      }
      std::string base(url);
      while (!base.empty() && base.back() == '/') base.pop_back();
      if (service.empty()) {
        out.fallback_ = std::move(base);
      } else {
        out.by_service_[ToLower(service)] = std::move(base);
      }
    }
  }
  return out;
}

const std::string* AwsEndpoints::Find(std::string_view service) const {
  auto it = by_service_.find(service);
  if (it == by_service_.end() && !service.empty()) it = by_service_.find(ToLower(service));
  if (it != by_service_.end()) return &it->second;
  return fallback_ ? &*fallback_ : nullptr;
}

}  // namespace apigw::dp
