// The schema migrations and the upgrade of a state file at open.
#include "state/schema.h"

#include <string>

namespace apigw::state {

const std::vector<Migration>& SchemaMigrations() {
  static const std::vector<Migration> kMigrations = {
      // Version 1. `seq` is the rowid: a new row gets one more than the largest
      // rowid, so ordering by it gives creation order, and an upsert
      // (ON CONFLICT DO UPDATE) keeps a replaced record's row and place. A rowid
      // table rather than WITHOUT ROWID because documents can be tens of MB.
      // The unique index serves Get, the upsert and ListKind(kind) (which then
      // sorts: it is rare). records_by_scope serves DeleteScopeTree's range on
      // scope and List(kind, scope): its entries end with the rowid, so rows of
      // one (scope, kind) come out in creation order without a sort.
      {"records: documents keyed by (kind, scope, id), in creation order",
       "CREATE TABLE records("
       "  seq   INTEGER PRIMARY KEY,"
       "  kind  TEXT NOT NULL CHECK (kind <> ''),"
       "  scope TEXT NOT NULL,"
       "  id    TEXT NOT NULL CHECK (id <> ''),"
       "  doc   BLOB NOT NULL,"
       "  UNIQUE (kind, scope, id));"
       "CREATE INDEX records_by_scope ON records(scope, kind);"},
  };
  return kMigrations;
}

namespace {

Status NotOurs(const std::string& name, const std::string& why) {
  return Status::Internal("state file " + name + " is not an apigw-emulator state file (" + why +
                          "); start with --state <other file> or --in-memory");
}

// Rolls back an open transaction when the upgrade stops half way.
Status Abandon(Connection& db, Status cause) {
  if (db.InTransaction()) db.Exec("ROLLBACK").ok();  // the cause is the error worth reporting
  return cause;
}

}  // namespace

StatusOr<int> MigrateSchema(Connection& db, const std::vector<Migration>& migrations, const std::string& name,
                            Logger& log) {
  const int latest = static_cast<int>(migrations.size());
  // BEGIN IMMEDIATE: the version read and the upgrade are one unit even if a
  // second process got past the lock file (e.g. on a filesystem without flock).
  // The first read of the file: a file that is not a database fails here.
  Status readable = db.QueryInt("PRAGMA application_id").status();
  if (!readable.ok()) {
    return Status::Internal("state file " + name + " cannot be read as a SQLite database (" + readable.message() +
                            "); start with --state <other file> or --in-memory");
  }
  APIGW_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  StatusOr<int64_t> app_id = db.QueryInt("PRAGMA application_id");
  if (!app_id.ok()) return Abandon(db, app_id.status());
  StatusOr<int64_t> version = db.QueryInt("PRAGMA user_version");
  if (!version.ok()) return Abandon(db, version.status());

  if (*app_id != 0 && *app_id != kApplicationId) {
    return Abandon(db, NotOurs(name, "its SQLite application_id is " + std::to_string(*app_id)));
  }
  if (*app_id == 0) {
    // A fresh file is empty; a SQLite file with tables but not our id belongs
    // to another program, and creating our tables in it would damage it.
    StatusOr<int64_t> objects = db.QueryInt("SELECT count(*) FROM sqlite_schema");
    if (!objects.ok()) return Abandon(db, objects.status());
    if (*objects != 0 || *version != 0) {
      return Abandon(db, NotOurs(name, "a SQLite database of another program"));
    }
  }
  if (*version > latest) {
    return Abandon(db, Status::Internal("state file " + name + " has schema version " + std::to_string(*version) +
                                        ", newer than this apigw-emulator knows (" + std::to_string(latest) +
                                        "); run a newer apigw-emulator, or start with --state <other file> or "
                                        "--in-memory"));
  }

  for (int step = static_cast<int>(*version); step < latest; ++step) {
    const Migration& migration = migrations[step];
    log.Info("state", name + ": schema version " + std::to_string(step + 1) + ": " + migration.description);
    Status applied = db.Exec(migration.sql);
    if (!applied.ok()) {
      return Abandon(db, Status::Internal("state file " + name + ": migration to schema version " +
                                          std::to_string(step + 1) + " failed: " + applied.message()));
    }
  }
  if (*version != latest) {
    // PRAGMAs take no parameters; both values are integers we formatted.
    Status stamped = db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId) +
                             "; PRAGMA user_version = " + std::to_string(latest));
    if (!stamped.ok()) return Abandon(db, stamped);
  }
  Status committed = db.Exec("COMMIT");
  if (!committed.ok()) return Abandon(db, committed);
  return latest;
}

}  // namespace apigw::state
