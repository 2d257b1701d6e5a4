// HttpClient: an asynchronous HTTP/1.1 client on the IoPool with pooled
// keep-alive connections per origin, per-request timeouts and http/https.
// Integrations use it; nothing here blocks a loop thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/log.h"
#include "net/http_message.h"
#include "net/io_pool.h"

namespace apigw::net {

struct ClientRequest {
  std::string method = "GET";
  std::string url;          // absolute: http://host[:port]/path?query or https://...
  Headers headers;          // Host and Content-Length are set by the client when absent
  std::string body;
  int timeout_ms = 29000;   // connect + send + whole response
  bool insecure_skip_verify = false;  // https: do not verify the server certificate
};

struct ClientResponse {
  int status = 0;
  Headers headers;
  std::string body;         // de-chunked; Content-Encoding untouched
};

enum class ClientErrorKind {
  kTimeout,     // timeout_ms elapsed
  kConnect,     // DNS failure, refused, unreachable
  kProtocol,    // malformed or truncated response, or the peer closed early
  kTls,         // handshake or verification failure
  kInvalidUrl,
  kTooLarge,    // response body over the client's limit
};

struct ClientResult {
  bool ok() const { return error_message.empty(); }
  ClientResponse response;              // when ok()
  ClientErrorKind error_kind = ClientErrorKind::kProtocol;
  std::string error_message;            // non-empty on failure
};

struct HttpClientOptions {
  size_t max_idle_per_origin = 256;
  int idle_timeout_ms = 30000;
  size_t max_response_bytes = 64 * 1024 * 1024;
};

// Destroy the client before its IoPool; requests in flight still complete
// (or time out) and call `done`.
class HttpClient {
 public:
  HttpClient(IoPool& pool, HttpClientOptions options, Logger& log);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request`; `done` runs exactly once on a loop thread, never inline.
  void Send(ClientRequest request, std::function<void(ClientResult)> done);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace apigw::net
