// Tests of data-plane/access_log: Logger's line format, batching, flushing.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "data-plane/access_log.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

std::string Contents(FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

}  // namespace

TEST_CASE("access log: lines are held until flushed, in Logger's format") {
  FILE* f = std::tmpfile();
  REQUIRE(f);
  {
    Logger logger(LogLevel::kInfo, f);
    FakeClock clock(1700000000123);  // 2023-11-14T22:13:20.123Z
    AccessLog log(logger, clock, nullptr /* no timer: every line is written at once */);
    log.Write("GET", "/api/dev/pets", 200, 420, "req-1");
    CHECK(Contents(f) == "2023-11-14T22:13:20.123Z INFO [data-plane] GET /api/dev/pets 200 0.42ms req-1\n");
    clock.AdvanceMillis(1001);
    log.Write("POST", "/x", 504, 29001234, "req-2");
    std::string both = Contents(f);
    CHECK(both.substr(both.find('\n') + 1) == "2023-11-14T22:13:21.124Z INFO [data-plane] POST /x 504 29001.23ms req-2\n");
  }
  std::fclose(f);
}

TEST_CASE("access log: batched lines reach the log on Flush and on destruction") {
  FILE* f = std::tmpfile();
  REQUIRE(f);
  {
    Logger logger(LogLevel::kInfo, f);
    FakeClock clock;
    net::IoPool pool(1);  // not started: the timer never fires, so only Flush writes
    AccessLog log(logger, clock, &pool, 100000);
    log.Write("GET", "/a", 200, 1, "1");
    log.Write("GET", "/b", 403, 5, "2");
    CHECK(Contents(f).empty());
    log.Flush();
    std::string two = Contents(f);
    CHECK(two.find("GET /a 200 0.00ms 1\n") != std::string::npos);
    CHECK(two.find("GET /b 403 0.01ms 2\n") != std::string::npos);
    log.Write("GET", "/c", 200, 1, "3");
  }
  CHECK(Contents(f).find("GET /c 200") != std::string::npos);  // flushed by the destructor
  std::fclose(f);
}

TEST_CASE("access log: a full buffer is written without waiting; off writes nothing") {
  FILE* f = std::tmpfile();
  REQUIRE(f);
  {
    Logger logger(LogLevel::kInfo, f);
    FakeClock clock;
    net::IoPool pool(1);
    AccessLog log(logger, clock, &pool, 100000);
    std::string long_path(200, 'p');
    size_t lines = AccessLog::kFlushBytes / 200 + 2;
    for (size_t i = 0; i < lines; ++i) log.Write("GET", long_path, 200, 1, "id");
    CHECK(Contents(f).size() >= AccessLog::kFlushBytes);
  }
  std::fclose(f);
  FILE* g = std::tmpfile();
  {
    Logger quiet(LogLevel::kWarn, g);
    FakeClock clock;
    AccessLog log(quiet, clock, nullptr);
    CHECK_FALSE(log.enabled());
    log.Write("GET", "/", 200, 1, "id");
  }
  CHECK(Contents(g).empty());
  std::fclose(g);
}
