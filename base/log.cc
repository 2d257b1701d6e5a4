// Logger: formats a timestamped line into a buffer under a mutex; the buffer
// is written at once when the log was quiet, else by the writer thread
// flush_after_ms after the previous write.
#include "base/log.h"

#include <time.h>

#include <chrono>
#include <system_error>

namespace apigw {

namespace {

int64_t SteadyMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

int64_t EpochMillis() {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// Appends `v` as exactly `width` digits.
void PutDigits(char*& p, int v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = char('0' + v % 10);
    v /= 10;
  }
  p += width;
}

constexpr size_t kKeepCapacity = 1 << 20;  // a burst's buffer beyond this is given back

}  // namespace

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

Logger::~Logger() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  std::lock_guard<std::mutex> lock(mu_);
  WriteLocked();
}

void Logger::AppendStamp(int64_t epoch_ms) {
  const int64_t second = epoch_ms / 1000;
  if (second != stamp_second_) {
    time_t t = static_cast<time_t>(second);
    struct tm tm;
    gmtime_r(&t, &tm);
    char* p = stamp_;
    PutDigits(p, tm.tm_year + 1900, 4);
    *p++ = '-';
    PutDigits(p, tm.tm_mon + 1, 2);
    *p++ = '-';
    PutDigits(p, tm.tm_mday, 2);
    *p++ = 'T';
    PutDigits(p, tm.tm_hour, 2);
    *p++ = ':';
    PutDigits(p, tm.tm_min, 2);
    *p++ = ':';
    PutDigits(p, tm.tm_sec, 2);
    *p++ = '.';
    *p = '\0';
    stamp_second_ = second;
  }
  char ms[5];
  char* p = ms;
  PutDigits(p, static_cast<int>(epoch_ms % 1000), 3);
  *p++ = 'Z';
  pending_.append(stamp_).append(ms, 4);
}

void Logger::Log(LogLevel level, std::string_view component, std::string_view message) {
  if (!Enabled(level)) return;
  const int64_t now_ms = EpochMillis();
  std::unique_lock<std::mutex> lock(mu_);
  AppendStamp(now_ms);
  pending_.push_back(' ');
  pending_.append(LogLevelName(level)).append(" [").append(component).append("] ").append(message);
  pending_.push_back('\n');
  // An error may come just before the process ends: it goes out at once.
  Submit(lock, level >= LogLevel::kError);
}

void Logger::Raw(std::string_view line) {
  std::unique_lock<std::mutex> lock(mu_);
  pending_.append(line).push_back('\n');
  Submit(lock, false);
}

void Logger::Flush() {
  std::lock_guard<std::mutex> lock(mu_);
  WriteLocked();
}

void Logger::Submit(std::unique_lock<std::mutex>& lock, bool now) {
  if (scheduled_ && !now) return;  // the writer thread takes these lines with the others
  const int64_t now_us = SteadyMicros();
  if (now || flush_after_ms_ == 0 || last_write_us_ < 0 || now_us - last_write_us_ >= flush_after_ms_ * 1000LL) {
    WriteLocked();
    return;
  }
  scheduled_ = true;
  if (!writer_.joinable()) {
    try {
      writer_ = std::thread([this] { WriterLoop(); });
    } catch (const std::system_error&) {
      scheduled_ = false;  // no thread: write as lines come
      WriteLocked();
      return;
    }
  }
  lock.unlock();
  wake_.notify_one();
}

void Logger::WriteLocked() {
  if (pending_.empty()) return;
  fwrite(pending_.data(), 1, pending_.size(), out_);
  fflush(out_);
  if (pending_.capacity() > kKeepCapacity) {
    std::string().swap(pending_);
  } else {
    pending_.clear();
  }
  last_write_us_ = SteadyMicros();
}

void Logger::WriterLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return scheduled_ || stop_; });
    if (stop_) return;  // the destructor writes what is left
    // Gather lines until flush_after_ms after the last write.
    const auto due = std::chrono::steady_clock::time_point(std::chrono::microseconds(last_write_us_)) +
                     std::chrono::milliseconds(flush_after_ms_);
    wake_.wait_until(lock, due, [this] { return stop_; });
    if (stop_) return;
    scheduled_ = false;
    WriteLocked();
  }
}

}  // namespace apigw
