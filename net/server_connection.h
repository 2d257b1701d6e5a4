// One accepted HTTP/1.1 connection: keep-alive, pipelining with in-order
// responses, limits and timeouts, and the hand-over of upgrade requests.
// The class itself lives in server_connection.cc (it holds Asio objects).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "net/server_core.h"

namespace apigw::net {

// Serves the accepted, non-blocking socket `fd` (TCP_NODELAY already set).
// Call on the loop thread of `shard`; the connection registers itself there
// and owns `fd` from now on. `core->open_connections` already counts it.
void StartServerConnection(const std::shared_ptr<ServerCore>& core, LoopShard& shard, int fd, bool ipv6,
                           std::string remote_ip, uint16_t remote_port);

}  // namespace apigw::net
