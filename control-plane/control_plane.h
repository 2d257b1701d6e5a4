// ControlPlane: the dispatcher of the AWS management APIs. Each request is
// routed to a service (SigV4 scope or path) and one of its model's operations
// (method + URI template), decoded and validated into the operation's input,
// handed to the registered handler, and the handler's output or error written
// back as the service's rest-json protocol says.
//
// Threading: Handle runs on the caller's (the HTTP server's) thread. Handlers
// of read-only operations (HTTP GET) run under a shared lock, all others under
// an exclusive one, so handlers need no locking of their own. Async handlers
// run unlocked and lock what they need.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "control-plane/protocol/operation.h"
#include "control-plane/protocol/operation_router.h"
#include "control-plane/protocol/service_models.h"
#include "net/http_server.h"

namespace apigw::cp {

struct ControlPlaneOptions {
  std::string default_region = "us-east-1";  // for unsigned requests
  std::string account_id = "000000000000";
  // The services this listener speaks; others answer UnknownOperationException.
  std::vector<std::string> services = {"apigateway", "apigatewayv2", "lambda"};
};

class ControlPlane {
 public:
  // Everything passed in must outlive the ControlPlane.
  ControlPlane(const ServiceModels& models, const OperationTable& operations, Logger& log, Clock& clock,
               IdSource& ids, ControlPlaneOptions options);
  ControlPlane(const ControlPlane&) = delete;
  ControlPlane& operator=(const ControlPlane&) = delete;

  // For net::HttpServer; the ControlPlane must outlive the server.
  net::RequestHandler handler();
  // Answers one request through `writer`, exactly once (later, for async handlers).
  void Handle(net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer);

 private:
  struct Route {
    std::once_flag once;
    std::unique_ptr<OperationRouter> router;  // nullptr when the model failed to load
  };
  struct Call;

  const OperationRouter* RouterFor(const std::string& service);
  void Finish(Call& call, net::HttpResponse response);

  const ServiceModels& models_;
  const OperationTable& operations_;
  Logger& log_;
  Clock& clock_;
  IdSource& ids_;
  const ControlPlaneOptions options_;
  std::map<std::string, std::unique_ptr<Route>> routes_;  // one per served service; fixed after construction
  std::shared_mutex handlers_mu_;  // GET handlers share it; all others hold it alone
};

}  // namespace apigw::cp
