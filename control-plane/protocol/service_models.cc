// ServiceModels: lazy, once-only parsing of each service model.
#include "control-plane/protocol/service_models.h"

#include "control-plane/protocol/embedded_models.h"

namespace apigw::cp {

std::unique_ptr<ServiceModels> ServiceModels::Embedded() {
  std::map<std::string, std::string_view> json;
  for (const EmbeddedModel& m : EmbeddedModels()) json.emplace(std::string(m.service), m.json);
  return std::make_unique<ServiceModels>(std::move(json));
}

ServiceModels::ServiceModels(std::map<std::string, std::string_view> json_by_service) {
  for (auto& [name, json] : json_by_service) {
    auto entry = std::make_unique<Entry>();
    entry->json = json;
    entries_.emplace(name, std::move(entry));
  }
}

const ServiceModels::Entry* ServiceModels::Load(std::string_view service) const {
  auto it = entries_.find(service);
  if (it == entries_.end()) return nullptr;
  Entry* e = it->second.get();
  std::call_once(e->once, [e, &it] {
    StatusOr<std::unique_ptr<ServiceModel>> parsed = ServiceModel::Parse(it->first, e->json);
    if (parsed.ok())
      e->model = std::move(parsed).value();
    else
      e->status = parsed.status();
  });
  return e;
}

const ServiceModel* ServiceModels::Get(std::string_view service) const {
  const Entry* e = Load(service);
  return e ? e->model.get() : nullptr;
}

Status ServiceModels::LoadStatus(std::string_view service) const {
  const Entry* e = Load(service);
  if (!e) return Status::Internal("no model for service " + std::string(service));
  return e->status;
}

std::vector<std::string> ServiceModels::names() const {
  std::vector<std::string> out;
  for (const auto& [name, entry] : entries_) out.push_back(name);
  return out;
}

}  // namespace apigw::cp
