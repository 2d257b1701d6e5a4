// UpgradedConnection over an Asio socket: reads are delivered as they come,
// writes are queued and written one after another, and on_close fires once.
#include "net/upgraded_connection.h"

#include <asio.hpp>

#include <deque>
#include <vector>

#include "net/io_loops.h"

namespace apigw::net {

namespace {

class Upgraded final : public UpgradedConnection,
                       public ShardMember,
                       public std::enable_shared_from_this<Upgraded> {
 public:
  Upgraded(std::shared_ptr<ServerCore> core, LoopShard& shard, std::string raw, std::string ip)
      : core_(std::move(core)),
        shard_(shard),
        ctx_(LoopContext(core_->pool, shard.index)),
        socket_(ctx_),
        raw_(std::move(raw)),
        remote_ip_(std::move(ip)) {}

  bool Adopt(int fd, bool ipv6) {
    asio::error_code ec;
    socket_.assign(ipv6 ? asio::ip::tcp::v6() : asio::ip::tcp::v4(), fd, ec);
    if (ec) {
      ::close(fd);
      Finish();
      return false;
    }
    shard_.Add(shared_from_this());
    return true;
  }

  const std::string& raw_request() const override { return raw_; }
  const std::string& remote_ip() const override { return remote_ip_; }

  void Start(std::function<void(std::string_view)> on_data, std::function<void()> on_close) override {
    OnLoop([self = shared_from_this(), on_data = std::move(on_data), on_close = std::move(on_close)]() mutable {
      if (self->started_) return;
      self->started_ = true;
      self->on_data_ = std::move(on_data);
      self->on_close_ = std::move(on_close);
      if (self->closed_) {
        self->NotifyClosed();
        return;
      }
      self->buffer_.resize(16 * 1024);
      self->ReadMore();
    });
  }

  void Write(std::string bytes) override {
    OnLoop([self = shared_from_this(), bytes = std::move(bytes)]() mutable {
      if (self->closed_ || self->closing_ || bytes.empty()) return;
      self->queue_.push_back(std::move(bytes));
      if (!self->writing_) self->WriteNext();
    });
  }

  void Close() override {
    OnLoop([self = shared_from_this()] {
      self->closing_ = true;
      if (!self->writing_) self->Finish();
    });
  }

  void OnSweep(int64_t) override {}  // the protocol on top keeps its own timers
  void CloseNow() override { Finish(); }

 private:
  template <class Fn>
  void OnLoop(Fn&& fn) {
    if (ctx_.get_executor().running_in_this_thread()) {
      fn();
    } else {
      asio::post(ctx_, std::forward<Fn>(fn));
    }
  }

  void ReadMore() {
    socket_.async_read_some(asio::buffer(buffer_),
                            [self = shared_from_this()](const asio::error_code& ec, size_t n) {
                              if (ec || self->closed_) return self->Finish();
                              if (self->on_data_) self->on_data_(std::string_view(self->buffer_.data(), n));
                              if (!self->closed_) self->ReadMore();
                            });
  }

  void WriteNext() {
    writing_ = true;
    asio::async_write(socket_, asio::buffer(queue_.front()),
                      [self = shared_from_this()](const asio::error_code& ec, size_t) {
                        self->writing_ = false;
                        if (self->closed_) return;
                        if (ec) return self->Finish();
                        self->queue_.pop_front();
                        if (!self->queue_.empty()) return self->WriteNext();
                        if (self->closing_) self->Finish();
                      });
  }

  void Finish() {
    if (closed_) return;
    auto self = shared_from_this();
    closed_ = true;
    asio::error_code ec;
    socket_.shutdown(asio::socket_base::shutdown_both, ec);
    socket_.close(ec);
    queue_.clear();
    shard_.Remove(this);
    core_->open_connections.fetch_sub(1);
    // Posted, so that on_close never runs inside the caller's Write or Close.
    if (started_) asio::post(ctx_, [self] { self->NotifyClosed(); });
  }

  void NotifyClosed() {
    on_data_ = nullptr;
    auto cb = std::move(on_close_);
    on_close_ = nullptr;
    if (cb) cb();
  }

  const std::shared_ptr<ServerCore> core_;
  LoopShard& shard_;
  asio::io_context& ctx_;
  asio::ip::tcp::socket socket_;
  const std::string raw_;
  const std::string remote_ip_;
  std::vector<char> buffer_;
  std::deque<std::string> queue_;
  std::function<void(std::string_view)> on_data_;
  std::function<void()> on_close_;
  bool started_ = false;
  bool writing_ = false;
  bool closing_ = false;
  bool closed_ = false;
};

}  // namespace

std::shared_ptr<UpgradedConnection> AdoptUpgradedConnection(const std::shared_ptr<ServerCore>& core,
                                                            LoopShard& shard, int fd, bool ipv6,
                                                            std::string raw_request, std::string remote_ip) {
  auto conn = std::make_shared<Upgraded>(core, shard, std::move(raw_request), std::move(remote_ip));
  if (!conn->Adopt(fd, ipv6)) return nullptr;
  return conn;
}

}  // namespace apigw::net
