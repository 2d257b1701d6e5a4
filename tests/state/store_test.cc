// Tests of the Store's reads and writes: order, replacement, deletion, scope
// trees, batch atomicity, binary documents, persistence, concurrent use.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "state/store.h"
#include "tests/state/temp_dir.h"

using namespace apigw;
using namespace apigw::state;

namespace {

std::unique_ptr<Store> OpenOrDie(const StoreOptions& options, Logger& log) {
  auto store = Store::Open(options, log);
  REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  return std::move(store).value();
}

std::vector<std::string> Ids(const std::vector<Record>& records) {
  std::vector<std::string> ids;
  for (const Record& r : records) ids.push_back(r.id);
  return ids;
}

std::vector<std::string> ListIds(Store& store, const char* kind, const char* scope) {
  auto list = store.List(kind, scope);
  REQUIRE_MESSAGE(list.ok(), list.status().ToString());
  return Ids(*list);
}

}  // namespace

TEST_CASE("store: put, get, list in creation order; a replaced record keeps its place") {
  for (bool in_memory : {true, false}) {
    CAPTURE(in_memory);
    TempDir dir;
    REQUIRE(dir.ok());
    Logger log(LogLevel::kOff);
    auto store = OpenOrDie({dir.File("state.db"), in_memory}, log);
    CHECK(store->schema_version() == 1);

    // Ids deliberately not in sorted order: List must not sort by id.
    for (const char* id : {"zz", "aa", "mm"}) {
      REQUIRE(store->Put("restapi", "us-east-1", id, std::string("v-") + id).ok());
    }
    REQUIRE(store->Put("restapi", "eu-west-1", "bb", "other region").ok());
    REQUIRE(store->Put("stage", "us-east-1", "aa", "other kind").ok());

    CHECK(ListIds(*store, "restapi", "us-east-1") == std::vector<std::string>{"zz", "aa", "mm"});
    REQUIRE(store->Put("restapi", "us-east-1", "zz", "replaced").ok());
    auto list = store->List("restapi", "us-east-1");
    REQUIRE(list.ok());
    CHECK(Ids(*list) == std::vector<std::string>{"zz", "aa", "mm"});
    CHECK((*list)[0].doc == "replaced");
    CHECK((*list)[0].kind == "restapi");
    CHECK((*list)[0].scope == "us-east-1");

    auto got = store->Get("restapi", "us-east-1", "aa");
    REQUIRE(got.ok());
    REQUIRE(got->has_value());
    CHECK(**got == "v-aa");
    CHECK(*store->Get("stage", "us-east-1", "aa") == std::optional<std::string>("other kind"));
    CHECK(!store->Get("restapi", "us-east-1", "nope")->has_value());
    CHECK(!store->Get("restapi", "us-east-2", "aa")->has_value());
    CHECK(store->List("nothing", "us-east-1")->empty());

    auto all = store->ListKind("restapi");
    REQUIRE(all.ok());
    REQUIRE(all->size() == 4);
    CHECK((*all)[3].scope == "eu-west-1");
    CHECK((*all)[3].id == "bb");
    CHECK((*all)[3].doc == "other region");
  }
}

TEST_CASE("store: delete, and a re-created record goes to the end") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  auto store = OpenOrDie({dir.File("state.db")}, log);
  for (const char* id : {"a", "b", "c"}) REQUIRE(store->Put("k", "s", id, id).ok());
  REQUIRE(store->Delete("k", "s", "b").ok());
  REQUIRE(store->Delete("k", "s", "missing").ok());  // deleting nothing is not an error
  CHECK(!store->Get("k", "s", "b")->has_value());
  CHECK(ListIds(*store, "k", "s") == std::vector<std::string>{"a", "c"});
  REQUIRE(store->Delete("k", "s", "c").ok());  // the newest row: its rowid may be reused
  REQUIRE(store->Put("k", "s", "b", "again").ok());
  REQUIRE(store->Put("k", "s", "c", "again").ok());
  CHECK(ListIds(*store, "k", "s") == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(store->Delete("k", "s", "a").ok());
  REQUIRE(store->Put("k", "s", "a", "again").ok());
  CHECK(ListIds(*store, "k", "s") == std::vector<std::string>{"b", "c", "a"});
}

TEST_CASE("store: DeleteScopeTree removes the scope and below it, never a sibling sharing a prefix") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  auto store = OpenOrDie({dir.File("state.db")}, log);
  WriteBatch setup;
  for (const char* scope : {"ab", "ab/x", "ab/x/y", "ab/", "abc", "ab-1", "ab.1", "a", "ab0", "ac", "%", "_b"}) {
    setup.Put("resource", scope, "r", scope);
    setup.Put("method", scope, "m", scope);
  }
  setup.Put("restapi", "us-east-1", "ab", "the parent itself");
  REQUIRE(store->Apply(setup).ok());

  WriteBatch tree;
  tree.DeleteScopeTree("ab");
  REQUIRE(store->Apply(tree).ok());

  auto resources = store->ListKind("resource");
  REQUIRE(resources.ok());
  std::vector<std::string> left;
  for (const Record& r : *resources) left.push_back(r.scope);
  CHECK(left == std::vector<std::string>{"abc", "ab-1", "ab.1", "a", "ab0", "ac", "%", "_b"});
  CHECK(store->ListKind("method")->size() == 8);
  CHECK(store->Get("restapi", "us-east-1", "ab")->has_value());  // the parent's own record is not in its scope

  // LIKE wildcards in a scope are plain characters.
  WriteBatch wildcard;
  wildcard.DeleteScopeTree("%");
  REQUIRE(store->Apply(wildcard).ok());
  CHECK(store->ListKind("resource")->size() == 7);
  CHECK(!store->Get("resource", "%", "r")->has_value());
  CHECK(store->Get("resource", "_b", "r")->has_value());
}

TEST_CASE("store: a batch applies in order, and a failing write leaves nothing of it") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  auto store = OpenOrDie({dir.File("state.db")}, log);
  REQUIRE(store->Put("k", "s", "kept", "before").ok());

  WriteBatch ordered;
  ordered.Put("k", "s", "x", "1");
  ordered.Delete("k", "s", "x");
  ordered.Put("k", "s", "y", "1");
  ordered.Put("k", "s", "y", "2");
  REQUIRE(store->Apply(ordered).ok());
  CHECK(!store->Get("k", "s", "x")->has_value());
  CHECK(*store->Get("k", "s", "y") == std::optional<std::string>("2"));

  // An empty id violates the schema's CHECK: the third write fails.
  WriteBatch failing;
  failing.Put("k", "s", "new", "1");
  failing.Put("k", "s", "kept", "overwritten");
  failing.Put("k", "s", "", "bad");
  failing.Delete("k", "s", "y");
  Status status = store->Apply(failing);
  CHECK(!status.ok());
  CHECK(status.type() == "InternalFailure");
  CHECK(status.http_status() == 500);
  CHECK(status.message().find("write 3 of 4") != std::string::npos);
  CHECK(status.message().find("CHECK constraint failed") != std::string::npos);
  CHECK(!store->Get("k", "s", "new")->has_value());
  CHECK(*store->Get("k", "s", "kept") == std::optional<std::string>("before"));
  CHECK(store->Get("k", "s", "y")->has_value());

  WriteBatch empty_kind;
  empty_kind.Put("", "s", "id", "bad");
  CHECK(!store->Apply(empty_kind).ok());

  // The connection is usable after a rollback.
  REQUIRE(store->Put("k", "s", "after", "ok").ok());
  CHECK(ListIds(*store, "k", "s") == std::vector<std::string>{"kept", "y", "after"});
  CHECK(store->Apply(WriteBatch()).ok());
}

TEST_CASE("store: documents are bytes: NUL, high bytes, empty, several MB") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("state.db");
  std::string big(5 << 20, '\0');
  uint32_t x = 12345;
  for (char& c : big) {
    x = x * 1103515245 + 12345;
    c = static_cast<char>(x >> 24);
  }
  const std::string small("\0a\xff\0", 4);
  {
    auto store = OpenOrDie({path}, log);
    REQUIRE(store->Put("code", "us-east-1", "fn", big).ok());
    REQUIRE(store->Put("code", "us-east-1", "small", small).ok());
    REQUIRE(store->Put("code", "us-east-1", "empty", "").ok());
    CHECK(**store->Get("code", "us-east-1", "fn") == big);
  }
  auto store = OpenOrDie({path}, log);
  auto list = store->List("code", "us-east-1");
  REQUIRE(list.ok());
  REQUIRE(list->size() == 3);
  CHECK((*list)[0].doc == big);
  CHECK((*list)[1].doc == small);
  auto empty = store->Get("code", "us-east-1", "empty");
  REQUIRE(empty.ok());
  REQUIRE(empty->has_value());  // present, not missing
  CHECK((*empty)->empty());
  // Keys with NUL and non-ASCII bytes are kept exactly too.
  const std::string odd_id("a\0b", 3);
  REQUIRE(store->Put("k", "s\xc3\xa9", odd_id, "x").ok());
  CHECK(store->Get("k", "s\xc3\xa9", odd_id)->has_value());
  CHECK(!store->Get("k", "s\xc3\xa9", "a")->has_value());
  CHECK(ListIds(*store, "k", "s\xc3\xa9") == std::vector<std::string>{odd_id});
}

TEST_CASE("store: records persist across close and reopen, order included") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("nested/folder/state.db");  // folders created on demand
  {
    auto store = OpenOrDie({path}, log);
    for (const char* id : {"3", "1", "2"}) REQUIRE(store->Put("deployment", "api1", id, id).ok());
    REQUIRE(store->Put("deployment", "api1", "3", "three").ok());
    REQUIRE(store->Delete("deployment", "api1", "1").ok());
  }
  auto store = OpenOrDie({path}, log);
  CHECK(ListIds(*store, "deployment", "api1") == std::vector<std::string>{"3", "2"});
  CHECK(*store->Get("deployment", "api1", "3") == std::optional<std::string>("three"));
  CHECK(store->schema_version() == 1);
}

TEST_CASE("store: in-memory stores are separate and leave no file") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  const std::string path = dir.File("state.db");
  auto a = OpenOrDie({path, true}, log);
  auto b = OpenOrDie({path, true}, log);  // no lock in memory
  REQUIRE(a->Put("k", "s", "id", "a").ok());
  CHECK(!b->Get("k", "s", "id")->has_value());
  CHECK(!std::filesystem::exists(path));
  CHECK(!std::filesystem::exists(path + ".lock"));
}

TEST_CASE("store: concurrent readers and a writer") {
  TempDir dir;
  Logger log(LogLevel::kOff);
  auto store = OpenOrDie({dir.File("state.db")}, log);
  constexpr int kRecords = 500;
  std::atomic<int> written{0};
  std::atomic<bool> failed{false};
  std::thread writer([&] {
    for (int i = 0; i < kRecords; ++i) {
      if (!store->Put("k", "s", std::to_string(i), std::string(100, 'x')).ok()) failed = true;
      written = i + 1;
    }
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (written < kRecords) {
        int seen = written;
        auto list = store->List("k", "s");
        // Everything acknowledged before the read began is visible.
        if (!list.ok() || static_cast<int>(list->size()) < seen) failed = true;
        if (seen > 0) {
          auto got = store->Get("k", "s", std::to_string(seen - 1));
          if (!got.ok() || !got->has_value()) failed = true;
        }
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  CHECK(!failed);
  CHECK(store->List("k", "s")->size() == kRecords);
}
