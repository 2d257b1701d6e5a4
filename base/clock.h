// Clock: time behind an interface so throttling, caches and timestamps can be
// tested with a fake clock.
#pragma once

#include <cstdint>

namespace apigw {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, milliseconds since the Unix epoch.
  virtual int64_t NowEpochMillis() const = 0;
  // Monotonic time in microseconds, for durations and deadlines.
  virtual int64_t MonotonicMicros() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowEpochMillis() const override;
  int64_t MonotonicMicros() const override;
};

// A clock tests move by hand.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t epoch_millis = 1700000000000) : epoch_ms_(epoch_millis) {}
  int64_t NowEpochMillis() const override { return epoch_ms_; }
  int64_t MonotonicMicros() const override { return mono_us_; }
  void AdvanceMillis(int64_t ms) { epoch_ms_ += ms; mono_us_ += ms * 1000; }

 private:
  int64_t epoch_ms_;
  int64_t mono_us_ = 0;
};

}  // namespace apigw
