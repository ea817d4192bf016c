#include "storage/sql/replay_repository.hpp"

#include <string>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {

// One statement, so that it is atomic on both databases: the insert wins, or the conflict takes
// the row's lock and updates it only when it has expired. The update's WHERE makes a live entry
// a no-op, which changes no row: 0 rows means "seen before".
Result<bool> SqlReplayRepository::record_once(std::string_view scope, std::string_view id,
                                              std::int64_t now, std::int64_t expires_at) {
  std::string key = std::string(scope) + ":" + std::string(id);
  auto changed = execute(conn_,
                         "INSERT INTO replay_guard (key, expires_at) VALUES (?1, ?2) "
                         "ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at "
                         "WHERE replay_guard.expires_at <= ?3",
                         {key, expires_at, now});
  if (!changed) return changed.error();
  return *changed > 0;
}

}  // namespace latch::storage::sql
