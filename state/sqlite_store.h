// Opening the SQLite Store with a given list of migrations: Store::Open passes
// SchemaMigrations(); tests pass longer or shorter lists to make older and
// newer files.
#pragma once

#include <memory>
#include <vector>

#include "state/schema.h"
#include "state/store.h"

namespace apigw::state {

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options, Logger& log,
                                                 const std::vector<Migration>& migrations);

}  // namespace apigw::state
