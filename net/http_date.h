// The HTTP Date header value (IMF-fixdate, RFC 9110 5.6.7), formatted at most
// once a second per cache. A cache belongs to one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace apigw::net {

// "Sun, 06 Nov 1994 08:49:37 GMT" for seconds since the Unix epoch.
std::string FormatHttpDate(int64_t epoch_seconds);

class HttpDateCache {
 public:
  // The current time's IMF-fixdate; valid until the next call.
  std::string_view Now();

 private:
  int64_t second_ = -1;
  char text_[29] = {};
};

}  // namespace apigw::net
