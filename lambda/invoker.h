// Invoker: how the rest of the emulator runs a Lambda function (the lambda
// Invoke operation, API Gateway Lambda integrations and authorizers).
// Asynchronous and thread-safe: Invoke never blocks, and `done` runs exactly
// once, on some other thread (or inline when the function cannot be resolved).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"

namespace apigw::lambda {

enum class InvocationType {
  kRequestResponse,  // run and answer with the result
  kEvent,            // queue and answer at once (StatusCode 202); the result is only logged
  kDryRun,           // check the function resolves; run nothing (StatusCode 204)
};

struct InvokeRequest {
  // A name, partial ARN or ARN, optionally ending in ":qualifier".
  std::string function;
  // A version number, alias or "$LATEST"; empty: the one in `function`, else $LATEST.
  std::string qualifier;
  // The caller's region, used when `function` names none.
  std::string region = "us-east-1";
  std::string payload;  // the event, as bytes (JSON)
  InvocationType type = InvocationType::kRequestResponse;
  // X-Amz-Client-Context: base64 of a JSON object; passed to the runtime decoded.
  std::string client_context_base64;
  // JSON of the Cognito identity (Lambda-Runtime-Cognito-Identity), or empty.
  std::string cognito_identity;
  // Keep the invocation's log tail in InvokeResult::log_tail (LogType=Tail).
  bool tail_logs = false;
  // The caller gives up after this long (e.g. API Gateway's 29 s integration
  // timeout); the invocation then ends with a timeout error even if queued. 0: no limit.
  int64_t max_wait_ms = 0;
  // The request id the function sees; a fresh UUID when empty.
  std::string request_id;
};

struct InvokeResult {
  // Not OK when nothing ran: the function does not exist (ResourceNotFoundException),
  // is throttled (TooManyRequestsException), the request is invalid, ... The
  // type and message are AWS's; nothing else below is meaningful then.
  Status status;
  int status_code = 200;       // 200, or 202 (Event), 204 (DryRun)
  std::string payload;         // the function's response, or its error document
  std::string function_error;  // "" on success, else "Unhandled" (X-Amz-Function-Error)
  std::string log_tail;        // the last 4 KB of the invocation's log (when asked for), raw text
  std::string executed_version;  // "$LATEST", "1", ...
  std::string request_id;
};

using InvokeDone = std::function<void(InvokeResult)>;

class Invoker {
 public:
  virtual ~Invoker() = default;
  virtual void Invoke(InvokeRequest request, InvokeDone done) = 0;
};

}  // namespace apigw::lambda
