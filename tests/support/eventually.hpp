#pragma once

#include <chrono>
#include <thread>

namespace latch::test {

// Polls `condition` every `interval` until it returns true or `timeout` passes; returns its last
// answer. For changes another process makes (the server reloads its caches every ~250 ms), so a
// test waits no longer than needed and never forever.
template <class Condition>
bool eventually(Condition&& condition, std::chrono::milliseconds timeout = std::chrono::seconds(3),
                std::chrono::milliseconds interval = std::chrono::milliseconds(25)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace latch::test
