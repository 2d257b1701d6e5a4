// Logger: formats a timestamped line and writes it under a mutex.
#include "base/log.h"

#include <sys/time.h>
#include <time.h>

namespace apigw {

StatusOr<LogLevel> ParseLogLevel(std::string_view name) {
  if (name == "debug") return LogLevel::kDebug;
  if (name == "info") return LogLevel::kInfo;
  if (name == "warn" || name == "warning") return LogLevel::kWarn;
  if (name == "error") return LogLevel::kError;
  if (name == "off" || name == "none") return LogLevel::kOff;
  return Status::BadRequest("unknown log level '" + std::string(name) +
                            "' (expected debug, info, warn, error or off)");
}

const char* LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "DEBUG";
    case LogLevel::kInfo: return "INFO";
    case LogLevel::kWarn: return "WARN";
    case LogLevel::kError: return "ERROR";
    case LogLevel::kOff: return "OFF";
  }
  return "?";
}

void Logger::Log(LogLevel level, std::string_view component, std::string_view message) {
  if (!Enabled(level)) return;
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  struct tm tm;
  gmtime_r(&tv.tv_sec, &tm);
  char stamp[40];
  snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(tv.tv_usec / 1000));
  std::string line;
  line.reserve(64 + message.size());
  line.append(stamp).append(" ").append(LogLevelName(level)).append(" [");
  line.append(component).append("] ").append(message).push_back('\n');
  std::lock_guard<std::mutex> lock(mu_);
  fwrite(line.data(), 1, line.size(), out_);
  fflush(out_);
}

void Logger::Raw(std::string_view line) {
  std::lock_guard<std::mutex> lock(mu_);
  fwrite(line.data(), 1, line.size(), out_);
  fputc('\n', out_);
  fflush(out_);
}

}  // namespace apigw
