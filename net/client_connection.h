// ClientConnection: one outbound TCP (or TLS) connection of the HttpClient,
// bound to one loop. It connects, carries one request/response exchange at a
// time, and can watch itself while idle in the pool. Every method must be
// called on its loop; callbacks run there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "net/client_url.h"
#include "net/http_client.h"
#include "net/io_pool.h"

namespace apigw::net {

// The client's TLS settings (a verifying and a non-verifying context),
// defined where Asio is.
struct TlsContexts;
std::shared_ptr<TlsContexts> NewTlsContexts();

struct ExchangeResult {
  bool ok = false;
  ClientErrorKind kind = ClientErrorKind::kProtocol;
  std::string error;
  bool response_started = false;  // a response byte arrived: a retry could repeat the request's effect
  ClientResponse response;
};

class ClientConnection {
 public:
  static std::shared_ptr<ClientConnection> Create(IoPool& pool, size_t loop, std::shared_ptr<TlsContexts> tls);
  virtual ~ClientConnection() = default;

  virtual size_t loop() const = 0;
  // Resolves (IPv4 addresses first), connects and, for https, handshakes.
  // `done` gets an empty message on success, else the kind and message.
  virtual void Connect(const ClientUrl& url, bool verify_tls,
                       std::function<void(ClientErrorKind, std::string)> done) = 0;
  // Writes `head` and `body`, then reads one response.
  virtual void Exchange(std::string head, std::shared_ptr<const std::string> body, bool head_request,
                        size_t max_body_bytes, std::function<void(ExchangeResult)> done) = 0;
  // True after a complete exchange that leaves the connection fit for another.
  virtual bool reusable() const = 0;
  // What the connection calls when, while pooled, its peer closes or sends
  // anything (set once; the pool itself closes connections idle too long).
  virtual void set_on_dead(std::function<void()> on_dead) = 0;
  // Pooled from now on: report the peer's close or bytes. StopWatching() disarms.
  virtual void WatchIdle() = 0;
  virtual void StopWatching() = 0;
  // Closes now; pending callbacks are dropped.
  virtual void Close() = 0;
};

}  // namespace apigw::net
