// What an HttpServer shares with its connections: the options and handler,
// and one shard per loop holding that loop's connections and its Date cache
// (connections read into their loop's LoopPoller buffer). A shard is touched
// only by its own loop thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "base/log.h"
#include "net/http_date.h"
#include "net/http_server.h"
#include "net/io_pool.h"

namespace apigw::net {

// A connection registered with its loop's shard, so that timeouts and Stop()
// can reach it.
class ShardMember {
 public:
  virtual ~ShardMember() = default;
  // Closes the connection if its current deadline has passed.
  virtual void OnSweep(int64_t now_ms) = 0;
  // Closes at once (server shutting down).
  virtual void CloseNow() = 0;

 private:
  friend struct LoopShard;
  size_t shard_slot_ = SIZE_MAX;  // position in LoopShard::members
};

struct LoopShard {
  explicit LoopShard(size_t loop_index) : index(loop_index) {}

  void Add(std::shared_ptr<ShardMember> member);
  void Remove(ShardMember* member);  // no-op when not registered

  const size_t index;                // the IoPool loop this shard lives on
  HttpDateCache date;
  std::vector<std::shared_ptr<ShardMember>> members;
  std::shared_ptr<TimerHandle> sweep_timer;
};

struct ServerCore {
  ServerCore(IoPool& p, HttpServerOptions o, RequestHandler h, Logger& l, std::shared_ptr<void> loops_lifetime)
      : lifetime(std::move(loops_lifetime)), pool(p), options(std::move(o)), handler(std::move(h)), log(l) {}

  // First member, destroyed last: the shards' timers and every connection
  // (which holds this core) need the loops' io_contexts.
  const std::shared_ptr<void> lifetime;
  IoPool& pool;  // not to be used once the pool may be gone (after Stop)
  const HttpServerOptions options;
  const RequestHandler handler;
  Logger& log;
  std::vector<std::unique_ptr<LoopShard>> shards;  // one per loop, fixed after Listen()
  std::atomic<size_t> open_connections{0};         // counted from accept to final close
  std::atomic<bool> stopped{false};
};

// The monotonic clock (std::chrono::steady_clock, as SystemClock uses):
// milliseconds are the unit of connection deadlines, microseconds stamp requests.
int64_t MonotonicMillis();
int64_t MonotonicMicros();

}  // namespace apigw::net
