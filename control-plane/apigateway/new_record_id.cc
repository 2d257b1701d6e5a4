// Drawing record ids that are not taken yet.
#include "control-plane/apigateway/new_record_id.h"

namespace apigw::cp::apigateway {

StatusOr<std::string> NewRecordId(state::Store& store, IdSource& ids, std::string_view kind, std::string_view scope,
                                  size_t length) {
  // 36^6 ids: a handful of tries only fails with a broken IdSource.
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string id = ids.LowerAlnum(length);
    auto taken = store.Get(kind, scope, id);
    if (!taken.ok()) return taken.status();
    if (!taken->has_value()) return id;
  }
  return Status::Internal("could not find a free " + std::string(kind) + " id");
}

}  // namespace apigw::cp::apigateway
