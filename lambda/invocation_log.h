// The log of one invocation as Lambda writes it (START, the function's lines,
// END, REPORT) and the tail of it that Invoke returns with LogType=Tail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apigw::lambda {

// X-Amz-Log-Result carries the last 4 KB of the log.
inline constexpr size_t kLogTailBytes = 4096;

// Keeps the last kLogTailBytes of what is appended, cheaply (amortized trims).
class LogTail {
 public:
  void AppendLine(std::string_view line);  // adds `line` and a '\n'
  std::string Tail() const;

 private:
  std::string text_;
};

std::string StartLine(std::string_view request_id, std::string_view version);
std::string EndLine(std::string_view request_id);
// "REPORT RequestId: <id>\tDuration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\t
//  Max Memory Used: 36 MB\t[Init Duration: 110.10 ms\t]" (the trailing tab is AWS's).
std::string ReportLine(std::string_view request_id, double duration_ms, int memory_mb, int max_memory_used_mb,
                       std::optional<double> init_duration_ms);
// "2024-01-01T00:00:00.000Z <id> Task timed out after 1.00 seconds"
std::string TimeoutLine(int64_t epoch_ms, std::string_view request_id, int timeout_seconds);

}  // namespace apigw::lambda
