#pragma once

#include <chrono>
#include <cstdint>

namespace latch {

// Time source, injected so tests control it. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;

  // Seconds since the Unix epoch, as JWT NumericDate (RFC 7519 §2).
  std::int64_t now_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
  }
  // Milliseconds since the epoch, as Logto's APIs report timestamps.
  std::int64_t now_millis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
  }
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace latch
