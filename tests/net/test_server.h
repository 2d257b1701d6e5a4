// Test fixture: a started IoPool and an HttpServer listening on 127.0.0.1,
// port 0, torn down in the right order.
#pragma once

#include <doctest/doctest.h>

#include <memory>

#include "base/log.h"
#include "net/http_server.h"
#include "net/io_pool.h"

namespace apigw::net::testing {

struct TestServer {
  explicit TestServer(RequestHandler handler, HttpServerOptions options = HttpServerOptions(), int threads = 2)
      : pool(threads) {
    pool.Start();
    server = std::make_unique<HttpServer>(pool, std::move(options), std::move(handler), log);
    auto bound = server->Listen();
    REQUIRE(bound.ok());
    port = *bound;
  }
  ~TestServer() {
    server->Stop();
    server.reset();
    pool.Stop();
  }

  Logger log{LogLevel::kOff};
  IoPool pool;
  std::unique_ptr<HttpServer> server;
  uint16_t port = 0;
};

// A handler answering 200 with the request's method, path and body.
inline RequestHandler EchoHandler() {
  return [](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    w->Send(HttpResponse::Text(200, req.method + " " + req.path + " " + req.body));
  };
}

}  // namespace apigw::net::testing
