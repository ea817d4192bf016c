#include "storage/sql/epochs.hpp"

#include <utility>
#include <vector>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {

Result<void> bump_epoch(Connection& conn, std::string_view cache) {
  auto bumped = run(conn,
                    "INSERT INTO cache_epochs (name, version) VALUES (?, 1) "
                    "ON CONFLICT (name) DO UPDATE SET version = cache_epochs.version + 1",
                    {cache});
  if (bumped) conn.note_bump(cache);
  if (!bumped || conn.dialect() != Dialect::postgres) {
    return bumped;
  }
  // Delivered to listeners when the transaction commits (never when it rolls back), once per
  // cache name however often it is bumped in the transaction.
  return run(conn, "SELECT pg_notify(?, ?)", {kEpochChannel, cache});
}

Result<void> bump_after(Connection& conn, Result<void> written, std::string_view cache) {
  if (!written) return written;
  return bump_epoch(conn, cache);
}

Result<std::map<std::string, std::int64_t>> read_epochs(Connection& conn) {
  using Epoch = std::pair<std::string, std::int64_t>;
  auto rows =
      query_all<Epoch>(conn, "SELECT name, version FROM cache_epochs", {}, [](const Row& s) {
        return Epoch{s.text(0), s.int64(1)};
      });
  if (!rows) {
    return rows.error();
  }
  return std::map<std::string, std::int64_t>(rows->begin(), rows->end());
}

}  // namespace latch::storage::sql
