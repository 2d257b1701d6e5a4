// ResourceTree: the resources of one API as a tree.
#include "control-plane/apigateway/resource_tree.h"

#include "control-plane/apigateway/path_part.h"
#include "control-plane/apigateway/rest_records.h"

namespace apigw::cp::apigateway {

StatusOr<ResourceTree> ResourceTree::Load(state::Store& store, std::string_view api_id) {
  auto docs = LoadAll(store, kind::kResource, api_id);
  if (!docs.ok()) return docs.status();
  ResourceTree tree;
  tree.docs_ = std::move(docs).value();
  for (size_t i = 0; i < tree.docs_.size(); ++i) {
    const JsonDoc& doc = tree.docs_[i];
    tree.by_id_[GetString(doc, "id").value_or("")] = i;
    if (auto parent = GetString(doc, "parentId")) tree.by_parent_[*parent].push_back(i);
  }
  return tree;
}

JsonDoc* ResourceTree::Find(std::string_view id) {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &docs_[it->second];
}

const JsonDoc* ResourceTree::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &docs_[it->second];
}

void ResourceTree::SetParent(std::string_view id, std::string_view parent_id) {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return;
  const size_t index = it->second;
  JsonDoc& doc = docs_[index];
  if (auto old = GetString(doc, "parentId")) {
    std::vector<size_t>& siblings = by_parent_[*old];
    for (auto s = siblings.begin(); s != siblings.end(); ++s) {
      if (*s == index) {
        siblings.erase(s);
        break;
      }
    }
  }
  SetString(doc, "parentId", parent_id, doc.GetAllocator());
  // Children are listed in creation order, as GetResources lists them.
  std::vector<size_t>& children = by_parent_[std::string(parent_id)];
  auto pos = children.begin();
  while (pos != children.end() && *pos < index) ++pos;
  children.insert(pos, index);
}

std::vector<std::string> ResourceTree::Children(std::string_view id) const {
  std::vector<std::string> out;
  auto it = by_parent_.find(std::string(id));
  if (it == by_parent_.end()) return out;
  for (size_t i : it->second) out.push_back(GetString(docs_[i], "id").value_or(""));
  return out;
}

std::vector<std::string> ResourceTree::Subtree(std::string_view id) const {
  std::vector<std::string> out;
  if (!Find(id)) return out;
  out.emplace_back(id);
  // Breadth-first over a growing list: parents always precede their children.
  for (size_t next = 0; next < out.size(); ++next) {
    for (std::string& child : Children(out[next])) out.push_back(std::move(child));
  }
  return out;
}

Status CheckSiblings(const ResourceTree& tree, std::string_view parent_id, std::string_view part,
                     std::string_view self_id) {
  for (const std::string& sibling_id : tree.Children(parent_id)) {
    if (sibling_id == self_id) continue;
    std::string sibling = GetString(*tree.Find(sibling_id), "pathPart").value_or("");
    if (sibling == part)
      return Status::Conflict("Another resource with the same parent already has this name: " + std::string(part));
  }
  if (!IsVariablePathPart(part)) return Status::Ok();
  for (const std::string& sibling_id : tree.Children(parent_id)) {
    if (sibling_id == self_id) continue;
    std::string sibling = GetString(*tree.Find(sibling_id), "pathPart").value_or("");
    if (IsVariablePathPart(sibling)) {
      return Status::BadRequest("A sibling (" + sibling +
                                ") of this resource already has a variable path part -- only one is allowed");
    }
  }
  return Status::Ok();
}

}  // namespace apigw::cp::apigateway
