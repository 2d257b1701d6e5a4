// Logger: leveled, line-oriented, thread-safe. Components receive a Logger&
// instead of reaching for a global.
//
// The process log (stderr) is written in batches: a line logged while the
// log has been quiet for flush_after_ms is written at once; lines that follow
// it closely wait in a buffer that a writer thread of the Logger writes
// flush_after_ms after the previous write, in one write(). Busy loops then
// pay no system call and no contended write per line, and a line is never
// later than flush_after_ms. Lines keep the order in which they were logged;
// errors, Flush() and the destructor write what is pending at once. (A crash
// loses at most the last flush_after_ms of lines.)
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "base/status_or.h"

namespace apigw {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

// Parses "debug", "info", "warn"/"warning", "error", "off".
StatusOr<LogLevel> ParseLogLevel(std::string_view name);
const char* LogLevelName(LogLevel level);

class Logger {
 public:
  static constexpr int kBatchMillis = 10;

  // The process log: stderr, in batches of at most kBatchMillis.
  explicit Logger(LogLevel level = LogLevel::kInfo) : Logger(level, stderr, kBatchMillis) {}
  // A log into `out`. flush_after_ms == 0 writes (and flushes) every line at
  // once, so that a reader of `out` sees it as soon as Log() returns.
  Logger(LogLevel level, FILE* out, int flush_after_ms = 0)
      : level_(level), out_(out), flush_after_ms_(flush_after_ms < 0 ? 0 : flush_after_ms) {}
  ~Logger();  // writes what is pending
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  bool Enabled(LogLevel level) const { return level >= level_; }
  // Logs one line: "<UTC time> <LEVEL> [<component>] <message>".
  void Log(LogLevel level, std::string_view component, std::string_view message);
  void Debug(std::string_view component, std::string_view m) { if (Enabled(LogLevel::kDebug)) Log(LogLevel::kDebug, component, m); }
  void Info(std::string_view component, std::string_view m) { if (Enabled(LogLevel::kInfo)) Log(LogLevel::kInfo, component, m); }
  void Warn(std::string_view component, std::string_view m) { if (Enabled(LogLevel::kWarn)) Log(LogLevel::kWarn, component, m); }
  void Error(std::string_view component, std::string_view m) { if (Enabled(LogLevel::kError)) Log(LogLevel::kError, component, m); }
  // Logs text as it is, followed by a newline, whatever the level (batches
  // of lines formatted elsewhere, such as the data plane's access log).
  void Raw(std::string_view line);
  // Writes every pending line now.
  void Flush();

 private:
  // With mu_ held: writes now, or leaves the lines for the writer thread.
  void Submit(std::unique_lock<std::mutex>& lock, bool now);
  void WriteLocked();  // with mu_ held
  void WriterLoop();
  void AppendStamp(int64_t epoch_ms);  // with mu_ held

  const LogLevel level_;
  FILE* const out_;
  const int flush_after_ms_;

  std::mutex mu_;  // guards everything below and every write to out_
  std::condition_variable wake_;
  std::string pending_;            // complete lines not yet written
  int64_t last_write_us_ = -1;     // steady clock; -1: never
  bool scheduled_ = false;         // the writer thread will write pending_
  bool stop_ = false;
  std::thread writer_;             // started with the first batch
  int64_t stamp_second_ = -1;      // the second stamp_ shows
  char stamp_[32] = {};            // "2026-01-01T00:00:00." for stamp_second_
};

}  // namespace apigw
