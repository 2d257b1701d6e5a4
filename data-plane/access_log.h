// AccessLog: the data plane's one info line per request ("GET /api/dev/pets
// 200 0.42ms <request id>"), formatted like Logger's lines but written in
// batches, so that logging costs no system call and no contended lock per
// request. Lines reach the Logger within flush_after_ms, or sooner under
// load (and the process log within Logger::kBatchMillis more).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "base/clock.h"
#include "base/log.h"
#include "net/io_pool.h"

namespace apigw::dp {

class AccessLog {
 public:
  static constexpr size_t kFlushBytes = 32 * 1024;

  AccessLog(Logger& log, Clock& clock, net::IoPool* pool, int flush_after_ms = 20);
  ~AccessLog();  // writes what is pending
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  bool enabled() const { return log_.Enabled(LogLevel::kInfo); }
  // Thread-safe.
  void Write(std::string_view method, std::string_view path, int status, int64_t micros,
             std::string_view request_id);
  // Writes every pending line now.
  void Flush();

 private:
  struct State;
  Logger& log_;
  std::shared_ptr<State> state_;
};

}  // namespace apigw::dp
