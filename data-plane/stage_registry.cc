// StageRegistry: copy-on-write publication of compiled stages.
#include "data-plane/stage_registry.h"

#include "base/text.h"
#include "data-plane/rest/compile_stage.h"

namespace apigw::dp {

std::shared_ptr<const StageRegistry::Map> StageRegistry::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return map_;
}

// Copies the map, edits the copy, and swaps it in. Concurrent modifications
// are serialized by re-checking that the map did not change meanwhile.
template <class Edit>
void StageRegistry::Modify(Edit edit) {
  while (true) {
    std::shared_ptr<const Map> before = Snapshot();
    auto after = std::make_shared<Map>(*before);
    edit(*after);
    std::lock_guard<std::mutex> lock(mu_);
    if (map_ == before) {
      map_ = std::move(after);
      return;
    }
  }
}

void StageRegistry::Publish(PublishedStage stage) {
  if (stage.protocol != ApiProtocol::kRest) {
    log_.Debug("data-plane", "not serving " + stage.api_id + "/" + stage.stage_name + ": not a REST API");
    return;
  }
  StatusOr<std::shared_ptr<const CompiledStage>> compiled = CompileRestStage(stage, log_);
  if (!compiled.ok()) {
    log_.Error("data-plane", "cannot serve " + stage.api_id + "/" + stage.stage_name + ": " +
                                 compiled.status().message());
    return;
  }
  std::shared_ptr<const CompiledStage> value = std::move(compiled).value();
  Modify([&](Map& map) { map[stage.api_id][stage.stage_name] = value; });
  log_.Debug("data-plane", "serving " + stage.api_id + "/" + stage.stage_name);
}

void StageRegistry::Unpublish(const std::string& api_id, const std::string& stage_name) {
  Modify([&](Map& map) {
    auto api = map.find(api_id);
    if (api == map.end()) return;
    api->second.erase(stage_name);
    if (api->second.empty()) map.erase(api);
  });
}

void StageRegistry::UnpublishApi(const std::string& api_id) {
  Modify([&](Map& map) { map.erase(api_id); });
}

std::shared_ptr<const CompiledStage> StageRegistry::FindRest(std::string_view api_id,
                                                             std::string_view stage_name) const {
  std::shared_ptr<const Map> map = Snapshot();
  auto api = map->find(api_id);
  if (api == map->end()) {
    for (auto it = map->begin(); it != map->end(); ++it) {
      if (EqualsIgnoreCase(it->first, api_id)) {
        api = it;
        break;
      }
    }
    if (api == map->end()) return nullptr;
  }
  auto stage = api->second.find(stage_name);
  if (stage == api->second.end()) return nullptr;
  return stage->second;
}

}  // namespace apigw::dp
