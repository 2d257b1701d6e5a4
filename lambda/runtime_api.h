// The Lambda Runtime API (2018-06-01) as a function process sees it: the
// routes, the headers of an invocation event, and the answers, served on a
// loopback port of its own per process (AWS_LAMBDA_RUNTIME_API).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "net/http_server.h"

namespace apigw::lambda {

enum class RuntimeCall {
  kNext,        // GET  /2018-06-01/runtime/invocation/next
  kResponse,    // POST /2018-06-01/runtime/invocation/{id}/response
  kError,       // POST /2018-06-01/runtime/invocation/{id}/error
  kInitError,   // POST /2018-06-01/runtime/init/error
  kNotFound,    // any other path
  kBadMethod,   // a known path with another method
};

struct RuntimeRoute {
  RuntimeCall call = RuntimeCall::kNotFound;
  std::string request_id;  // for kResponse / kError
};

RuntimeRoute RouteRuntimeCall(std::string_view method, std::string_view path);

// What a process's Runtime API forwards to (its sandbox). Each call must
// answer `writer` exactly once; kNext may answer much later (long poll).
class RuntimeApiEndpoint {
 public:
  virtual ~RuntimeApiEndpoint() = default;
  virtual void OnNext(std::shared_ptr<net::ResponseWriter> writer) = 0;
  virtual void OnResult(bool is_error, std::string request_id, net::HttpRequest request,
                        std::shared_ptr<net::ResponseWriter> writer) = 0;
  virtual void OnInitError(net::HttpRequest request, std::shared_ptr<net::ResponseWriter> writer) = 0;
};

// A request handler for one process's server; forwards to `endpoint` while it lives.
net::RequestHandler RuntimeApiHandler(std::weak_ptr<RuntimeApiEndpoint> endpoint);

// The answers the Runtime API gives (bodies as RAPID writes them).
net::HttpResponse RuntimeAccepted();                      // 202 {"status":"OK"}
net::HttpResponse RuntimeInvalidRequestId();              // 400 InvalidRequestID
net::HttpResponse RuntimeInvalidState();                  // 403 InvalidStateTransition
net::HttpResponse RuntimePayloadTooLarge();               // 413 RequestEntityTooLarge
net::HttpResponse RuntimeNotFound();                      // 404
net::HttpResponse RuntimeGone();                          // 410: the process is being stopped

}  // namespace apigw::lambda
