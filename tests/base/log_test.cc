// Logger: line format, levels, and batched writing (a quiet log writes at
// once, a busy one within flush_after_ms, in order, nothing lost at the end).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "base/log.h"

using namespace apigw;

namespace {

std::string Contents(FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fseek(f, 0, SEEK_END);
  return out;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

template <class Cond>
bool Eventually(Cond cond, int ms) {
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return cond();
}

}  // namespace

TEST_CASE("log: line format and levels") {
  FILE* f = std::tmpfile();
  REQUIRE(f);
  {
    Logger log(LogLevel::kInfo, f);
    log.Debug("x", "hidden");
    log.Info("data-plane", "GET / 200");
    log.Warn("lambda", "slow");
    log.Raw("as it is");
    std::string text = Contents(f);
    CHECK(text.find("hidden") == std::string::npos);
    std::regex line(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z INFO \[data-plane\] GET / 200
\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z WARN \[lambda\] slow
as it is
)");
    CHECK(std::regex_match(text, line));
  }
  std::fclose(f);
  CHECK(ParseLogLevel("warning").value() == LogLevel::kWarn);
  CHECK_FALSE(ParseLogLevel("loud").ok());
}

TEST_CASE("log: batched, a quiet log writes at once and a burst within the interval") {
  FILE* f = std::tmpfile();
  REQUIRE(f);
  {
    Logger log(LogLevel::kInfo, f, 50);
    log.Info("t", "first");
    CHECK(Contents(f).find("first") != std::string::npos);  // the log was quiet
    log.Info("t", "second");
    log.Info("t", "third");
    CHECK(Contents(f).find("second") == std::string::npos);  // held for the batch
    auto start = std::chrono::steady_clock::now();
    REQUIRE(Eventually([&] { return Contents(f).find("third") != std::string::npos; }, 2000));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
    std::string text = Contents(f);
    CHECK(text.find("first") < text.find("second"));
    CHECK(text.find("second") < text.find("third"));
    log.Info("t", "pending at the end");
  }
  CHECK(Contents(f).find("pending at the end") != std::string::npos);  // written by the destructor
  std::fclose(f);
}

TEST_CASE("log: errors and Flush write what is pending at once, in order") {
  FILE* f = std::tmpfile();
  REQUIRE(f);
  {
    Logger log(LogLevel::kInfo, f, 100000);
    log.Info("t", "one");
    log.Info("t", "two");
    log.Raw("three");
    CHECK(Contents(f).find("two") == std::string::npos);
    log.Error("t", "four");
    std::string text = Contents(f);
    REQUIRE(text.find("four") != std::string::npos);
    CHECK(text.find("one") < text.find("two"));
    CHECK(text.find("two") < text.find("three"));
    CHECK(text.find("three") < text.find("four"));
    log.Info("t", "five");
    log.Flush();
    CHECK(Contents(f).find("five") != std::string::npos);
  }
  std::fclose(f);
}

TEST_CASE("log: lines from many threads all arrive whole, each thread's in order") {
  FILE* f = std::tmpfile();
  REQUIRE(f);
  const int threads = 4, per_thread = 2000;
  {
    Logger log(LogLevel::kInfo, f, 5);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&log, t] {
        for (int i = 0; i < per_thread; ++i) log.Info("w" + std::to_string(t), "line " + std::to_string(i) + " end");
      });
    }
    for (auto& w : workers) w.join();
  }
  std::string text = Contents(f);
  std::fclose(f);
  CHECK(Count(text, "\n") == size_t(threads * per_thread));
  CHECK(Count(text, " end\n") == size_t(threads * per_thread));
  for (int t = 0; t < threads; ++t) {
    size_t last = 0;
    bool ordered = true;
    for (int i = 0; i < per_thread; ++i) {
      size_t pos = text.find("[w" + std::to_string(t) + "] line " + std::to_string(i) + " end\n");
      if (pos == std::string::npos || pos < last) ordered = false;
      last = pos;
    }
    CHECK(ordered);
  }
}
