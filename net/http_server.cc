// HttpServer: the listening socket, the accept loop that spreads accepted
// sockets over the pool's loops, the per-loop timeout sweep, and Stop().
#include "net/http_server.h"

#include <arpa/inet.h>
#include <asio.hpp>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>

#include "net/io_loops.h"
#include "net/server_connection.h"
#include "net/server_core.h"

namespace apigw::net {

namespace {

constexpr int kAcceptBurst = 64;     // accepts per readiness event before yielding to the loop
constexpr int kAcceptRetryMs = 100;  // after EMFILE and the like

// The sweep runs often enough to honour the smallest timeout within ~10%.
int SweepIntervalMs(const HttpServerOptions& o) {
  int smallest = std::min(o.head_timeout_ms, o.idle_timeout_ms);
  return std::clamp(smallest / 10, 5, 1000);
}

void DescribePeer(const sockaddr_storage& addr, std::string& ip, uint16_t& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  } else {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  }
  ip = text;
  // An IPv4 client of a dual-stack listener shows as ::ffff:a.b.c.d.
  if (ip.rfind("::ffff:", 0) == 0 && ip.find('.') != std::string::npos) ip.erase(0, 7);
}

}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
  Impl(IoPool& pool, HttpServerOptions options, RequestHandler handler, Logger& log)
      : core(std::make_shared<ServerCore>(pool, std::move(options), std::move(handler), log, LoopsLifetime(pool))),
        acceptor(LoopContext(pool, 0)) {}

  std::shared_ptr<ServerCore> core;
  asio::ip::tcp::acceptor acceptor;  // on loop 0
  bool listening = false;
  bool serving = false;
  bool ipv6 = false;
  std::mutex stop_mu;                // serializes Stop() callers
  bool stop_done = false;

  IoPool& pool() { return core->pool; }
  const std::string& name() const { return core->options.name; }

  StatusOr<uint16_t> Bind() {
    if (listening) return Status::Internal(name() + ": already listening");
    asio::error_code ec;
    asio::ip::address address = asio::ip::make_address(core->options.host, ec);
    if (ec) {
      // A host name: resolve it once, here, before any loop work.
      asio::ip::tcp::resolver resolver(LoopContext(pool(), 0));
      auto results = resolver.resolve(core->options.host, std::to_string(core->options.port), ec);
      if (ec || results.empty()) {
        return Status::Internal(name() + ": cannot resolve " + core->options.host + ": " + ec.message());
      }
      address = results.begin()->endpoint().address();
      for (const auto& r : results) {
        if (r.endpoint().address().is_v4()) {
          address = r.endpoint().address();
          break;
        }
      }
    }
    asio::ip::tcp::endpoint endpoint(address, core->options.port);
    ipv6 = address.is_v6();
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(4096, ec);
    if (!ec) acceptor.non_blocking(true, ec);
    if (ec) {
      asio::error_code ignored;
      acceptor.close(ignored);
      return Status::Internal(name() + ": cannot listen on " + core->options.host + ":" +
                              std::to_string(core->options.port) + ": " + ec.message());
    }
    uint16_t port = acceptor.local_endpoint(ec).port();
    listening = true;

    const size_t loops = LoopCount(pool());
    for (size_t i = 0; i < loops; ++i) core->shards.push_back(std::make_unique<LoopShard>(i));
    for (size_t i = 0; i < loops; ++i) ScheduleSweep(core, i);
    return port;
  }

  void Serve() {
    if (!listening || serving) return;
    serving = true;
    auto self = shared_from_this();
    PostTo(pool(), 0, [self] { self->WaitAccept(); });
  }

  void WaitAccept() {
    if (core->stopped.load()) return;
    acceptor.async_wait(asio::socket_base::wait_read, [self = shared_from_this()](const asio::error_code& ec) {
      if (ec) {
        if (ec != asio::error::operation_aborted) {
          self->core->log.Warn(self->name(), "accept wait failed: " + ec.message());
        }
        return;
      }
      self->AcceptBurst();
    });
  }

  // Accepts until the backlog is empty (the readiness edge is then used up)
  // or a burst is done (then continues after other work on this loop).
  void AcceptBurst() {
    if (core->stopped.load()) return;
    const int listen_fd = acceptor.native_handle();
    for (int i = 0; i < kAcceptBurst; ++i) {
      sockaddr_storage addr;
      socklen_t len = sizeof addr;
      int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return WaitAccept();
        core->log.Warn(name(), std::string("accept failed: ") + std::strerror(errno));
        auto self = shared_from_this();
        RunAfterOn(pool(), 0, kAcceptRetryMs, [self] { self->AcceptBurst(); });
        return;
      }
      Dispatch(fd, addr);
    }
    asio::post(acceptor.get_executor(), [self = shared_from_this()] { self->AcceptBurst(); });
  }

  void Dispatch(int fd, const sockaddr_storage& addr) {
    if (core->open_connections.load() >= core->options.max_connections) {
      ::close(fd);
      return;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::string ip;
    uint16_t port = 0;
    DescribePeer(addr, ip, port);
    core->open_connections.fetch_add(1);
    const size_t loop = NextLoopIndex(pool());
    std::shared_ptr<ServerCore> c = core;
    bool v6 = addr.ss_family == AF_INET6;
    auto start = [c, loop, fd, v6, ip = std::move(ip), port]() mutable {
      if (c->stopped.load()) {
        ::close(fd);
        c->open_connections.fetch_sub(1);
        return;
      }
      StartServerConnection(c, *c->shards[loop], fd, v6, std::move(ip), port);
    };
    if (InLoop(pool(), loop)) {
      start();
    } else {
      PostTo(pool(), loop, std::move(start));
    }
  }

  static void ScheduleSweep(const std::shared_ptr<ServerCore>& core, size_t loop) {
    std::weak_ptr<ServerCore> weak = core;
    LoopShard& shard = *core->shards[loop];
    shard.sweep_timer = RunAfterOn(core->pool, loop, SweepIntervalMs(core->options), [weak, loop] {
      std::shared_ptr<ServerCore> c = weak.lock();
      if (!c || c->stopped.load()) return;
      Sweep(*c->shards[loop]);
      ScheduleSweep(c, loop);
    });
  }

  static void Sweep(LoopShard& shard) {
    const int64_t now = MonotonicMillis();
    // Members remove themselves when they close: work on a snapshot.
    std::vector<std::shared_ptr<ShardMember>> members = shard.members;
    for (auto& m : members) m->OnSweep(now);
  }

  static void CloseShard(LoopShard& shard) {
    if (shard.sweep_timer) shard.sweep_timer->Cancel();
    std::vector<std::shared_ptr<ShardMember>> members = shard.members;
    for (auto& m : members) m->CloseNow();
  }

  void Stop() {
    std::lock_guard<std::mutex> lock(stop_mu);
    if (stop_done) return;
    stop_done = true;
    core->stopped.store(true);
    if (!listening) return;
    const size_t loops = core->shards.size();
    if (!PoolRunning(pool())) {
      // The pool is stopping or stopped: no new work runs on the loops. A loop
      // thread finishing its last handler closes its own connections only
      // (another loop may still be in its own last handler); the rest close
      // with the pool. Any other caller comes after IoPool::Stop() (main's
      // shutdown order), when the loops no longer run.
      const bool on_loop = pool().InLoopThread();
      asio::error_code ec;
      if (!on_loop || InLoop(pool(), 0)) acceptor.close(ec);
      for (auto& shard : core->shards)
        if (!on_loop || InLoop(pool(), shard->index)) CloseShard(*shard);
      return;
    }
    // Each loop closes its own connections; wait for all of them unless we
    // are a loop thread ourselves (then waiting could deadlock).
    struct Latch {
      std::mutex mu;
      std::condition_variable cv;
      size_t left;
    };
    auto latch = std::make_shared<Latch>();
    latch->left = loops;
    auto self = shared_from_this();
    for (size_t i = 0; i < loops; ++i) {
      auto work = [self, latch, i] {
        if (i == 0) {
          asio::error_code ec;
          self->acceptor.close(ec);
        }
        CloseShard(*self->core->shards[i]);
        std::lock_guard<std::mutex> l(latch->mu);
        if (--latch->left == 0) latch->cv.notify_all();
      };
      if (InLoop(pool(), i)) {
        work();
      } else {
        PostTo(pool(), i, std::move(work));
      }
    }
    if (pool().InLoopThread()) return;
    std::unique_lock<std::mutex> l(latch->mu);
    // Bounded: a pool stopped meanwhile never runs the posted work.
    latch->cv.wait_for(l, std::chrono::seconds(5), [&] { return latch->left == 0; });
  }
};

HttpServer::HttpServer(IoPool& pool, HttpServerOptions options, RequestHandler handler, Logger& log)
    : impl_(std::make_shared<Impl>(pool, std::move(options), std::move(handler), log)) {}

HttpServer::~HttpServer() { Stop(); }

StatusOr<uint16_t> HttpServer::Listen() {
  StatusOr<uint16_t> port = impl_->Bind();
  if (port.ok()) impl_->Serve();
  return port;
}

StatusOr<uint16_t> HttpServer::Bind() { return impl_->Bind(); }

void HttpServer::Serve() { impl_->Serve(); }

void HttpServer::Stop() { impl_->Stop(); }

size_t HttpServer::open_connections() const { return impl_->core->open_connections.load(); }

}  // namespace apigw::net
