#pragma once

#include <atomic>
#include <chrono>

#include "core/clock.hpp"

namespace latch::test {

// A Clock that stands still until the test moves it. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start =
                         std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000)))
      : now_(start) {}

  std::chrono::system_clock::time_point now() const override { return now_.load(); }
  void set(std::chrono::system_clock::time_point t) { now_.store(t); }
  void advance(std::chrono::system_clock::duration d) { now_.store(now_.load() + d); }

 private:
  std::atomic<std::chrono::system_clock::time_point> now_;
};

}  // namespace latch::test
