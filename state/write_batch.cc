// WriteBatch and the Store's single-record conveniences.
#include "state/store.h"

namespace apigw::state {

void WriteBatch::Put(std::string_view kind, std::string_view scope, std::string_view id, std::string doc) {
  ops_.push_back({OpType::kPut, std::string(kind), std::string(scope), std::string(id), std::move(doc)});
}

void WriteBatch::Delete(std::string_view kind, std::string_view scope, std::string_view id) {
  ops_.push_back({OpType::kDelete, std::string(kind), std::string(scope), std::string(id), {}});
}

void WriteBatch::DeleteScopeTree(std::string_view scope) {
  ops_.push_back({OpType::kDeleteScopeTree, {}, std::string(scope), {}, {}});
}

Status Store::Put(std::string_view kind, std::string_view scope, std::string_view id, std::string doc) {
  WriteBatch batch;
  batch.Put(kind, scope, id, std::move(doc));
  return Apply(batch);
}

Status Store::Delete(std::string_view kind, std::string_view scope, std::string_view id) {
  WriteBatch batch;
  batch.Delete(kind, scope, id);
  return Apply(batch);
}

}  // namespace apigw::state
