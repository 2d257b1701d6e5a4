// Invocation log lines, in the formats recorded on AWS (test_lambda.py::
// test_invocation_with_logs, test_invocation_type_event_error).
#include "lambda/invocation_log.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace apigw::lambda {

void LogTail::AppendLine(std::string_view line) {
  // Only the end is ever returned: past twice the tail, drop the front.
  if (line.size() >= kLogTailBytes) {
    text_.assign(line.substr(line.size() - kLogTailBytes + 1));
  } else {
    text_.append(line);
  }
  text_.push_back('\n');
  if (text_.size() > 2 * kLogTailBytes) text_.erase(0, text_.size() - kLogTailBytes);
}

std::string LogTail::Tail() const {
  if (text_.size() <= kLogTailBytes) return text_;
  return text_.substr(text_.size() - kLogTailBytes);
}

std::string StartLine(std::string_view request_id, std::string_view version) {
  return "START RequestId: " + std::string(request_id) + " Version: " + std::string(version);
}

std::string EndLine(std::string_view request_id) { return "END RequestId: " + std::string(request_id); }

std::string ReportLine(std::string_view request_id, double duration_ms, int memory_mb, int max_memory_used_mb,
                       std::optional<double> init_duration_ms) {
  char buf[256];
  // Billed by the millisecond, rounded up.
  long long billed = (long long)std::ceil(duration_ms);
  if (billed < 1) billed = 1;
  snprintf(buf, sizeof buf,
           "\tDuration: %.2f ms\tBilled Duration: %lld ms\tMemory Size: %d MB\tMax Memory Used: %d MB\t", duration_ms,
           billed, memory_mb, max_memory_used_mb);
  std::string line = "REPORT RequestId: " + std::string(request_id) + buf;
  if (init_duration_ms) {
    snprintf(buf, sizeof buf, "Init Duration: %.2f ms\t", *init_duration_ms);
    line += buf;
  }
  return line;
}

std::string TimeoutLine(int64_t epoch_ms, std::string_view request_id, int timeout_seconds) {
  time_t secs = time_t(epoch_ms / 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  char stamp[40];
  size_t n = strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(stamp + n, sizeof stamp - n, ".%03dZ", int(epoch_ms % 1000));
  char tail[64];
  snprintf(tail, sizeof tail, " Task timed out after %d.00 seconds", timeout_seconds);
  return std::string(stamp) + " " + std::string(request_id) + tail;
}

}  // namespace apigw::lambda
