// ClientConnection: Asio resolves and connects; https then runs on Asio's SSL
// stream over the socket. Plain http leaves Asio once connected: the socket
// joins its loop's LoopPoller, the request goes out with one sendmsg() and
// the response comes in with recv() until the poller has nothing more to
// report, and the same registration watches the connection while it is
// pooled (no system call to arm either). Every callback checks `closed_`
// first, so a Close() (timeout, pool eviction) silences whatever was still in
// flight.
#include "net/client_connection.h"

#include <asio.hpp>
#include <asio/ssl.hpp>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <future>
#include <mutex>
#include <optional>
#include <vector>

#include "net/io_loops.h"
#include "net/loop_poller.h"
#include "net/response_parser.h"

namespace apigw::net {

// The client's two TLS contexts. Loading the system's CA bundle takes tens of
// milliseconds, which neither startup nor a loop thread should wait for: a
// background task builds them at once, and the first https connection waits
// only if it comes sooner.
struct TlsContexts {
  TlsContexts() : warm_(std::async(std::launch::async, [this] { Init(); })) {}
  ~TlsContexts() { warm_.wait(); }

  asio::ssl::context& Get(bool verify) {
    Init();
    return verify ? *verify_ : *insecure_;
  }

 private:
  void Init() {
    std::call_once(once_, [this] {
      verify_.emplace(asio::ssl::context::tls_client);
      insecure_.emplace(asio::ssl::context::tls_client);
      asio::error_code ec;
      verify_->set_default_verify_paths(ec);
      verify_->set_verify_mode(asio::ssl::verify_peer);
      insecure_->set_verify_mode(asio::ssl::verify_none);
    });
  }

  std::once_flag once_;
  std::optional<asio::ssl::context> verify_;
  std::optional<asio::ssl::context> insecure_;
  std::future<void> warm_;  // last: joined first on destruction
};

std::shared_ptr<TlsContexts> NewTlsContexts() { return std::make_shared<TlsContexts>(); }

namespace {

using asio::ip::tcp;

constexpr size_t kReadChunk = 16 * 1024;

bool IsIpLiteral(const std::string& host) {
  asio::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

class Conn final : public ClientConnection, public PollHandler, public std::enable_shared_from_this<Conn> {
 public:
  Conn(IoPool& pool, size_t loop, std::shared_ptr<TlsContexts> tls)
      : lifetime_(LoopsLifetime(pool)),
        loop_(loop),
        ctx_(LoopContext(pool, loop)),
        poller_(PollerOf(pool, loop)),
        tls_contexts_(std::move(tls)),
        resolver_(ctx_),
        socket_(ctx_) {}

  // A descriptor nobody closed (the pool went away with the connection registered).
  ~Conn() override {
    if (fd_ >= 0) ::close(fd_);
  }

  size_t loop() const override { return loop_; }

  void Connect(const ClientUrl& url, bool verify_tls,
               std::function<void(ClientErrorKind, std::string)> done) override {
    connect_done_ = std::move(done);
    host_ = url.host;
    port_ = url.port;
    https_ = url.https;
    verify_ = verify_tls;
    resolver_.async_resolve(url.host, std::to_string(url.port), tcp::resolver::numeric_service,
                            [self = shared_from_this()](const asio::error_code& ec, tcp::resolver::results_type r) {
                              if (self->closed_) return;
                              if (ec || r.empty()) {
                                return self->ConnectDone(ClientErrorKind::kConnect,
                                                         "cannot resolve " + self->host_ + ": " + ec.message());
                              }
                              self->ConnectTo(r);
                            });
  }

  void Exchange(std::string head, std::shared_ptr<const std::string> body, bool head_request,
                size_t max_body_bytes, std::function<void(ExchangeResult)> done) override {
    head_ = std::move(head);
    body_ = std::move(body);
    exchange_done_ = std::move(done);
    reusable_ = false;
    if (!parser_) parser_ = std::make_unique<ResponseParser>(max_body_bytes);
    parser_->Reset(head_request);
    if (fd_ >= 0) {
      auto self = shared_from_this();  // a response already waiting completes the exchange in here
      exchanging_ = true;
      written_ = 0;
      return WriteRequest();
    }
    std::array<asio::const_buffer, 2> out = {asio::buffer(head_),
                                             body_ ? asio::buffer(*body_) : asio::const_buffer()};
    auto on_written = [self = shared_from_this()](const asio::error_code& ec, size_t) {
      if (self->closed_) return;
      if (ec) return self->ExchangeFailed(ClientErrorKind::kProtocol, "sending the request failed: " + ec.message());
      self->ReadMore();
    };
    if (tls_) {
      asio::async_write(*tls_, out, std::move(on_written));
    } else {
      asio::async_write(socket_, out, std::move(on_written));
    }
  }

  bool reusable() const override { return reusable_ && !closed_; }

  void set_on_dead(std::function<void()> on_dead) override { on_dead_ = std::move(on_dead); }

  void WatchIdle() override {
    const uint64_t gen = ++watch_gen_;
    if (fd_ >= 0) {
      // The poller reports any byte or the peer's close from now on
      // (OnPollEvents); one that came already ends the watch at once.
      watching_ = true;
      if (readable_ || peer_closing_) asio::post(ctx_, [self = shared_from_this(), gen] { self->Dead(gen); });
      return;
    }
    socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this(), gen](const asio::error_code& ec) {
      if (!ec) self->Dead(gen);
    });
  }

  void StopWatching() override {
    ++watch_gen_;
    watching_ = false;
    if (fd_ >= 0) return;
    asio::error_code ec;
    socket_.cancel(ec);
  }

  void Close() override {
    if (closed_) return;
    auto self = shared_from_this();  // the poller may hold the last reference
    closed_ = true;
    ++watch_gen_;
    resolver_.cancel();
    asio::error_code ec;
    socket_.close(ec);
    if (fd_ >= 0) {
      poller_.Remove(entry_);
      entry_ = nullptr;
      ::close(fd_);
      fd_ = -1;
    }
    connect_done_ = nullptr;
    exchange_done_ = nullptr;
    on_dead_ = nullptr;
  }

 private:
  void ConnectTo(const tcp::resolver::results_type& results) {
    std::vector<tcp::endpoint> endpoints;
    for (const auto& r : results)
      if (r.endpoint().address().is_v4()) endpoints.push_back(r.endpoint());
    for (const auto& r : results)
      if (!r.endpoint().address().is_v4()) endpoints.push_back(r.endpoint());
    asio::async_connect(socket_, endpoints, [self = shared_from_this()](const asio::error_code& ec, const tcp::endpoint&) {
      if (self->closed_) return;
      if (ec) {
        return self->ConnectDone(ClientErrorKind::kConnect, "cannot connect to " + self->host_ + ":" +
                                                                std::to_string(self->port_) + ": " + ec.message());
      }
      asio::error_code ignored;
      self->socket_.set_option(tcp::no_delay(true), ignored);
      if (self->https_) return self->Handshake();
      self->JoinPoller();
    });
  }

  void Handshake() {
    asio::ssl::context& ctx = tls_contexts_->Get(verify_);
    tls_ = std::make_unique<asio::ssl::stream<tcp::socket&>>(socket_, ctx);
    if (!IsIpLiteral(host_)) SSL_set_tlsext_host_name(tls_->native_handle(), host_.c_str());  // SNI
    if (verify_) {
      tls_->set_verify_mode(asio::ssl::verify_peer);
      tls_->set_verify_callback(asio::ssl::host_name_verification(host_));
    } else {
      tls_->set_verify_mode(asio::ssl::verify_none);
    }
    tls_->async_handshake(asio::ssl::stream_base::client, [self = shared_from_this()](const asio::error_code& ec) {
      if (self->closed_) return;
      if (ec) {
        return self->ConnectDone(ClientErrorKind::kTls, "TLS handshake with " + self->host_ + " failed: " + ec.message());
      }
      self->ConnectDone(ClientErrorKind::kTls, "");
    });
  }

  // Plain http: the connected socket leaves Asio for the loop's poller.
  void JoinPoller() {
    asio::error_code ec;
    socket_.non_blocking(true, ec);
    int fd = ec ? -1 : socket_.release(ec);
    if (ec || fd < 0) return ConnectDone(ClientErrorKind::kConnect, "cannot connect to " + host_ + ": " + ec.message());
    entry_ = poller_.Add(fd, shared_from_this());
    if (!entry_) {
      const int err = errno;
      ::close(fd);
      return ConnectDone(ClientErrorKind::kConnect, "cannot connect to " + host_ + ": " + std::strerror(err));
    }
    fd_ = fd;
    ConnectDone(ClientErrorKind::kConnect, "");
  }

  void OnPollEvents(uint32_t events) override {
    if (closed_) return;
    if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) peer_closing_ = true;
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) readable_ = true;
    if ((events & (EPOLLOUT | EPOLLHUP | EPOLLERR)) && write_blocked_) {
      write_blocked_ = false;
      WriteRequest();
      if (closed_) return;
    }
    if (!readable_) return;
    if (watching_) return Dead(watch_gen_);  // a pooled connection must stay silent
    if (exchanging_ && !write_blocked_ && written_ == RequestSize()) ReadResponse();
  }

  size_t RequestSize() const { return head_.size() + (body_ ? body_->size() : 0); }

  // Writes what is left of head_ and body_ (plain http); the poller reports
  // when a full socket takes bytes again.
  void WriteRequest() {
    const size_t body_size = body_ ? body_->size() : 0;
    const size_t total = head_.size() + body_size;
    while (written_ < total) {
      struct iovec iov[2];
      int count = 0;
      if (written_ < head_.size()) {
        iov[count].iov_base = const_cast<char*>(head_.data() + written_);
        iov[count++].iov_len = head_.size() - written_;
      }
      const size_t body_done = written_ > head_.size() ? written_ - head_.size() : 0;
      if (body_done < body_size) {
        iov[count].iov_base = const_cast<char*>(body_->data() + body_done);
        iov[count++].iov_len = body_size - body_done;
      }
      struct msghdr msg = {};
      msg.msg_iov = iov;
      msg.msg_iovlen = static_cast<size_t>(count);
      ssize_t n = ::sendmsg(fd_, &msg, MSG_NOSIGNAL);
      if (n >= 0) {
        written_ += static_cast<size_t>(n);
        continue;
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        write_blocked_ = true;
        return;
      }
      // Reported from the loop, never from inside Exchange().
      std::string error = std::string("sending the request failed: ") + std::strerror(errno);
      asio::post(ctx_, [self = shared_from_this(), error = std::move(error)]() mutable {
        if (!self->closed_) self->ExchangeFailed(ClientErrorKind::kProtocol, std::move(error));
      });
      return;
    }
    // Bytes that came while writing (or while pooled) are read now; otherwise
    // the poller reports the response.
    if (readable_) ReadResponse();
  }

  // Reads until the response is complete or the socket is drained (plain http).
  void ReadResponse() {
    LoopPoller::ReadBuffer buffer(poller_);
    char* buf = buffer.data();
    const size_t cap = buffer.size();
    while (readable_) {
      ssize_t n = ::recv(fd_, buf, cap, 0);
      if (n > 0) {
        const size_t got = static_cast<size_t>(n);
        if (got < cap && !peer_closing_) readable_ = false;
        size_t used = parser_->Feed(buf, got);
        if (parser_->state() == ResponseParser::State::kComplete) {
          // Bytes after the response mean the framing is not what we think;
          // so does a close behind it. A full read may hide more bytes.
          reusable_ = used == got && parser_->keep_alive() && !peer_closing_ && (!readable_ || Drained());
          return ExchangeSucceeded();
        }
        if (parser_->state() == ResponseParser::State::kError) {
          return ExchangeFailed(parser_->too_large() ? ClientErrorKind::kTooLarge : ClientErrorKind::kProtocol,
                                parser_->error());
        }
        continue;
      }
      if (n == 0) {
        readable_ = false;
        peer_closing_ = true;
        parser_->FeedEof();
        if (parser_->state() == ResponseParser::State::kComplete) return ExchangeSucceeded();
        return ExchangeFailed(ClientErrorKind::kProtocol, parser_->error());
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        readable_ = false;
        return;
      }
      return ExchangeFailed(ClientErrorKind::kProtocol, std::string("reading the response failed: ") + std::strerror(errno));
    }
  }

  // True when nothing is waiting on the socket (after a read that filled the buffer).
  bool Drained() {
    char byte;
    for (;;) {
      ssize_t n = ::recv(fd_, &byte, 1, MSG_PEEK);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        readable_ = false;
        return true;
      }
      return false;
    }
  }

  void ConnectDone(ClientErrorKind kind, std::string error) {
    auto cb = std::move(connect_done_);
    connect_done_ = nullptr;
    if (cb) cb(kind, std::move(error));
  }

  void ReadMore() {
    if (buffer_.empty()) buffer_.resize(kReadChunk);
    auto on_read = [self = shared_from_this()](const asio::error_code& ec, size_t n) { self->OnRead(ec, n); };
    if (tls_) {
      tls_->async_read_some(asio::buffer(buffer_), std::move(on_read));
    } else {
      socket_.async_read_some(asio::buffer(buffer_), std::move(on_read));
    }
  }

  void OnRead(const asio::error_code& ec, size_t n) {
    if (closed_) return;
    if (n > 0) {
      size_t used = parser_->Feed(buffer_.data(), n);
      if (parser_->state() == ResponseParser::State::kComplete) {
        // Bytes after the response mean the framing is not what we think.
        reusable_ = used == n && parser_->keep_alive();
        return ExchangeSucceeded();
      }
      if (parser_->state() == ResponseParser::State::kError) {
        return ExchangeFailed(parser_->too_large() ? ClientErrorKind::kTooLarge : ClientErrorKind::kProtocol,
                              parser_->error());
      }
      if (!ec) return ReadMore();
    }
    if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
      parser_->FeedEof();
      if (parser_->state() == ResponseParser::State::kComplete) return ExchangeSucceeded();
      return ExchangeFailed(ClientErrorKind::kProtocol, parser_->error());
    }
    ExchangeFailed(ClientErrorKind::kProtocol, "reading the response failed: " + ec.message());
  }

  void ExchangeSucceeded() {
    ExchangeResult r;
    r.ok = true;
    r.response_started = true;
    r.response = std::move(parser_->response());
    Deliver(std::move(r));
  }

  void ExchangeFailed(ClientErrorKind kind, std::string error) {
    ExchangeResult r;
    r.kind = kind;
    r.error = std::move(error);
    r.response_started = parser_ && parser_->started();
    reusable_ = false;
    Deliver(std::move(r));
  }

  void Deliver(ExchangeResult r) {
    exchanging_ = false;
    write_blocked_ = false;
    head_.clear();
    body_.reset();
    auto cb = std::move(exchange_done_);
    exchange_done_ = nullptr;
    if (cb) cb(std::move(r));
  }

  void Dead(uint64_t gen) {
    if (closed_ || gen != watch_gen_) return;
    ++watch_gen_;
    watching_ = false;
    if (!on_dead_) return;
    std::function<void()> cb = on_dead_;  // it may close us, which drops on_dead_
    cb();
  }

  const std::shared_ptr<void> lifetime_;  // first: destroyed after the Asio objects below
  const size_t loop_;
  asio::io_context& ctx_;
  LoopPoller& poller_;
  std::shared_ptr<TlsContexts> tls_contexts_;
  tcp::resolver resolver_;
  tcp::socket socket_;
  std::unique_ptr<asio::ssl::stream<tcp::socket&>> tls_;
  std::unique_ptr<ResponseParser> parser_;
  std::vector<char> buffer_;  // https reads

  // Plain http, once connected: the socket in the poller.
  int fd_ = -1;
  LoopPoller::Entry* entry_ = nullptr;
  size_t written_ = 0;           // bytes of head_ and body_ sent
  bool exchanging_ = false;      // between Exchange() and its result
  bool watching_ = false;        // pooled: any byte or close ends the connection
  bool readable_ = false;        // bytes (or the end) may be waiting: read before waiting for the poller
  bool peer_closing_ = false;    // the poller reported the peer's close (or an error)
  bool write_blocked_ = false;   // the socket was full: the poller reports room

  std::string host_;
  uint16_t port_ = 0;
  bool https_ = false;
  bool verify_ = true;

  std::string head_;
  std::shared_ptr<const std::string> body_;
  std::function<void(ClientErrorKind, std::string)> connect_done_;
  std::function<void(ExchangeResult)> exchange_done_;
  std::function<void()> on_dead_;
  uint64_t watch_gen_ = 0;
  bool reusable_ = false;
  bool closed_ = false;
};

}  // namespace

std::shared_ptr<ClientConnection> ClientConnection::Create(IoPool& pool, size_t loop,
                                                           std::shared_ptr<TlsContexts> tls) {
  return std::make_shared<Conn>(pool, loop, std::move(tls));
}

}  // namespace apigw::net
