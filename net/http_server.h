// HttpServer: an HTTP/1.1 listener on the IoPool with keep-alive, pipelining,
// asynchronous responses, limits against slow or idle clients, and a hook that
// hands `Upgrade:` requests (WebSocket) their raw connection, so one port serves
// both.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/log.h"
#include "base/status_or.h"
#include "net/http_message.h"
#include "net/io_pool.h"

namespace apigw::net {

// Answers one request, exactly once, from any thread. When the client has gone
// the answer is dropped. Responses on one connection are written in request
// order even when answered out of order (pipelining).
class ResponseWriter {
 public:
  virtual ~ResponseWriter() = default;
  virtual void Send(HttpResponse response) = 0;
  // False once the client has closed or the connection failed.
  virtual bool Connected() const = 0;
};

// A connection taken over after an `Upgrade:` request (WebSocket). Callbacks
// run on the connection's loop thread; Write/Close may be called from any thread.
class UpgradedConnection {
 public:
  virtual ~UpgradedConnection() = default;
  // The exact bytes of the upgrade request as received (head and any bytes after it).
  virtual const std::string& raw_request() const = 0;
  // Starts reading: `on_data` for every chunk, then `on_close` once (EOF, error or Close()).
  virtual void Start(std::function<void(std::string_view)> on_data, std::function<void()> on_close) = 0;
  virtual void Write(std::string bytes) = 0;
  virtual void Close() = 0;  // after pending writes are flushed
  virtual const std::string& remote_ip() const = 0;
};

using RequestHandler = std::function<void(HttpRequest&& request, std::shared_ptr<ResponseWriter> writer)>;
using UpgradeHandler = std::function<void(HttpRequest&& request, std::shared_ptr<UpgradedConnection> connection)>;

struct HttpServerOptions {
  std::string name = "http";      // for log lines
  std::string host = "127.0.0.1";
  uint16_t port = 0;              // 0 = any free port
  size_t max_body_bytes = 10 * 1024 * 1024;  // larger: answered by too_large, then closed
  size_t max_head_bytes = 64 * 1024;         // request line + headers; larger: 431
  // A request head must be complete within this from its first byte, and its
  // body within this from the end of the head; otherwise the connection closes.
  // A new connection's first head is due within this from the accept.
  int head_timeout_ms = 15000;
  // An idle keep-alive connection is closed after this; so is one whose
  // client has not read any of a pending response for this long.
  int idle_timeout_ms = 65000;
  size_t max_connections = 20000; // past this, new connections are closed at once
  // Say "Connection: keep-alive" on every response that leaves the connection
  // open, not only to HTTP/1.0 clients (API Gateway's endpoints do: every
  // recorded keep-alive response carries it, test_apigateway_http.snapshot.json).
  bool announce_keep_alive = false;
  // The answer to a body over max_body_bytes; default 413 {"message":"Request Too Long"}.
  std::function<HttpResponse(const HttpRequest&)> too_large;
  // When set, requests with "Upgrade: websocket" go here instead of to the handler.
  UpgradeHandler on_upgrade;
};

// Threads: the handler runs on a loop thread and must not block; answer
// later through the ResponseWriter from any thread. Malformed requests get
// 400, other HTTP versions 505, oversized heads 431, and the connection closes.
// Destroy the server before its IoPool; ResponseWriters and
// UpgradedConnections may outlive both (their calls are then dropped).
class HttpServer {
 public:
  HttpServer(IoPool& pool, HttpServerOptions options, RequestHandler handler, Logger& log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting; returns the bound port (useful with port 0).
  StatusOr<uint16_t> Listen();
  // Listen() in two steps: Bind() takes the port (connections wait in the
  // kernel's backlog), Serve() starts accepting them. Lets the caller finish
  // setup that needs the port before any handler can run.
  StatusOr<uint16_t> Bind();
  void Serve();
  // Stops accepting and closes every connection. Called from outside the
  // loops it returns once no handler runs or will run; idempotent.
  void Stop();
  size_t open_connections() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace apigw::net
