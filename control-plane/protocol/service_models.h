// ServiceModels: the set of service models the emulator speaks, each parsed
// from its JSON on first use (startup stays fast) and immutable afterwards.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "control-plane/protocol/service_model.h"

namespace apigw::cp {

class ServiceModels {
 public:
  // The models compiled into the binary.
  static std::unique_ptr<ServiceModels> Embedded();
  // Models from JSON text keyed by service name (tests).
  explicit ServiceModels(std::map<std::string, std::string_view> json_by_service);
  ServiceModels(const ServiceModels&) = delete;
  ServiceModels& operator=(const ServiceModels&) = delete;

  // The parsed model, or nullptr for an unknown service or a model that fails
  // to parse (see LoadStatus). Thread-safe; parses at most once.
  const ServiceModel* Get(std::string_view service) const;
  Status LoadStatus(std::string_view service) const;
  std::vector<std::string> names() const;

 private:
  struct Entry {
    std::string_view json;
    std::once_flag once;
    std::unique_ptr<ServiceModel> model;
    Status status;
  };
  const Entry* Load(std::string_view service) const;
  std::map<std::string, std::unique_ptr<Entry>, std::less<>> entries_;
};

}  // namespace apigw::cp
