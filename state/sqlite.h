// RAII handles over the sqlite3 C API (a connection and its prepared
// statements) that turn SQLite failures into InternalFailure Statuses carrying
// sqlite3_errmsg. Not thread-safe: the owner serializes use.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status_or.h"

namespace apigw::state {

// A prepared statement, kept for reuse: after each use it is reset (see
// StatementReset) so it holds no read transaction open between uses.
class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1. The bytes are not copied: they must stay
  // alive until the statement is reset. A failed bind is reported by Step().
  void BindText(int index, std::string_view text);
  void BindBlob(int index, std::string_view bytes);

  // Runs one step: true when a row is ready, false when the statement is done.
  StatusOr<bool> Step();
  // Runs a statement that returns no rows (or whose rows are ignored).
  Status Run();

  // Column values of the current row; columns are numbered from 0.
  std::string ColumnText(int column) const;
  std::string ColumnBlob(int column) const;
  int64_t ColumnInt(int column) const;

  // Makes the statement ready for the next use and drops its bindings.
  void Reset();

 private:
  Status Error(int rc) const;

  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = SQLITE_OK;  // the first failed bind since the last Reset()
};

// Resets a cached statement when the scope ends, whatever path leaves it.
class StatementReset {
 public:
  explicit StatementReset(Statement& statement) : statement_(statement) {}
  ~StatementReset() { statement_.Reset(); }
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;

 private:
  Statement& statement_;
};

// One connection to a database file (or ":memory:"). Closing it finalizes
// nothing: statements must be destroyed first (sqlite3_close_v2 defers anyway).
class Connection {
 public:
  // Opens or creates `filename` for reading and writing. URIs are not
  // interpreted: "file:x" is a file named "file:x".
  static StatusOr<Connection> Open(const std::string& filename);

  Connection() = default;
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a script of statements, ignoring any rows they return.
  Status Exec(const std::string& sql);
  // Prepares `sql` for repeated use (SQLITE_PREPARE_PERSISTENT).
  StatusOr<Statement> Prepare(std::string_view sql);
  // Runs a query that returns one integer (e.g. "PRAGMA user_version").
  StatusOr<int64_t> QueryInt(std::string_view sql);
  // Runs a query that returns one text value (e.g. "PRAGMA journal_mode=WAL").
  StatusOr<std::string> QueryText(std::string_view sql);

  // True inside an explicit transaction.
  bool InTransaction() const;
  // The connection's last error, as "SQLite: <errmsg> (<what>)".
  Status Error(std::string_view what) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_ = nullptr;
};

}  // namespace apigw::state
