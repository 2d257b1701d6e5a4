// A measurement, not a timed test: skipped by default; run it with
//   state_tests --no-skip -tc='throughput*'
// It prints Put/s (one transaction each) and Get/s on a file in WAL mode.
#include <doctest/doctest.h>

#include <chrono>

#include "state/store.h"
#include "tests/state/temp_dir.h"

using namespace apigw;
using namespace apigw::state;

TEST_CASE("throughput: Put/s and Get/s" * doctest::skip()) {
  TempDir dir;
  Logger log(LogLevel::kOff);
  auto store = Store::Open({dir.File("state.db")}, log);
  REQUIRE(store.ok());
  constexpr int kRecords = 20000;
  const std::string doc(300, 'j');  // about the size of a resource's JSON
  using Clock = std::chrono::steady_clock;

  auto start = Clock::now();
  for (int i = 0; i < kRecords; ++i) REQUIRE((*store)->Put("resource", "api", std::to_string(i), doc).ok());
  double put_seconds = std::chrono::duration<double>(Clock::now() - start).count();

  start = Clock::now();
  int found = 0;
  for (int i = 0; i < kRecords; ++i) found += (*store)->Get("resource", "api", std::to_string(i))->has_value();
  double get_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  CHECK(found == kRecords);

  start = Clock::now();
  auto list = (*store)->List("resource", "api");
  double list_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  CHECK(list->size() == kRecords);

  MESSAGE("Put/s ", static_cast<int>(kRecords / put_seconds), ", Get/s ", static_cast<int>(kRecords / get_seconds),
          ", List of ", kRecords, " in ", static_cast<int>(list_seconds * 1000), " ms");
}
