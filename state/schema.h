// The state file's schema as an ordered list of migrations, and the check and
// upgrade run when a file is opened (version kept in PRAGMA user_version).
#pragma once

#include <string>
#include <vector>

#include "base/log.h"
#include "base/status_or.h"
#include "state/sqlite.h"

namespace apigw::state {

// One step of the schema: migrations[i] takes a file from version i to i + 1.
// Add a step by appending; never edit a step that has shipped.
struct Migration {
  std::string description;  // one line, logged when the step runs
  std::string sql;          // a script of statements run inside the upgrade transaction
};

// The migrations this program knows; its schema version is their count.
const std::vector<Migration>& SchemaMigrations();

// Written into PRAGMA application_id so a SQLite file of another program is
// never taken for (and migrated into) a state file.
constexpr int kApplicationId = 0x41504757;  // "APGW"

// Checks that `db` holds an apigw-emulator state file no newer than
// `migrations`, then applies the missing steps in one transaction. Returns the
// resulting schema version. `name` names the file in messages and logs.
StatusOr<int> MigrateSchema(Connection& db, const std::vector<Migration>& migrations, const std::string& name,
                            Logger& log);

}  // namespace apigw::state
