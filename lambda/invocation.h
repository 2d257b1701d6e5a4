// Invocation: one call of a function on its way through a pool — queued,
// handed to a process, finished — and the answer it owes its caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "lambda/invocation_log.h"
#include "lambda/invoker.h"
#include "net/io_pool.h"

namespace apigw::lambda {

struct Invocation {
  std::string request_id;
  std::string payload;
  std::string invoked_arn;       // the ARN as invoked (qualified when the caller qualified it)
  std::string client_context;    // decoded JSON for Lambda-Runtime-Client-Context; may be empty
  std::string cognito_identity;  // JSON for Lambda-Runtime-Cognito-Identity; may be empty
  bool tail_logs = false;
  int64_t max_wait_ms = 0;
  InvokeDone done;

  // Guarded by the owning pool's mutex.
  size_t origin_loop = SIZE_MAX;  // the IoPool loop Invoke was called on (SIZE_MAX: none)
  int passed_over = 0;            // times a later one was taken first (loop affinity)
  int64_t wait_deadline_us = 0;   // steady clock, from max_wait_ms (0: none); checked while queued
  std::shared_ptr<LogTail> tail;  // when tail_logs
};

}  // namespace apigw::lambda
