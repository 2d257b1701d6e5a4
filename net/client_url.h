// The parts of an absolute http(s) URL the client needs: where to connect,
// what to put in the request line and Host header, and the pool key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status_or.h"

namespace apigw::net {

struct ClientUrl {
  bool https = false;
  std::string host;         // lower-cased; an IPv6 literal without brackets
  uint16_t port = 0;        // explicit or the scheme's default
  std::string target;       // path and query, e.g. "/a?b=1"; "/" when the URL has none
  std::string host_header;  // "host", or "host:port" for a non-default port
};

// Parses "http://host[:port][/path][?query]" or https; a fragment is dropped.
// Rejects other schemes, user info, empty hosts, bad ports and bytes that
// would break the request line (spaces, control characters).
StatusOr<ClientUrl> ParseClientUrl(std::string_view url);

}  // namespace apigw::net
