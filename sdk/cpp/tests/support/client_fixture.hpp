#pragma once

#include <chrono>
#include <cstdint>

#include "support/client_world.hpp"
#include "support/error_of.hpp"

// What the latch::Client tests share besides the world: error_of and the system clock.
namespace latch::sdk_test {

// Seconds since the epoch by the system clock (what a Client uses without Config::now_seconds).
inline std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace latch::sdk_test
