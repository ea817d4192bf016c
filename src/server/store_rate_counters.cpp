#include "server/store_rate_counters.hpp"

namespace latch::server {

Result<std::int64_t> StoreRateCounters::add(std::string_view key, std::int64_t window_start,
                                            std::int64_t window_end) {
  bool purge = adds_.fetch_add(1, std::memory_order_relaxed) % 256 == 0;
  std::int64_t events = 0;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto counted = tx.rate_limits().add(key, window_start, window_end);
    if (!counted) return counted.error();
    events = *counted;
    return purge ? tx.rate_limits().purge_ended(clock_.now_seconds()) : ok();
  });
  if (!done) return done.error();
  return events;
}

}  // namespace latch::server
