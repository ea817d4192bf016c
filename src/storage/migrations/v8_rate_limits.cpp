#include "storage/migrations/v8_rate_limits.hpp"

namespace latch::storage::migrations {

// The counts of the rate limits that nodes share (storage/rate_limit_repository.hpp): one row
// per limited key ("client-auth:<client id>", "sign-in:<address>"), its current fixed window in
// epoch seconds and the events counted in it. Rows of ended windows are purged.
extern const std::string_view kV8RateLimits = R"sql(
CREATE TABLE rate_limits (
  limit_key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  window_end BIGINT NOT NULL,
  events BIGINT NOT NULL CHECK (events > 0)
);
CREATE INDEX rate_limits_window_end ON rate_limits (window_end);
)sql";

}  // namespace latch::storage::migrations
