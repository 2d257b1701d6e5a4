// Tests of opening a state file: exclusive use, files that are not ours or
// too new, and migration of older files.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

#include "state/sqlite.h"
#include "state/sqlite_store.h"
#include "state/store.h"
#include "tests/state/temp_dir.h"

using namespace apigw;
using namespace apigw::state;

namespace {

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::vector<Migration> WithExtraStep(const std::string& sql) {
  std::vector<Migration> migrations = SchemaMigrations();
  migrations.push_back({"test: a second version", sql});
  return migrations;
}

}  // namespace

TEST_CASE("open: a second Open of the same file fails while the first holds it") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("state.db");
  {
    auto first = Store::Open({path}, log);
    REQUIRE(first.ok());
    auto second = Store::Open({path}, log);
    REQUIRE(!second.ok());
    const std::string& message = second.status().message();
    CHECK(Contains(message, "state file " + path + " is in use by another apigw-emulator (pid " +
                                std::to_string(getpid()) + ")"));
    CHECK(Contains(message, "--state <other file> or --in-memory"));
    CHECK(ReadFile(path + ".lock") == std::to_string(getpid()) + "\n");

    // Another process is refused too (flock is per open file, so both hold).
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      Logger quiet(LogLevel::kOff);
      auto store = Store::Open({path}, quiet);
      _exit(!store.ok() && Contains(store.status().message(), "is in use") ? 0 : 1);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    REQUIRE((*first)->Put("k", "s", "id", "still writable").ok());
  }
  auto again = Store::Open({path}, log);
  REQUIRE_MESSAGE(again.ok(), again.status().ToString());
  CHECK((*again)->Get("k", "s", "id")->has_value());
}

TEST_CASE("open: a file that is not a SQLite database is refused and left alone") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  for (const std::string& bytes : {std::string("hello"), std::string(8192, 'x'), std::string("SQLite format 3")}) {
    const std::string path = dir.File("notes.txt");
    WriteFile(path, bytes);
    auto store = Store::Open({path}, log);
    REQUIRE(!store.ok());
    CHECK(store.status().type() == "InternalFailure");
    CHECK(Contains(store.status().message(), "state file " + path + " cannot be read as a SQLite database"));
    CHECK(Contains(store.status().message(), "file is not a database"));
    CHECK(ReadFile(path) == bytes);
  }
  // A folder where the file should be.
  auto store = Store::Open({dir.File("")}, log);
  CHECK(!store.ok());
}

TEST_CASE("open: a SQLite database of another program is refused and left alone") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("other.db");
  {
    auto db = Connection::Open(path);
    REQUIRE(db.ok());
    REQUIRE(db->Exec("CREATE TABLE notes(text); INSERT INTO notes VALUES ('mine')").ok());
  }
  auto store = Store::Open({path}, log);
  REQUIRE(!store.ok());
  CHECK(Contains(store.status().message(),
                 "is not an apigw-emulator state file (a SQLite database of another program)"));

  {
    auto db = Connection::Open(path);
    REQUIRE(db.ok());
    REQUIRE(db->Exec("PRAGMA application_id = 42").ok());
  }
  store = Store::Open({path}, log);
  REQUIRE(!store.ok());
  CHECK(Contains(store.status().message(), "application_id is 42"));
  auto db = Connection::Open(path);
  REQUIRE(db.ok());
  CHECK(*db->QueryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'records'") == 0);
}

TEST_CASE("open: a file newer than this program is refused, untouched") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("state.db");
  const auto newer = WithExtraStep("CREATE TABLE future(x)");
  {
    auto store = OpenSqliteStore({path}, log, newer);
    REQUIRE(store.ok());
    CHECK((*store)->schema_version() == 2);
    REQUIRE((*store)->Put("k", "s", "id", "doc").ok());
  }
  auto store = Store::Open({path}, log);
  REQUIRE(!store.ok());
  CHECK(Contains(store.status().message(),
                 "state file " + path + " has schema version 2, newer than this apigw-emulator knows (1)"));
  auto reopened = OpenSqliteStore({path}, log, newer);
  REQUIRE(reopened.ok());
  CHECK((*reopened)->Get("k", "s", "id")->has_value());
}

TEST_CASE("open: an older file is migrated once, keeping its records") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("state.db");
  {
    auto v1 = Store::Open({path}, log);
    REQUIRE(v1.ok());
    REQUIRE((*v1)->Put("restapi", "us-east-1", "old", "from v1").ok());
  }
  // Running the INSERT twice would violate the unique key: reopening proves it ran once.
  const auto v2 = WithExtraStep(
      "ALTER TABLE records ADD COLUMN note TEXT;"
      "INSERT INTO records(kind, scope, id, doc) VALUES ('migrated', '', 'v2', x'00ff')");
  for (int open = 0; open < 2; ++open) {
    auto store = OpenSqliteStore({path}, log, v2);
    REQUIRE_MESSAGE(store.ok(), store.status().ToString());
    CHECK((*store)->schema_version() == 2);
    CHECK(*(*store)->Get("restapi", "us-east-1", "old") == std::optional<std::string>("from v1"));
    CHECK(*(*store)->Get("migrated", "", "v2") == std::optional<std::string>(std::string("\0\xff", 2)));
    REQUIRE((*store)->Put("restapi", "us-east-1", "new", "in v2").ok());
  }
}

TEST_CASE("open: a failing migration leaves the file at its old version") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("state.db");
  {
    auto v1 = Store::Open({path}, log);
    REQUIRE(v1.ok());
    REQUIRE((*v1)->Put("k", "s", "id", "doc").ok());
  }
  auto broken = OpenSqliteStore({path}, log, WithExtraStep("CREATE TABLE half(x); SELECT no_such_function()"));
  REQUIRE(!broken.ok());
  CHECK(Contains(broken.status().message(), "migration to schema version 2 failed"));
  CHECK(Contains(broken.status().message(), "no_such_function"));

  // The half-made table was rolled back: creating it again succeeds.
  auto fixed = OpenSqliteStore({path}, log, WithExtraStep("CREATE TABLE half(x)"));
  REQUIRE_MESSAGE(fixed.ok(), fixed.status().ToString());
  CHECK((*fixed)->schema_version() == 2);
  CHECK((*fixed)->Get("k", "s", "id")->has_value());
}

TEST_CASE("open: the file is in WAL mode with synchronous=NORMAL and our application id") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("state.db");
  { REQUIRE(Store::Open({path}, log).ok()); }
  auto db = Connection::Open(path);
  REQUIRE(db.ok());
  CHECK(*db->QueryText("PRAGMA journal_mode") == "wal");  // persistent in the file
  CHECK(*db->QueryInt("PRAGMA application_id") == kApplicationId);
  CHECK(*db->QueryInt("PRAGMA user_version") == 1);
}
