#pragma once

#include <atomic>

#include "core/clock.hpp"
#include "http/rate_limiter.hpp"
#include "storage/store.hpp"

namespace latch::server {

// Rate-limit counts in the database, so that every node on it counts the same events
// (storage::RateLimitRepository). One short write transaction per counted event; every 256th
// also deletes the counts of ended windows. Thread-safe; blocking.
class StoreRateCounters final : public http::RateCounters {
 public:
  // `store` and `clock` must outlive the counters.
  StoreRateCounters(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  Result<std::int64_t> add(std::string_view key, std::int64_t window_start,
                           std::int64_t window_end) override;

 private:
  storage::Store& store_;
  const Clock& clock_;
  std::atomic<std::uint64_t> adds_{0};
};

}  // namespace latch::server
