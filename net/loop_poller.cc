// LoopPoller over epoll: the set's descriptor is waited on by the loop's Asio
// reactor; each wake-up collects the ready connections with one epoll_wait()
// and calls them in turn.
//
// The wait on the set's descriptor: with the Asio release the project builds
// with (Debian 12: 1.22), an operation handed straight to Asio's epoll
// reactor completes on readiness and marks the descriptor drained, so
// re-arming after each wake-up costs no system call. Any other release, or
// APIGW_NET_PORTABLE_WAIT, uses async_wait(wait_read): correct everywhere,
// one epoll_ctl() per wake-up.
#include "net/loop_poller.h"

#include <asio.hpp>
#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <type_traits>
#include <utility>

#include "net/io_loops.h"

#if !defined(APIGW_NET_PORTABLE_WAIT) && defined(ASIO_HAS_EPOLL) && !defined(ASIO_HAS_IO_URING_AS_DEFAULT) && \
    ASIO_VERSION >= 102200 && ASIO_VERSION < 102300
#define APIGW_NET_EDGE_WAIT 1
#include <asio/detail/epoll_reactor.hpp>
#include <asio/detail/reactor_op.hpp>
#else
#define APIGW_NET_EDGE_WAIT 0
#endif

namespace apigw::net {

struct LoopPoller::Entry {
  int fd = -1;
  std::shared_ptr<PollHandler> handler;  // null once removed
  Entry* prev = nullptr;                 // the poller's list of live entries
  Entry* next = nullptr;
};

LoopPoller::ReadBuffer::ReadBuffer(LoopPoller& poller) : poller_(poller) {
  if (poller_.read_buffer_in_use_) {
    size_ = 16 * 1024;
    own_.reset(new char[size_]);
    data_ = own_.get();
    return;
  }
  if (poller_.read_buffer_.empty()) poller_.read_buffer_.resize(kReadBufferBytes);
  poller_.read_buffer_in_use_ = true;
  data_ = poller_.read_buffer_.data();
  size_ = poller_.read_buffer_.size();
}

LoopPoller::ReadBuffer::~ReadBuffer() {
  if (!own_) poller_.read_buffer_in_use_ = false;
}

namespace {

constexpr int kMaxEvents = 64;  // per epoll_wait; a fuller set continues after other work

#if APIGW_NET_EDGE_WAIT
// Completes as soon as the reactor reports the descriptor readable, without
// reading; "done_and_exhausted" tells the reactor that the readiness was
// consumed, so the next wait is queued without trying (and without a system
// call) unless a new edge came in between, which completes it at once.
template <typename Handler>
class ReadableWaitOp final : public asio::detail::reactor_op {
 public:
  explicit ReadableWaitOp(Handler handler)
      : reactor_op(asio::error_code(), &ReadableWaitOp::Perform, &ReadableWaitOp::Complete),
        handler_(std::move(handler)) {}

 private:
  static status Perform(reactor_op*) { return done_and_exhausted; }

  // owner == nullptr: the io_context is being shut down; free without calling.
  static void Complete(void* owner, asio::detail::scheduler_operation* base, const asio::error_code&, std::size_t) {
    auto* op = static_cast<ReadableWaitOp*>(base);
    Handler handler(std::move(op->handler_));
    const asio::error_code ec = op->ec_;
    delete op;
    if (owner) handler(ec);
  }

  Handler handler_;
};

// The epoll set's descriptor, registered with the loop's reactor.
class SetWait {
 public:
  SetWait(asio::io_context& ctx, int fd) : reactor_(asio::use_service<asio::detail::epoll_reactor>(ctx)), fd_(fd) {
    if (reactor_.register_descriptor(fd_, data_) != 0) {
      reactor_.cleanup_descriptor_data(data_);
      data_ = nullptr;
    }
  }
  ~SetWait() {
    if (!data_) return;
    reactor_.deregister_descriptor(fd_, data_, /*closing=*/false);
    reactor_.cleanup_descriptor_data(data_);
  }
  bool ok() const { return data_ != nullptr; }

  // `handler(ec)` once the set may hold ready entries. Call only after an
  // epoll_wait() on the set returned fewer events than asked for.
  template <typename Handler>
  void Wait(Handler handler) {
    auto* op = new ReadableWaitOp<Handler>(std::move(handler));
    reactor_.start_op(asio::detail::epoll_reactor::read_op, fd_, data_, op, /*is_continuation=*/false,
                      /*allow_speculative=*/true);
  }

 private:
  asio::detail::epoll_reactor& reactor_;
  const int fd_;
  asio::detail::epoll_reactor::per_descriptor_data data_ = nullptr;
};
#else
class SetWait {
 public:
  SetWait(asio::io_context& ctx, int fd) : descriptor_(ctx) {
    asio::error_code ec;
    descriptor_.assign(fd, ec);
    ok_ = !ec;
  }
  ~SetWait() {
    if (ok_) descriptor_.release();  // the poller closes the set itself
  }
  bool ok() const { return ok_; }

  template <typename Handler>
  void Wait(Handler handler) {
    descriptor_.async_wait(asio::posix::stream_descriptor::wait_read, std::move(handler));
  }

 private:
  asio::posix::stream_descriptor descriptor_;
  bool ok_ = false;
};
#endif

class EpollPoller final : public LoopPoller {
 public:
  explicit EpollPoller(asio::io_context& ctx)
      : ctx_(ctx), epfd_(epoll_create1(EPOLL_CLOEXEC)), wait_(std::make_unique<SetWait>(ctx, epfd_)) {}

  ~EpollPoller() override {
    DropAll();
    wait_.reset();  // out of the reactor before the descriptor closes
    if (epfd_ >= 0) ::close(epfd_);
  }

  Entry* Add(int fd, std::shared_ptr<PollHandler> handler) override {
    if (epfd_ < 0 || !wait_->ok()) {
      errno = EBADF;
      return nullptr;
    }
    auto* e = new Entry;
    e->fd = fd;
    e->handler = std::move(handler);
    epoll_event ev = {};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.ptr = e;
    if (epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
      const int err = errno;
      delete e;
      errno = err;
      return nullptr;
    }
    e->next = live_;
    if (live_) live_->prev = e;
    live_ = e;
    Arm();
    return e;
  }

  void Remove(Entry* e) override {
    if (!e || !e->handler) return;
    epoll_ctl(epfd_, EPOLL_CTL_DEL, e->fd, nullptr);
    Unlink(e);
    std::shared_ptr<PollHandler> handler = std::move(e->handler);
    if (dispatching_) {
      removed_.push_back(e);  // events of this turn may still point at it
    } else {
      delete e;
    }
  }

  // The pool is gone: forget every registration (their owners are freed
  // with it; none of their descriptors is watched any longer).
  void DropAll() {
    std::vector<std::shared_ptr<PollHandler>> handlers;
    while (live_) {
      Entry* e = live_;
      Unlink(e);
      handlers.push_back(std::move(e->handler));
      delete e;
    }
    for (Entry* e : removed_) delete e;
    removed_.clear();
    shut_ = true;
  }

 private:
  void Unlink(Entry* e) {
    if (e->prev) e->prev->next = e->next;
    if (e->next) e->next->prev = e->prev;
    if (live_ == e) live_ = e->next;
    e->prev = e->next = nullptr;
  }

  // Waits for the set's next edge; only once the set is drained (an
  // epoll_wait() returned fewer than kMaxEvents), as edge triggering requires.
  void Arm() {
    if (armed_ || collect_posted_ || shut_) return;
    armed_ = true;
    wait_->Wait([this](const asio::error_code& ec) {
      armed_ = false;
      if (ec == asio::error::operation_aborted || shut_) return;
      Collect();
    });
  }

  // Calls every ready entry once; waits again once the set is drained.
  void Collect() {
    epoll_event events[kMaxEvents];
    int n;
    do {
      n = epoll_wait(epfd_, events, kMaxEvents, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) n = 0;
    dispatching_ = true;
    for (int i = 0; i < n; ++i) {
      Entry* e = static_cast<Entry*>(events[i].data.ptr);
      if (!e->handler) continue;  // removed earlier in this turn
      std::shared_ptr<PollHandler> handler = e->handler;
      handler->OnPollEvents(events[i].events);
    }
    dispatching_ = false;
    for (Entry* e : removed_) delete e;
    removed_.clear();
    if (shut_) return;
    if (n == kMaxEvents) {
      // Maybe more: continue after the loop's other ready work.
      collect_posted_ = true;
      asio::post(ctx_, [this] {
        collect_posted_ = false;
        if (!shut_) Collect();
      });
      return;
    }
    if (live_) Arm();
  }

  asio::io_context& ctx_;
  const int epfd_;
  std::unique_ptr<SetWait> wait_;
  Entry* live_ = nullptr;
  std::vector<Entry*> removed_;
  bool armed_ = false;
  bool collect_posted_ = false;
  bool dispatching_ = false;
  bool shut_ = false;
};

}  // namespace

std::unique_ptr<LoopPoller> NewLoopPoller(asio::io_context& ctx) { return std::make_unique<EpollPoller>(ctx); }

void ShutdownLoopPoller(LoopPoller& poller) { static_cast<EpollPoller&>(poller).DropAll(); }

}  // namespace apigw::net
