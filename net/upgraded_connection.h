// The UpgradedConnection handed to HttpServerOptions::on_upgrade: a raw byte
// stream over the socket of an HTTP connection that asked to upgrade.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "net/server_core.h"

namespace apigw::net {

// Takes over the connected socket `fd` on `shard`'s loop (call there); it
// stays counted in `core->open_connections` until its final close.
std::shared_ptr<UpgradedConnection> AdoptUpgradedConnection(const std::shared_ptr<ServerCore>& core,
                                                            LoopShard& shard, int fd, bool ipv6,
                                                            std::string raw_request, std::string remote_ip);

}  // namespace apigw::net
