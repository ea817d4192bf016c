#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.hpp"

namespace latch::storage {

// The counts of rate limits that every node must share (http::RateLimiter's memory when Latch
// runs several nodes on one database): one row per key, holding the events of its current fixed
// window. Same rules as repositories.hpp: obtained from a Tx, valid inside it, one thread.
class RateLimitRepository {
 public:
  virtual ~RateLimitRepository() = default;
  // Adds one event to `key` in the window that starts at `window_start` and ends at
  // `window_end` (epoch seconds) and returns the window's count, this event included. A key
  // whose stored window is another starts again from one. Atomic across nodes: concurrent adds
  // to one key each see a distinct count.
  [[nodiscard]] virtual Result<std::int64_t> add(std::string_view key, std::int64_t window_start,
                                                 std::int64_t window_end) = 0;
  // Deletes the counts whose window ended at or before `now`.
  [[nodiscard]] virtual Result<void> purge_ended(std::int64_t now) = 0;
};

}  // namespace latch::storage
