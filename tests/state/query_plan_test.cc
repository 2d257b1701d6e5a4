// Each statement of the Store uses an index: no full scan of the records,
// and List(kind, scope) needs no sort.
#include <doctest/doctest.h>

#include "state/record_sql.h"
#include "state/sqlite.h"
#include "state/store.h"
#include "tests/state/temp_dir.h"

using namespace apigw;
using namespace apigw::state;

namespace {

// The plan's detail lines, joined by "; ".
std::string Plan(Connection& db, std::string_view sql) {
  auto explain = db.Prepare("EXPLAIN QUERY PLAN " + std::string(sql));
  REQUIRE_MESSAGE(explain.ok(), explain.status().ToString());
  std::string plan;
  for (;;) {
    auto row = explain->Step();
    REQUIRE(row.ok());
    if (!*row) return plan;
    plan += explain->ColumnText(3) + "; ";
  }
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("query plans: every read and delete is an index search") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("state.db");
  { REQUIRE(Store::Open({path}, log).ok()); }  // creates the schema
  auto db = Connection::Open(path);
  REQUIRE(db.ok());

  const std::string get = Plan(*db, kGetSql);
  const std::string del = Plan(*db, kDeleteSql);
  const std::string list = Plan(*db, kListSql);
  const std::string list_kind = Plan(*db, kListKindSql);
  const std::string tree = Plan(*db, kDeleteTreeSql);
  for (const std::string& plan : {get, del, list, list_kind, tree}) {
    CAPTURE(plan);
    CHECK(!Contains(plan, "SCAN"));
  }
  CHECK(Contains(get, "(kind=? AND scope=? AND id=?)"));
  CHECK(Contains(del, "(kind=? AND scope=? AND id=?)"));
  CHECK(Contains(list, "records_by_scope (scope=? AND kind=?)"));
  CHECK(!Contains(list, "TEMP B-TREE"));
  CHECK(Contains(list_kind, "(kind=?)"));
  CHECK(Contains(tree, "records_by_scope (scope=?)"));
  CHECK(Contains(tree, "records_by_scope (scope>? AND scope<?)"));
}
