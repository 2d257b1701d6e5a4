// DataPlane: serves deployed stages. The emulator wires handler() to a
// net::HttpServer on the data port (after ConfigureServer) and hands sink()
// to the control plane, which publishes every stage there.
//
// Threads: handler() runs on the server's loop threads and answers MOCK
// requests inline; an HTTP or AWS service integration continues on the loop
// thread the HttpClient calls back on; a Lambda integration or authorizer
// continues on a loop thread after the Invoker's answer hops back there
// (rest/lambda/lambda_call.h). No stage blocks (templates are CPU only). Shared
// state: the StageRegistry (a mutex held only to copy or swap one pointer;
// stages compile on the publishing thread, before it is taken), the
// AccessLog (a mutex around a line buffer) and the AuthorizerCache (a mutex
// around its map). Each request holds its
// CompiledStage, immutable, until it is answered.
//
// Lifetime: stop the HttpServer and the IoPool before destroying the
// DataPlane; pending integrations refer to it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "data-plane/stage_registry.h"
#include "deployment/published_stage.h"
#include "net/http_client.h"
#include "net/http_server.h"
#include "net/io_pool.h"

namespace apigw::lambda {
class Invoker;
}  // namespace apigw::lambda

namespace apigw::dp {

struct DataPlaneOptions {
  // API Gateway's payload quota for REST APIs: 10 MB; larger requests answer
  // 413 REQUEST_TOO_LARGE.
  size_t max_body_bytes = 10 * 1024 * 1024;
  // Where AWS service integrations send each service's requests: entries
  // "service=http://host:port" or "http://host:port" (every service), as the
  // --aws-endpoint flag gives them (see aws/aws_endpoints.h). Entries that do
  // not parse are logged and ignored.
  std::vector<std::string> aws_endpoints;
};

class DataPlane {
 public:
  DataPlane(net::IoPool& pool, net::HttpClient& client, Logger& log, Clock& clock, IdSource& ids,
            DataPlaneOptions options = {});
  ~DataPlane();
  DataPlane(const DataPlane&) = delete;
  DataPlane& operator=(const DataPlane&) = delete;

  StageSink& sink();
  // The runner Lambda integrations and authorizers invoke (none: they answer
  // 5xx). Set before the data port serves; it must outlive the DataPlane's use.
  void set_lambda_invoker(lambda::Invoker* invoker);
  // Answers one data-plane request. Never blocks; thread-safe. The handler
  // must not outlive the DataPlane.
  net::RequestHandler handler();
  // Sets the body limit and the answer to a body over it on the data port's
  // server options.
  void ConfigureServer(net::HttpServerOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace apigw::dp
