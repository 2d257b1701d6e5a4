// SqliteStore: the Store on one SQLite connection guarded by a mutex, with
// its statements prepared once; and Store::Open.
#include "state/sqlite_store.h"

#include <filesystem>
#include <mutex>
#include <system_error>
#include <utility>

#include "state/lock_file.h"
#include "state/record_sql.h"
#include "state/sqlite.h"

namespace apigw::state {

namespace {

// How long a statement waits for a lock held by another connection before
// failing with SQLITE_BUSY. The lock file keeps other emulators out, so this
// only covers tools (the sqlite3 shell) reading the file meanwhile.
constexpr int kBusyTimeoutMs = 5000;
// After a checkpoint the WAL file is truncated to this size, so storing a
// large code blob once does not leave a WAL file that large forever.
constexpr int kWalSizeLimitBytes = 64 << 20;

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<LockFile> lock, Connection db, int schema_version, Logger& log)
      : lock_(std::move(lock)), db_(std::move(db)), schema_version_(schema_version), log_(log) {}

  Status PrepareStatements() {
    struct Entry {
      Statement* statement;
      std::string_view sql;
    };
    const Entry entries[] = {{&put_, kPutSql},   {&delete_, kDeleteSql},   {&delete_tree_, kDeleteTreeSql},
                             {&get_, kGetSql},   {&list_, kListSql},       {&list_kind_, kListKindSql},
                             {&begin_, "BEGIN IMMEDIATE"}, {&commit_, "COMMIT"}, {&rollback_, "ROLLBACK"}};
    for (const Entry& entry : entries) {
      StatusOr<Statement> prepared = db_.Prepare(entry.sql);
      if (!prepared.ok()) return prepared.status();
      *entry.statement = std::move(prepared).value();
    }
    return Status::Ok();
  }

  StatusOr<std::optional<std::string>> Get(std::string_view kind, std::string_view scope,
                                           std::string_view id) override {
    std::lock_guard<std::mutex> lock(mu_);
    StatementReset reset(get_);
    get_.BindText(1, kind);
    get_.BindText(2, scope);
    get_.BindText(3, id);
    StatusOr<bool> row = get_.Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(get_.ColumnBlob(0));
  }

  StatusOr<std::vector<Record>> List(std::string_view kind, std::string_view scope) override {
    std::lock_guard<std::mutex> lock(mu_);
    StatementReset reset(list_);
    list_.BindText(1, kind);
    list_.BindText(2, scope);
    std::vector<Record> records;
    for (;;) {
      StatusOr<bool> row = list_.Step();
      if (!row.ok()) return row.status();
      if (!*row) return records;
      records.push_back({std::string(kind), std::string(scope), list_.ColumnText(0), list_.ColumnBlob(1)});
    }
  }

  StatusOr<std::vector<Record>> ListKind(std::string_view kind) override {
    std::lock_guard<std::mutex> lock(mu_);
    StatementReset reset(list_kind_);
    list_kind_.BindText(1, kind);
    std::vector<Record> records;
    for (;;) {
      StatusOr<bool> row = list_kind_.Step();
      if (!row.ok()) return row.status();
      if (!*row) return records;
      records.push_back({std::string(kind), list_kind_.ColumnText(0), list_kind_.ColumnText(1),
                         list_kind_.ColumnBlob(2)});
    }
  }

  Status Apply(const WriteBatch& batch) override {
    if (batch.empty()) return Status::Ok();
    std::lock_guard<std::mutex> lock(mu_);
    APIGW_RETURN_IF_ERROR(RunCached(begin_));
    const auto& ops = batch.ops();
    for (size_t i = 0; i < ops.size(); ++i) {
      Status applied = ApplyOp(ops[i]);
      if (!applied.ok()) {
        return RollBack(Status::Internal("state: write " + std::to_string(i + 1) + " of " +
                                         std::to_string(ops.size()) + " (" + Describe(ops[i]) +
                                         ") failed, nothing written: " + applied.message()));
      }
    }
    // OK only once COMMIT has returned: the transaction is then in the WAL,
    // which survives the process being killed.
    Status committed = RunCached(commit_);
    if (!committed.ok()) {
      return RollBack(Status::Internal("state: commit failed, nothing written: " + committed.message()));
    }
    return Status::Ok();
  }

  int schema_version() const override { return schema_version_; }

 private:
  static Status RunCached(Statement& statement) {
    StatementReset reset(statement);
    return statement.Run();
  }

  static std::string Describe(const WriteBatch::Op& op) {
    switch (op.type) {
      case WriteBatch::OpType::kPut: return "put " + op.kind + " " + op.scope + "/" + op.id;
      case WriteBatch::OpType::kDelete: return "delete " + op.kind + " " + op.scope + "/" + op.id;
      case WriteBatch::OpType::kDeleteScopeTree: return "delete scope tree " + op.scope;
    }
    return "unknown write";
  }

  Status ApplyOp(const WriteBatch::Op& op) {
    switch (op.type) {
      case WriteBatch::OpType::kPut: {
        StatementReset reset(put_);
        put_.BindText(1, op.kind);
        put_.BindText(2, op.scope);
        put_.BindText(3, op.id);
        put_.BindBlob(4, op.doc);
        return put_.Run();
      }
      case WriteBatch::OpType::kDelete: {
        StatementReset reset(delete_);
        delete_.BindText(1, op.kind);
        delete_.BindText(2, op.scope);
        delete_.BindText(3, op.id);
        return delete_.Run();
      }
      case WriteBatch::OpType::kDeleteScopeTree: {
        const std::string first = op.scope + "/";
        const std::string past = op.scope + "0";
        StatementReset reset(delete_tree_);
        delete_tree_.BindText(1, op.scope);
        delete_tree_.BindText(2, first);
        delete_tree_.BindText(3, past);
        return delete_tree_.Run();
      }
    }
    return Status::Internal("state: unknown write operation");
  }

  // Ends the failed transaction, if SQLite has not already rolled it back
  // (it does on some I/O errors), and returns `cause`.
  Status RollBack(Status cause) {
    if (db_.InTransaction()) {
      Status rolled_back = RunCached(rollback_);
      if (!rolled_back.ok()) log_.Error("state", "rollback failed: " + rolled_back.message());
    }
    return cause;
  }

  // Members are destroyed in reverse order: statements, then the connection
  // (which checkpoints the WAL), and the lock last, once the file is at rest.
  const std::unique_ptr<LockFile> lock_;  // null in memory
  std::mutex mu_;                         // guards db_ and every statement
  Connection db_;
  Statement put_, delete_, delete_tree_, get_, list_, list_kind_, begin_, commit_, rollback_;
  const int schema_version_;
  Logger& log_;
};

Status CreateParentFolder(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return Status::Ok();
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) {
    return Status::Internal("cannot create the folder " + parent.string() + " of state file " + path + ": " +
                            error.message());
  }
  return Status::Ok();
}

// Journal settings of a file-backed database. Run after the schema check, so
// a file this program refuses is not converted to WAL first.
Status ConfigureJournal(Connection& db, const std::string& path, Logger& log) {
  StatusOr<std::string> mode = db.QueryText("PRAGMA journal_mode = WAL");
  if (!mode.ok()) return mode.status();
  if (*mode != "wal") {
    // Still crash-safe for the process (commits reach the OS either way), just slower.
    log.Warn("state", path + ": WAL journal unavailable on this filesystem, using " + *mode);
  }
  // Debian's build defaults WAL to FULL (an fsync per commit, ~8k commits/s);
  // NORMAL (~69k/s) keeps every committed transaction across a process crash,
  // though not across power loss.
  APIGW_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL"));
  return db.Exec("PRAGMA journal_size_limit = " + std::to_string(kWalSizeLimitBytes));
}

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options, Logger& log,
                                                 const std::vector<Migration>& migrations) {
  const bool in_memory = options.in_memory || options.path == ":memory:";
  const std::string filename = in_memory ? ":memory:" : options.path;
  if (!in_memory && options.path.empty()) return Status::Internal("state file path is empty");

  std::unique_ptr<LockFile> lock;
  if (!in_memory) {
    APIGW_RETURN_IF_ERROR(CreateParentFolder(filename));
    StatusOr<std::unique_ptr<LockFile>> locked = LockFile::Acquire(filename + ".lock", filename);
    if (!locked.ok()) return locked.status();
    lock = std::move(locked).value();
  }

  StatusOr<Connection> db = Connection::Open(filename);
  if (!db.ok()) {
    return Status::Internal("cannot open state file " + filename + ": " + db.status().message());
  }
  APIGW_RETURN_IF_ERROR(db->Exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs)));
  StatusOr<int> version = MigrateSchema(*db, migrations, filename, log);
  if (!version.ok()) return version.status();
  if (!in_memory) APIGW_RETURN_IF_ERROR(ConfigureJournal(*db, filename, log));

  auto store = std::make_unique<SqliteStore>(std::move(lock), std::move(db).value(), *version, log);
  APIGW_RETURN_IF_ERROR(store->PrepareStatements());
  log.Info("state", (in_memory ? std::string("in memory") : filename) + ", schema version " +
                        std::to_string(*version));
  return std::unique_ptr<Store>(std::move(store));
}

StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& options, Logger& log) {
  return OpenSqliteStore(options, log, SchemaMigrations());
}

}  // namespace apigw::state
