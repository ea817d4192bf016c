#include "storage/sql/rate_limit_repository.hpp"

#include "storage/sql/query.hpp"

namespace latch::storage::sql {

// One statement, so that it is atomic on both databases: PostgreSQL's ON CONFLICT takes the
// row's lock and re-reads it, so two nodes counting the same key at once get n and n + 1.
Result<std::int64_t> SqlRateLimitRepository::add(std::string_view key, std::int64_t window_start,
                                                 std::int64_t window_end) {
  return query_int64(conn_,
                     "INSERT INTO rate_limits (limit_key, window_start, window_end, events) "
                     "VALUES (?1, ?2, ?3, 1) ON CONFLICT (limit_key) DO UPDATE SET "
                     "events = CASE WHEN rate_limits.window_start = excluded.window_start "
                     "THEN rate_limits.events + 1 ELSE 1 END, "
                     "window_start = excluded.window_start, window_end = excluded.window_end "
                     "RETURNING events",
                     {key, window_start, window_end});
}

Result<void> SqlRateLimitRepository::purge_ended(std::int64_t now) {
  return run(conn_, "DELETE FROM rate_limits WHERE window_end <= ?", {now});
}

}  // namespace latch::storage::sql
