// SystemClock reads the real clocks.
#include "base/clock.h"

#include <chrono>

namespace apigw {

int64_t SystemClock::NowEpochMillis() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t SystemClock::MonotonicMicros() const {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace apigw
