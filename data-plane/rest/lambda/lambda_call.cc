// CallLambda. The first of the Invoker's answer and the timeout timer wins an
// atomic flag; the loser does nothing. The answer resumes directly when it
// arrives on a loop thread after CallLambda returned, otherwise through
// IoPool::Post (an answer given inline must not re-enter the pipeline).
#include "data-plane/rest/lambda/lambda_call.h"

#include <atomic>

#include "base/json.h"

namespace apigw::dp {

namespace {

struct PendingCall {
  std::atomic<bool> finished{false};  // the answer or the timeout has been taken
  std::atomic<bool> returned{false};  // CallLambda has returned
  std::shared_ptr<net::TimerHandle> timer;
  int64_t started_us = 0;
  LambdaCallDone done;
};

}  // namespace

void CallLambda(const std::shared_ptr<Invocation>& inv, lambda::InvokeRequest request, int timeout_ms,
                LambdaCallDone done) {
  const Services& services = inv->services;
  auto call = std::make_shared<PendingCall>();
  call->started_us = services.clock.MonotonicMicros();
  call->done = std::move(done);

  if (services.lambda == nullptr || services.loops == nullptr) {
    LambdaCallResult r;
    r.result.status = Status(500, "ServiceException", "no Lambda runner is wired to the data plane");
    services.log.Warn("data-plane", "Lambda integration without a Lambda runner");
    if (services.loops != nullptr) {
      services.loops->Post([call, inv, r = std::move(r)]() mutable { call->done(inv, std::move(r)); });
    } else {
      call->done(inv, std::move(r));  // no loops at all: only in unit tests of misconfiguration
    }
    return;
  }

  net::IoPool* loops = services.loops;
  std::weak_ptr<PendingCall> weak = call;
  call->timer = loops->RunAfter(timeout_ms, [weak, inv] {
    std::shared_ptr<PendingCall> c = weak.lock();
    if (!c || c->finished.exchange(true)) return;
    LambdaCallResult r;
    r.timed_out = true;
    r.latency_ms = (inv->services.clock.MonotonicMicros() - c->started_us) / 1000;
    c->done(inv, std::move(r));
  });

  request.max_wait_ms = timeout_ms;  // a queued invocation gives up with API Gateway
  services.lambda->Invoke(std::move(request), [call, inv, loops](lambda::InvokeResult result) {
    if (call->finished.exchange(true)) return;  // timed out already
    if (call->timer) call->timer->Cancel();
    LambdaCallResult r;
    r.result = std::move(result);
    r.latency_ms = (inv->services.clock.MonotonicMicros() - call->started_us) / 1000;
    if (call->returned.load() && loops->InLoopThread()) {
      call->done(inv, std::move(r));
    } else {
      loops->Post([call, inv, r = std::move(r)]() mutable { call->done(inv, std::move(r)); });
    }
  });
  call->returned.store(true);
}

std::string FunctionErrorMessage(std::string_view payload) {
  StatusOr<JsonDoc> doc = ParseJson(payload);
  if (!doc.ok() || !doc->IsObject()) return "";
  return GetString(*doc, "errorMessage").value_or("");
}

}  // namespace apigw::dp
