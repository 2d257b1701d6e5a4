// LoopPoller: one per IoPool loop, an edge-triggered epoll set of its own for
// the HTTP connections (server and plain-http client) of that loop, waited on
// by the loop's Asio reactor as a single descriptor.
//
// Why not Asio's own socket operations: its reactor registers sockets without
// EPOLLRDHUP, so after a read that returns fewer bytes than asked a connection
// cannot tell "drained" from "a FIN is pending" and must recv() again until
// EAGAIN (one extra system call per request), and every async_wait re-arms
// with an epoll_ctl(). Here a connection is registered once, for input,
// output and peer close; it reads until a short read (or EAGAIN), and only
// reads again when an event says so (EPOLLRDHUP tells it that the end of the
// stream is waiting behind the bytes it got). One epoll_wait() per loop
// wake-up serves every ready connection.
//
// Everything here runs on the poller's own loop thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace asio {
class io_context;
}

namespace apigw::net {

class PollHandler {
 public:
  virtual ~PollHandler() = default;
  // `events`: the EPOLL* bits reported (EPOLLIN, EPOLLOUT, EPOLLRDHUP,
  // EPOLLERR, EPOLLHUP). Edge-triggered: reported once per change.
  virtual void OnPollEvents(uint32_t events) = 0;
};

class LoopPoller {
 public:
  // A registration; opaque to its owner.
  struct Entry;

  LoopPoller() = default;
  virtual ~LoopPoller() = default;
  LoopPoller(const LoopPoller&) = delete;
  LoopPoller& operator=(const LoopPoller&) = delete;

  // Watches the non-blocking socket `fd` for input, output and peer close.
  // Bytes or a close already pending are reported at once (on a later turn
  // of the loop). The poller keeps `handler` alive until Remove(). Null when
  // the descriptor cannot be added (errno set).
  virtual Entry* Add(int fd, std::shared_ptr<PollHandler> handler) = 0;
  // Stops reporting `entry` (even events already collected in this turn) and
  // takes its descriptor out of the set. Always explicitly: closing the
  // descriptor is not enough while another reference to the socket exists
  // (a child between fork and exec holds one), and the set would go on
  // reporting the freed entry.
  virtual void Remove(Entry* entry) = 0;

  // A read buffer shared by the loop's connections: a connection reads into
  // it and consumes what it read before it returns to the loop. Nested use
  // (a read inside another connection's read) gets a buffer of its own.
  class ReadBuffer {
   public:
    explicit ReadBuffer(LoopPoller& poller);
    ~ReadBuffer();
    ReadBuffer(const ReadBuffer&) = delete;
    ReadBuffer& operator=(const ReadBuffer&) = delete;
    char* data() { return data_; }
    size_t size() const { return size_; }

   private:
    LoopPoller& poller_;
    std::unique_ptr<char[]> own_;
    char* data_;
    size_t size_;
  };

  static constexpr size_t kReadBufferBytes = 64 * 1024;

 private:
  std::vector<char> read_buffer_;
  bool read_buffer_in_use_ = false;
};

// For IoPool: the poller of a loop, and forgetting every registration once
// the loops have stopped for good.
std::unique_ptr<LoopPoller> NewLoopPoller(asio::io_context& ctx);
void ShutdownLoopPoller(LoopPoller& poller);

}  // namespace apigw::net
