// ResourceTree: every resource of one REST API, loaded together and indexed
// by id and by parent, for the operations that need children, subtrees or
// paths (creating, moving and deleting resources; finding model users).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"
#include "base/status_or.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

class ResourceTree {
 public:
  // Every resource record of `api_id`, in creation order.
  static StatusOr<ResourceTree> Load(state::Store& store, std::string_view api_id);

  // The resource document, or nullptr.
  JsonDoc* Find(std::string_view id);
  const JsonDoc* Find(std::string_view id) const;
  // Ids of the direct children of `id`, in creation order.
  std::vector<std::string> Children(std::string_view id) const;
  // `id` and every resource below it, parents before children.
  std::vector<std::string> Subtree(std::string_view id) const;
  // Every resource, in creation order.
  const std::vector<JsonDoc>& resources() const { return docs_; }

  // Moves resource `id` under `parent_id` (both must exist), in the document
  // and the index; paths are left to the caller.
  void SetParent(std::string_view id, std::string_view parent_id);

 private:
  std::vector<JsonDoc> docs_;
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, std::vector<size_t>> by_parent_;
};

// Checks that `part` may be added under `parent_id`: AWS answers
// ConflictException for a sibling of the same name and BadRequestException
// for a second variable path part among siblings. `self_id` (moving a
// resource) is not its own sibling.
Status CheckSiblings(const ResourceTree& tree, std::string_view parent_id, std::string_view part,
                     std::string_view self_id = {});

}  // namespace apigw::cp::apigateway
