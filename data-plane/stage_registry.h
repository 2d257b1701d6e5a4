// StageRegistry: the stages the data plane serves. Publishing compiles a stage
// once, outside any lock, and swaps it in copy-on-write; a request takes one
// immutable snapshot and never waits for a compilation.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/log.h"
#include "data-plane/rest/compiled_stage.h"
#include "deployment/published_stage.h"

namespace apigw::dp {

class StageRegistry {
 public:
  explicit StageRegistry(Logger& log) : log_(log), map_(std::make_shared<const Map>()) {}

  // What the DataPlane's StageSink forwards. Thread-safe; Publish compiles
  // before taking the lock.
  void Publish(PublishedStage stage);
  void Unpublish(const std::string& api_id, const std::string& stage_name);
  void UnpublishApi(const std::string& api_id);

  // The REST stage `stage_name` of `api_id`, or nullptr. API ids match
  // exactly, else case-insensitively (custom ids may be cased).
  std::shared_ptr<const CompiledStage> FindRest(std::string_view api_id, std::string_view stage_name) const;

 private:
  // api id -> stage name -> compiled stage.
  using Map = std::map<std::string, std::map<std::string, std::shared_ptr<const CompiledStage>, std::less<>>,
                       std::less<>>;

  std::shared_ptr<const Map> Snapshot() const;
  template <class Edit>
  void Modify(Edit edit);

  Logger& log_;
  mutable std::mutex mu_;          // guards map_ (the pointer, held only to copy or swap it)
  std::shared_ptr<const Map> map_;
};

}  // namespace apigw::dp
