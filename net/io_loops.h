// Per-loop access to an IoPool for the net library's own classes: which
// asio::io_context a connection lives on, and work aimed at one loop. Asio is
// only forward-declared here; the definitions live in io_pool.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "net/io_pool.h"

namespace asio {
class io_context;
}

namespace apigw::net {

class LoopPoller;

// The number of loops, the loop at `index`, and a loop chosen round-robin.
size_t LoopCount(IoPool& pool);
asio::io_context& LoopContext(IoPool& pool, size_t index);
// The epoll set of loop `index` for connections that do their own I/O
// (net/loop_poller.h); used only on that loop's thread.
LoopPoller& PollerOf(IoPool& pool, size_t index);
size_t NextLoopIndex(IoPool& pool);
// True while the loop threads run (between Start and Stop).
bool PoolRunning(IoPool& pool);
// True when called on the thread of loop `index`.
bool InLoop(IoPool& pool, size_t index);
// The index of the loop whose thread calls, or LoopCount(pool) when the caller
// is not a loop thread.
size_t CurrentLoopIndex(IoPool& pool);

// Every object that owns Asio I/O objects (sockets, timers) holds this token
// first among its members: the io_contexts then outlive those objects even
// when the IoPool is destroyed before them (e.g. a ResponseWriter kept by a
// handler). ~IoPool drops queued handlers, so tokens held by them are freed.
std::shared_ptr<void> LoopsLifetime(IoPool& pool);

// Post and RunAfter aimed at loop `index`.
void PostTo(IoPool& pool, size_t index, std::function<void()> fn);
std::shared_ptr<TimerHandle> RunAfterOn(IoPool& pool, size_t index, int64_t delay_ms, std::function<void()> fn);

}  // namespace apigw::net
