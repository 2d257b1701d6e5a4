// Connection and Statement: the sqlite3 C API behind RAII and Status.
#include "state/sqlite.h"

#include <utility>

namespace apigw::state {

namespace {

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  // sqlite3_errmsg describes the last call on the connection; when the failure
  // happened elsewhere (a bind), the result code's own text is the better one.
  const char* message = db != nullptr && sqlite3_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string text = "SQLite: ";
  text += message;
  if (!what.empty()) {
    text += " (";
    text.append(what);
    text += ")";
  }
  return Status::Internal(std::move(text));
}

}  // namespace

// ---- Statement ----

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

void Statement::BindText(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

void Statement::BindBlob(int index, std::string_view bytes) {
  // A null pointer would bind SQL NULL; an empty document is an empty blob.
  int rc = bytes.empty() ? sqlite3_bind_zeroblob(stmt_, index, 0)
                         : sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_STATIC);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

StatusOr<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) return Error(bind_error_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(rc);
}

Status Statement::Run() {
  for (;;) {
    StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

std::string Statement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text == nullptr ? std::string() : std::string(text, sqlite3_column_bytes(stmt_, column));
}

std::string Statement::ColumnBlob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return bytes == nullptr ? std::string() : std::string(bytes, sqlite3_column_bytes(stmt_, column));
}

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

Status Statement::Error(int rc) const {
  const char* sql = sqlite3_sql(stmt_);
  return SqliteError(sqlite3_db_handle(stmt_), rc, sql == nullptr ? "" : sql);
}

// ---- Connection ----

StatusOr<Connection> Connection::Open(const std::string& filename) {
  sqlite3* db = nullptr;
  // NOMUTEX: the Store serializes every use of the connection itself.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc = sqlite3_open_v2(filename.c_str(), &db, flags, nullptr);
  Connection connection(db);  // closes the handle SQLite returns even on failure
  if (rc != SQLITE_OK) return SqliteError(db, rc, "opening " + filename);
  return connection;
}

Connection::~Connection() { sqlite3_close_v2(db_); }

Connection::Connection(Connection&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Status Connection::Exec(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
  return Status::Ok();
}

StatusOr<Statement> Connection::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                              nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
  return Statement(stmt);
}

StatusOr<int64_t> Connection::QueryInt(std::string_view sql) {
  StatusOr<Statement> statement = Prepare(sql);
  if (!statement.ok()) return statement.status();
  StatusOr<bool> row = statement->Step();
  if (!row.ok()) return row.status();
  return *row ? statement->ColumnInt(0) : 0;
}

StatusOr<std::string> Connection::QueryText(std::string_view sql) {
  StatusOr<Statement> statement = Prepare(sql);
  if (!statement.ok()) return statement.status();
  StatusOr<bool> row = statement->Step();
  if (!row.ok()) return row.status();
  return *row ? statement->ColumnText(0) : std::string();
}

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Status Connection::Error(std::string_view what) const {
  return SqliteError(db_, sqlite3_errcode(db_), what);
}

}  // namespace apigw::state
