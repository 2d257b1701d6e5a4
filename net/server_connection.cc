// ServerConnection: a socket in its loop's LoopPoller. Reads with recv() into
// the loop's shared buffer until a short read (or EAGAIN), and reads again
// only when the poller reports input or the peer's close; parses requests in
// order, numbers them, and writes their answers in that order with one
// gathered non-blocking sendmsg() whenever possible, waiting for the poller's
// "writable" only when the socket is full. Per kept-alive request: one recv()
// and one sendmsg().
#include "net/server_connection.h"

#include <asio.hpp>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "net/io_loops.h"
#include "net/loop_poller.h"
#include "net/outgoing_buffer.h"
#include "net/request_parser.h"
#include "net/response_head.h"
#include "net/response_order.h"
#include "net/upgraded_connection.h"

namespace apigw::net {

namespace {

constexpr size_t kMaxQueuedResponses = 64;          // pipelined requests in flight before reading pauses
constexpr size_t kMaxQueuedBytes = 1 << 20;         // unwritten bytes before reading pauses
// After a final response (413, 400...) the client may still be sending its
// body; reading and discarding it lets the client see our answer instead of a
// reset. Enough for a client that sent a few times the 10 MB payload quota.
constexpr int64_t kLingerMillis = 5000;
constexpr size_t kLingerBytes = 64 << 20;
constexpr int kMaxIov = 64;
constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";

HttpResponse JsonError(int status, const char* message, bool close) {
  HttpResponse r;
  r.status = status;
  r.headers.Add("Content-Type", "application/json");
  r.body = std::string("{\"message\":\"") + message + "\"}";
  r.close = close;
  return r;
}

class ServerConnection;

// The ResponseWriter of one request: its sequence number on the connection.
class ConnectionWriter final : public ResponseWriter {
 public:
  ConnectionWriter(std::shared_ptr<ServerConnection> conn, uint64_t seq) : conn_(std::move(conn)), seq_(seq) {}
  // A handler that drops its writer unanswered would stall the connection's
  // later responses forever: answer 500 instead.
  ~ConnectionWriter() override;
  void Send(HttpResponse response) override;
  bool Connected() const override;

 private:
  std::shared_ptr<ServerConnection> conn_;
  const uint64_t seq_;
  std::atomic<bool> sent_{false};
};

class ServerConnection final : public ShardMember,
                               public PollHandler,
                               public std::enable_shared_from_this<ServerConnection> {
 public:
  ServerConnection(std::shared_ptr<ServerCore> core, LoopShard& shard, std::string ip, uint16_t port)
      : core_(std::move(core)),
        shard_(shard),
        ctx_(LoopContext(core_->pool, shard.index)),
        poller_(PollerOf(core_->pool, shard.index)),
        remote_ip_(std::move(ip)),
        remote_port_(port),
        parser_(core_->options.max_head_bytes, core_->options.max_body_bytes) {}

  // Closes a descriptor nobody closed (the pool went away with the connection registered).
  ~ServerConnection() override {
    if (fd_ >= 0) ::close(fd_);
  }

  void Start(int fd, bool ipv6) {
    fd_ = fd;
    ipv6_ = ipv6;
    // Bytes that came with the connection are reported by the poller at once.
    entry_ = poller_.Add(fd, shared_from_this());
    if (!entry_) {
      const int err = errno;
      ::close(fd);
      fd_ = -1;
      core_->open_connections.fetch_sub(1);
      counted_ = false;
      closed_ = true;
      connected_.store(false);
      core_->log.Warn(core_->options.name, std::string("cannot register socket: ") + std::strerror(err));
      return;
    }
    shard_.Add(shared_from_this());
    // The first request's head is due within head_timeout of the accept.
    deadline_ms_ = MonotonicMillis() + core_->options.head_timeout_ms;
  }

  void OnPollEvents(uint32_t events) override {
    if (closed_) return;
    if (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) peer_closing_ = true;
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) readable_ = true;
    if ((events & (EPOLLOUT | EPOLLHUP | EPOLLERR)) && write_blocked_) {
      write_blocked_ = false;
      write_progress_ms_ = 0;
      Flush();
      if (closed_) return;
    }
    if (readable_) TryRead();
  }

  // Called on this connection's loop with the answer to request `seq`.
  void Answer(uint64_t seq, HttpResponse&& response) {
    if (closed_ || !order_.Fill(seq, std::move(response))) return;
    PumpResponses();
  }

  bool InLoop() const { return ctx_.get_executor().running_in_this_thread(); }
  asio::io_context& context() { return ctx_; }
  bool connected() const { return connected_.load(std::memory_order_relaxed); }

  void OnSweep(int64_t now_ms) override {
    if (!closed_ && deadline_ms_ != 0 && now_ms >= deadline_ms_) Close();
  }

  void CloseNow() override { Close(); }

 private:
  struct PendingUpgrade {
    HttpRequest request;
    std::string raw;
  };

  bool Overloaded() const { return order_.size() >= kMaxQueuedResponses || out_.queued_bytes() >= kMaxQueuedBytes; }

  bool WantsInput() const { return !closed_ && (draining_ || (!stop_reading_ && !read_paused_)); }

  // Handles `n` bytes just read; false once the connection has closed.
  bool OnBytes(const char* buf, size_t n) {
    const int64_t now_us = MonotonicMicros();
    if (draining_) {
      drained_ += n;
      if (drained_ > kLingerBytes) Close();
      return !closed_;
    }
    Process(buf, n, now_us);
    if (closed_) return false;
    if (Overloaded() && !stop_reading_) read_paused_ = true;
    UpdateDeadline(now_us / 1000);
    return true;
  }

  // Reads what the socket holds into the loop's shared buffer until a short
  // read says it is drained: the poller reports the next bytes. After a
  // short read, a pending end of stream (EPOLLRDHUP seen) still needs the
  // recv() that returns 0. Runs from a poller report or a posted task, never
  // nested in another connection's read. Whoever stops reading (pause, stop)
  // leaves `readable_` set, and resuming reads first.
  void TryRead() {
    LoopPoller::ReadBuffer buffer(poller_);
    char* buf = buffer.data();
    const size_t cap = buffer.size();
    while (readable_ && WantsInput()) {
      ssize_t n = ::recv(fd_, buf, cap, 0);
      if (n > 0) {
        if (static_cast<size_t>(n) < cap && !peer_closing_) readable_ = false;
        if (!OnBytes(buf, static_cast<size_t>(n))) return;
        continue;
      }
      if (n == 0) {
        readable_ = false;
        return OnPeerEof();
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        readable_ = false;
        break;
      }
      return Abort(std::strerror(errno));
    }
  }

  // Resumes reading later on this loop (after a pause, or to drain).
  void ScheduleRead() {
    if (read_posted_) return;
    read_posted_ = true;
    asio::post(ctx_, [self = shared_from_this()] {
      self->read_posted_ = false;
      if (!self->closed_) self->TryRead();
    });
  }

  void Process(const char* data, size_t len, int64_t now_us) {
    const int64_t now = now_us / 1000;
    const char* p = data;
    const char* const end = data + len;
    const char* msg_start = data;  // where the request being parsed began in this chunk
    while (p < end && !closed_ && !stop_reading_) {
      const RequestParser::State before = parser_.state();
      if (before == RequestParser::State::kIdle) {
        msg_start = p;
        head_carry_.clear();
        continue_sent_ = false;
      }
      size_t used = parser_.Feed(p, static_cast<size_t>(end - p));
      p += used;
      const RequestParser::State after = parser_.state();
      if (before == RequestParser::State::kIdle && after != RequestParser::State::kIdle) {
        phase_deadline_ms_ = now + core_->options.head_timeout_ms;
      }
      if (after == RequestParser::State::kComplete) {
        OnRequest(msg_start, end, now_us);
      } else if (after == RequestParser::State::kError) {
        OnParseError();
      } else if (after == RequestParser::State::kBody) {
        if (before != RequestParser::State::kBody) phase_deadline_ms_ = now + core_->options.head_timeout_ms;
        if (parser_.expects_continue() && !continue_sent_) {
          continue_sent_ = true;
          ResponseOrder::Entry interim;
          interim.interim = true;
          order_.PushReady(std::move(interim));
          PumpResponses();
        }
      }
      if (used == 0 && after != RequestParser::State::kComplete) break;
    }
    if (closed_ || stop_reading_) return;
    // Keep the bytes of a head that spans reads: an upgrade hands them over.
    const RequestParser::State st = parser_.state();
    if (st == RequestParser::State::kHead || (st == RequestParser::State::kBody && parser_.websocket_upgrade())) {
      head_carry_.append(msg_start, static_cast<size_t>(end - msg_start));
    }
  }

  void OnRequest(const char* msg_start, const char* chunk_end, int64_t now_us) {
    HttpRequest req = std::move(parser_.request());
    const bool keep_alive = parser_.keep_alive();
    const bool parser_upgraded = parser_.upgrade();
    const bool websocket = parser_.websocket_upgrade();
    parser_.Next();
    if (core_->stopped.load(std::memory_order_relaxed)) {
      stop_reading_ = true;
      return Close();
    }
    req.remote_ip = remote_ip_;
    req.remote_port = remote_port_;
    req.received_us = now_us;

    if (websocket && core_->options.on_upgrade) {
      stop_reading_ = true;
      auto up = std::make_unique<PendingUpgrade>();
      up->raw = std::move(head_carry_);
      up->raw.append(msg_start, static_cast<size_t>(chunk_end - msg_start));
      size_t skip = 0;  // http_parser skips blank lines before a request; so do we
      while (skip < up->raw.size() && (up->raw[skip] == '\r' || up->raw[skip] == '\n')) ++skip;
      up->raw.erase(0, skip);
      up->request = std::move(req);
      pending_upgrade_ = std::move(up);
      if (order_.empty() && out_.empty()) ScheduleHandover();
      return;
    }

    // After an upgrade the parser cannot tell where HTTP resumes: answer, then close.
    const bool close = !keep_alive || parser_upgraded;
    if (close) stop_reading_ = true;
    const uint64_t seq = order_.Reserve(req.method == "HEAD", close,
                                         !close && (req.http_minor == 0 || core_->options.announce_keep_alive));
    auto writer = std::make_shared<ConnectionWriter>(shared_from_this(), seq);
    try {
      core_->handler(std::move(req), std::move(writer));
    } catch (const std::exception& e) {
      core_->log.Error(core_->options.name, std::string("request handler threw: ") + e.what());
    } catch (...) {
      core_->log.Error(core_->options.name, "request handler threw");
    }
  }

  void OnParseError() {
    HttpResponse r;
    switch (parser_.error()) {
      case RequestParser::Error::kHeadTooLarge:
        r = JsonError(431, "Request Header Fields Too Large", true);
        break;
      case RequestParser::Error::kBodyTooLarge:
        if (core_->options.too_large) {
          r = core_->options.too_large(parser_.request());
        } else {
          r = JsonError(413, "Request Too Long", true);
        }
        break;
      case RequestParser::Error::kVersion:
        r = JsonError(505, "HTTP Version Not Supported", true);
        break;
      default:
        r = JsonError(400, "Bad Request", true);
        break;
    }
    stop_reading_ = true;
    ResponseOrder::Entry error;
    error.close = true;
    error.response = std::move(r);
    order_.PushReady(std::move(error));
    PumpResponses();
  }

  // Moves every answered response at the front of the order into out_.
  void PumpResponses() {
    bool moved = false;
    while (ResponseOrder::Entry* e = order_.ReadyFront()) {
      moved = true;
      if (e->interim) {
        out_.AppendBytes(kContinue);
      } else {
        ResponseFraming f;
        f.head_request = e->head_request;
        f.close = e->close || ResponseWantsClose(e->response) || core_->stopped.load(std::memory_order_relaxed);
        f.keep_alive_header = e->keep_alive_header && !f.close;
        const bool with_body = AppendResponseHead(e->response, f, shard_.date.Now(), out_.bytes());
        out_.Seal();
        if (with_body) out_.AppendBody(std::move(e->response.body));
        if (f.close) {
          // Nothing after a closing response is answered.
          close_after_flush_ = true;
          stop_reading_ = true;
          head_carry_.clear();
          order_.DropAll();
          break;
        }
      }
      order_.PopFront();
    }
    if (moved) Flush();
  }

  void Flush() {
    if (closed_ || write_blocked_) return;
    struct iovec iov[kMaxIov];
    while (!out_.empty()) {
      struct msghdr msg = {};
      msg.msg_iov = iov;
      msg.msg_iovlen = static_cast<size_t>(out_.Gather(iov, kMaxIov));
      ssize_t n = ::sendmsg(fd_, &msg, MSG_NOSIGNAL);
      if (n >= 0) {
        out_.Consume(static_cast<size_t>(n));
        write_progress_ms_ = 0;
        continue;
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        // The poller reports when the socket takes bytes again.
        write_blocked_ = true;
        const int64_t now = MonotonicMillis();
        if (write_progress_ms_ == 0) write_progress_ms_ = now;
        UpdateDeadline(now);
        return;
      }
      return Abort(std::strerror(errno));
    }
    AfterFlush();
  }

  // Everything queued is on the wire.
  void AfterFlush() {
    if (close_after_flush_ && order_.empty()) return BeginLingeringClose();
    if (pending_upgrade_ && order_.empty()) return ScheduleHandover();
    if (read_paused_ && !Overloaded()) {
      read_paused_ = false;
      ScheduleRead();
    }
    UpdateDeadline(MonotonicMillis());
  }

  // Half-closes and reads what the client still sends for a while, so that
  // our last response is not destroyed by a reset (e.g. a 413 while the
  // client is still uploading).
  void BeginLingeringClose() {
    if (peer_eof_) return Close();
    if (draining_) return;
    ::shutdown(fd_, SHUT_WR);
    draining_ = true;
    stop_reading_ = true;
    int64_t linger = std::min<int64_t>(kLingerMillis, std::max(core_->options.idle_timeout_ms, 1));
    deadline_ms_ = MonotonicMillis() + linger;
    ScheduleRead();
  }

  void OnPeerEof() {
    peer_eof_ = true;
    stop_reading_ = true;
    if (draining_ || (order_.empty() && out_.empty() && !pending_upgrade_)) return Close();
    // Answer what was asked before the client half-closed, then close.
    close_after_flush_ = true;
    UpdateDeadline(MonotonicMillis());
  }

  void ScheduleHandover() {
    asio::post(ctx_, [self = shared_from_this()] { self->Handover(); });
  }

  void Handover() {
    if (closed_ || !pending_upgrade_) return;
    if (core_->stopped.load()) return Close();
    std::unique_ptr<PendingUpgrade> up = std::move(pending_upgrade_);
    auto self = shared_from_this();
    poller_.Remove(entry_);
    entry_ = nullptr;
    const int fd = fd_;
    fd_ = -1;
    closed_ = true;
    connected_.store(false);
    counted_ = false;  // the upgraded connection keeps the count
    shard_.Remove(this);
    auto upgraded = AdoptUpgradedConnection(core_, shard_, fd, ipv6_, std::move(up->raw), remote_ip_);
    if (!upgraded) return;
    try {
      core_->options.on_upgrade(std::move(up->request), std::move(upgraded));
    } catch (...) {
      core_->log.Error(core_->options.name, "upgrade handler threw");
    }
  }

  // Sets the moment the sweep closes this connection, from its state.
  void UpdateDeadline(int64_t now) {
    if (closed_ || draining_) return;
    const auto st = parser_.state();
    if (write_blocked_) {
      deadline_ms_ = write_progress_ms_ + core_->options.idle_timeout_ms;
    } else if (!stop_reading_ && (st == RequestParser::State::kHead || st == RequestParser::State::kBody)) {
      deadline_ms_ = phase_deadline_ms_;
    } else if (!order_.empty() || pending_upgrade_) {
      deadline_ms_ = 0;  // the handler is working; it owns the timing
    } else {
      deadline_ms_ = now + core_->options.idle_timeout_ms;
    }
  }

  void Abort(const std::string& why) {
    if (core_->log.Enabled(LogLevel::kDebug)) {
      core_->log.Debug(core_->options.name, "connection from " + remote_ip_ + " failed: " + why);
    }
    Close();
  }

  void Close() {
    if (closed_) return;
    auto self = shared_from_this();  // the shard may hold the last reference
    closed_ = true;
    connected_.store(false);
    poller_.Remove(entry_);
    entry_ = nullptr;
    ::close(fd_);
    fd_ = -1;
    order_.DropAll();
    out_.Clear();
    pending_upgrade_.reset();
    shard_.Remove(this);
    if (counted_) {
      counted_ = false;
      core_->open_connections.fetch_sub(1);
    }
  }

  const std::shared_ptr<ServerCore> core_;
  LoopShard& shard_;
  asio::io_context& ctx_;
  LoopPoller& poller_;
  LoopPoller::Entry* entry_ = nullptr;
  int fd_ = -1;
  bool ipv6_ = false;
  const std::string remote_ip_;
  const uint16_t remote_port_;
  RequestParser parser_;

  ResponseOrder order_;
  OutgoingBuffer out_;
  std::string head_carry_;      // bytes of the current request received in earlier reads
  std::unique_ptr<PendingUpgrade> pending_upgrade_;

  int64_t deadline_ms_ = 0;        // the sweep closes the connection after this (0: never)
  int64_t phase_deadline_ms_ = 0;  // when the current head or body must be complete
  int64_t write_progress_ms_ = 0;  // when the current stalled write began waiting
  size_t drained_ = 0;

  bool readable_ = false;          // bytes (or the end) may be waiting: read before waiting for the poller
  bool peer_closing_ = false;      // the poller reported the peer's close (or an error) behind the bytes
  bool read_posted_ = false;
  bool write_blocked_ = false;     // the socket was full: Flush() waits for the poller's "writable"
  bool read_paused_ = false;       // too much unanswered or unwritten: stop reading for now
  bool stop_reading_ = false;      // no further requests on this connection
  bool close_after_flush_ = false;
  bool draining_ = false;
  bool peer_eof_ = false;
  bool continue_sent_ = false;
  bool closed_ = false;
  bool counted_ = true;
  std::atomic<bool> connected_{true};
};

ConnectionWriter::~ConnectionWriter() {
  if (!sent_.load()) Send(JsonError(500, "Internal server error", false));
}

void ConnectionWriter::Send(HttpResponse response) {
  if (sent_.exchange(true)) return;
  if (!conn_->connected()) return;
  if (conn_->InLoop()) {
    conn_->Answer(seq_, std::move(response));
    return;
  }
  asio::post(conn_->context(), [conn = conn_, seq = seq_, r = std::move(response)]() mutable {
    conn->Answer(seq, std::move(r));
  });
}

bool ConnectionWriter::Connected() const { return conn_->connected(); }

}  // namespace

void StartServerConnection(const std::shared_ptr<ServerCore>& core, LoopShard& shard, int fd, bool ipv6,
                           std::string remote_ip, uint16_t remote_port) {
  auto conn = std::make_shared<ServerConnection>(core, shard, std::move(remote_ip), remote_port);
  conn->Start(fd, ipv6);
}

}  // namespace apigw::net
