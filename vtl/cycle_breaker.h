// CycleBreaker: what a render made that may hold itself through shared
// references, which reference counting alone would never free: lists and maps
// a template made contain themselves ($l.add($l)), and JSON trees whose
// materialized lists and maps were given values that reach back to the tree.
// The Context owns it; it empties them when the last copy of the Context goes.
#pragma once

#include <memory>
#include <vector>

#include "vtl/value.h"

namespace apigw::vtl {

class CycleBreaker {
 public:
  CycleBreaker() = default;
  CycleBreaker(const CycleBreaker&) = delete;
  CycleBreaker& operator=(const CycleBreaker&) = delete;
  ~CycleBreaker();

  void AddContainer(Value list_or_map) { containers_.push_back(std::move(list_or_map)); }
  void AddTree(std::weak_ptr<JsonTree> tree) { trees_.push_back(std::move(tree)); }

 private:
  std::vector<Value> containers_;
  std::vector<std::weak_ptr<JsonTree>> trees_;
};

}  // namespace apigw::vtl
