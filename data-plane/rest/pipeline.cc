// The order of a REST invocation, written in one place. Throttling/quota and
// request validation join this list, each as one more stage file, when they
// exist.
#include "data-plane/rest/pipeline.h"

#include "data-plane/rest/gateway_response.h"
#include "data-plane/rest/stages/stages.h"

namespace apigw::dp {

namespace {

constexpr StageFn kRestStages[] = {
    MatchRoute,   // route match
    Authorize,    // authorization (Lambda authorizers)
                  // throttling / quota (later)
                  // request validation (later)
    MapRequest,   // request mapping
    Integrate,    // integration
    MapResponse,  // response mapping
};                // then: gateway response (on error), in Finish

void Finish(Invocation& inv) {
  if (inv.error) {
    SendResponse(inv, RenderGatewayResponse(*inv.error, inv));
    return;
  }
  net::HttpResponse response = std::move(inv.response);
  // X-Amzn-Trace-Id on successful responses of integrations other than
  // HTTP_PROXY and MOCK (recorded AWS responses: test_apigateway_common
  // .snapshot.json test_invocation_trace_id, test_apigateway_http.snapshot.json).
  if (inv.method && inv.method->integration) {
    IntegrationType type = inv.integration().type;
    if (type != IntegrationType::kHttpProxy && type != IntegrationType::kMock && !inv.trace_id.empty() &&
        !response.headers.Has("X-Amzn-Trace-Id"))
      response.headers.Add("X-Amzn-Trace-Id", inv.trace_id);
  }
  SendResponse(inv, std::move(response));
}

}  // namespace

void RunRestPipeline(std::shared_ptr<Invocation> inv) {
  constexpr size_t kCount = sizeof(kRestStages) / sizeof(kRestStages[0]);
  while (inv->next_stage < kCount && !inv->error) {
    StageResult result = kRestStages[inv->next_stage++](inv);
    if (result == StageResult::kAsync) return;
    if (result == StageResult::kStop) break;
  }
  Finish(*inv);
}

void FinalizeResponse(const Invocation& inv, net::HttpResponse& response) {
  response.headers.Set("x-amzn-RequestId", inv.context.request_id);
  response.headers.Set("x-amz-apigw-id", inv.context.extended_request_id);
  // A HEAD answer keeps its body here: the server sends the headers that body
  // implies (Content-Length) and not the body itself.
}

void LogRequest(const Invocation& inv, int status) {
  AccessLog& log = inv.services.access_log;
  if (!log.enabled()) return;
  log.Write(inv.request.method, inv.request.path, status, inv.services.clock.MonotonicMicros() - inv.started_us,
            inv.context.request_id);
}

void SendResponse(Invocation& inv, net::HttpResponse response) {
  FinalizeResponse(inv, response);
  int status = response.status;
  inv.writer->Send(std::move(response));
  LogRequest(inv, status);
}

}  // namespace apigw::dp
