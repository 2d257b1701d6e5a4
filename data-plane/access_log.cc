// AccessLog: a buffer under a mutex, swapped out and written through
// Logger::Raw when it is large or when its flush timer fires.
#include "data-plane/access_log.h"

#include <ctime>
#include <mutex>
#include <string>

namespace apigw::dp {

struct AccessLog::State {
  State(Logger& log, Clock& clock, net::IoPool* pool, int flush_after_ms)
      : log(log), clock(clock), pool(pool), flush_after_ms(flush_after_ms) {}

  Logger& log;
  Clock& clock;
  net::IoPool* const pool;
  const int flush_after_ms;

  std::mutex mu;               // guards everything below
  std::string buffer;          // complete lines, each ending in '\n'
  bool timer_armed = false;
  std::shared_ptr<net::TimerHandle> timer;
  int64_t stamp_second = -1;   // the second `stamp` shows
  char stamp[64] = {};         // "2026-01-01T00:00:00." for stamp_second

  // Appends the timestamp prefix of Logger's format for `millis`.
  void AppendStamp(int64_t millis) {
    int64_t second = millis / 1000;
    if (second != stamp_second) {
      std::time_t t = static_cast<std::time_t>(second);
      std::tm tm{};
      gmtime_r(&t, &tm);
      std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.", tm.tm_year + 1900, tm.tm_mon + 1,
                    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
      stamp_second = second;
    }
    buffer.append(stamp);
    int ms = int(millis % 1000);
    buffer.push_back(char('0' + ms / 100));
    buffer.push_back(char('0' + ms / 10 % 10));
    buffer.push_back(char('0' + ms % 10));
    buffer.push_back('Z');
  }

  // Takes the pending lines (without the last newline: Raw adds one).
  std::string Take() {
    std::string out;
    out.swap(buffer);
    if (!out.empty()) out.pop_back();
    return out;
  }

  static void Arm(const std::shared_ptr<State>& self) {
    // Called with mu held.
    if (self->pool == nullptr || self->timer_armed) return;
    self->timer_armed = true;
    std::weak_ptr<State> weak = self;
    self->timer = self->pool->RunAfter(self->flush_after_ms, [weak] {
      std::shared_ptr<State> state = weak.lock();
      if (!state) return;
      std::string lines;
      {
        std::lock_guard<std::mutex> lock(state->mu);
        state->timer_armed = false;
        lines = state->Take();
      }
      if (!lines.empty()) state->log.Raw(lines);
    });
  }
};

namespace {

void AppendInt(std::string& out, int64_t v) {
  char digits[24];
  int n = 0;
  if (v < 0) v = 0;
  do {
    digits[n++] = char('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n > 0) out.push_back(digits[--n]);
}

}  // namespace

AccessLog::AccessLog(Logger& log, Clock& clock, net::IoPool* pool, int flush_after_ms)
    : log_(log), state_(std::make_shared<State>(log, clock, pool, flush_after_ms)) {}

AccessLog::~AccessLog() {
  std::shared_ptr<net::TimerHandle> timer;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    timer = std::move(state_->timer);
  }
  if (timer) timer->Cancel();
  Flush();
}

void AccessLog::Write(std::string_view method, std::string_view path, int status, int64_t micros,
                      std::string_view request_id) {
  if (!enabled()) return;
  State& s = *state_;
  int64_t now = s.clock.NowEpochMillis();
  std::string full;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.AppendStamp(now);
    s.buffer.append(" INFO [data-plane] ");
    s.buffer.append(method);
    s.buffer.push_back(' ');
    s.buffer.append(path);
    s.buffer.push_back(' ');
    AppendInt(s.buffer, status);
    s.buffer.push_back(' ');
    // Latency in milliseconds with two decimals, without printf's float path.
    int64_t hundredths = (micros + 5) / 10;
    AppendInt(s.buffer, hundredths / 100);
    s.buffer.push_back('.');
    s.buffer.push_back(char('0' + hundredths / 10 % 10));
    s.buffer.push_back(char('0' + hundredths % 10));
    s.buffer.append("ms ");
    s.buffer.append(request_id);
    s.buffer.push_back('\n');
    if (s.buffer.size() >= kFlushBytes || s.pool == nullptr) {
      full = s.Take();
    } else {
      State::Arm(state_);
    }
  }
  if (!full.empty()) log_.Raw(full);
}

void AccessLog::Flush() {
  std::string lines;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    lines = state_->Take();
  }
  if (!lines.empty()) log_.Raw(lines);
}

}  // namespace apigw::dp
