// Logger: leveled, line-oriented, thread-safe. Components receive a Logger&
// instead of reaching for a global.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status_or.h"

namespace apigw {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

// Parses "debug", "info", "warn"/"warning", "error", "off".
StatusOr<LogLevel> ParseLogLevel(std::string_view name);
const char* LogLevelName(LogLevel level);

class Logger {
 public:
  explicit Logger(LogLevel level = LogLevel::kInfo, FILE* out = stderr) : level_(level), out_(out) {}

  bool Enabled(LogLevel level) const { return level >= level_; }
  // Writes one line: "<UTC time> <LEVEL> [<component>] <message>".
  void Log(LogLevel level, std::string_view component, std::string_view message);
  void Debug(std::string_view component, std::string_view m) { if (Enabled(LogLevel::kDebug)) Log(LogLevel::kDebug, component, m); }
  void Info(std::string_view component, std::string_view m) { if (Enabled(LogLevel::kInfo)) Log(LogLevel::kInfo, component, m); }
  void Warn(std::string_view component, std::string_view m) { if (Enabled(LogLevel::kWarn)) Log(LogLevel::kWarn, component, m); }
  void Error(std::string_view component, std::string_view m) { if (Enabled(LogLevel::kError)) Log(LogLevel::kError, component, m); }
  // Writes a line as it is, unconditionally (the ready line, --help).
  void Raw(std::string_view line);

 private:
  const LogLevel level_;
  std::mutex mu_;  // serializes writes to out_
  FILE* const out_;
};

}  // namespace apigw
