#include "storage/sql/maintenance_repository.hpp"

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

// How long an expired code is kept: a replay within this time still finds it and revokes what
// it issued (RFC 6749 §4.1.2).
constexpr std::int64_t kCodeReplayMemory = 3600;

// "DELETE up to `batch` rows of `table` whose `column` <= `cutoff`", by key: the subquery keeps
// each statement short on both databases.
Result<std::int64_t> purge(Connection& conn, std::string_view table, std::string_view key,
                           std::string_view column, std::int64_t cutoff, std::int64_t batch) {
  std::string sql = "DELETE FROM " + std::string(table) + " WHERE " + std::string(key) +
                    " IN (SELECT " + std::string(key) + " FROM " + std::string(table) + " WHERE " +
                    std::string(column) + " <= ? LIMIT ?)";
  return execute(conn, sql, {cutoff, batch});
}

}  // namespace

Result<void> SqlSetupTokenRepository::add(std::string_view token_hash, std::int64_t expires_at) {
  return run(conn_, "INSERT INTO setup_tokens (token_hash, expires_at) VALUES (?, ?)",
             {token_hash, expires_at});
}

Result<bool> SqlSetupTokenRepository::valid(std::string_view token_hash, std::int64_t now) {
  auto found = query_int64(
      conn_, "SELECT COUNT(*) FROM setup_tokens WHERE token_hash = ? AND expires_at > ?",
      {token_hash, now});
  if (!found) return found.error();
  return *found > 0;
}

Result<void> SqlSetupTokenRepository::clear() { return run(conn_, "DELETE FROM setup_tokens", {}); }

Result<PurgeCounts> SqlMaintenanceRepository::purge_expired(std::int64_t now,
                                                            std::int64_t failures_before,
                                                            std::int64_t batch) {
  PurgeCounts out;
  struct Step {
    std::int64_t* count;
    std::string_view table, key, column;
    std::int64_t cutoff;
  };
  const Step steps[] = {
      {&out.interactions, "interactions", "uid", "expires_at", now},
      {&out.sessions, "browser_sessions", "id_hash", "expires_at", now},
      {&out.grants, "grants", "id", "expires_at", now},
      {&out.codes, "authorization_codes", "code_hash", "expires_at", now - kCodeReplayMemory},
      {&out.access_tokens, "access_tokens", "token_hash", "expires_at", now},
      {&out.verification_codes, "verification_codes", "id", "expires_at", now},
      {&out.setup_tokens, "setup_tokens", "token_hash", "expires_at", now},
      {&out.verification_records, "verification_records", "id", "expires_at", now},
      {&out.replays, "replay_guard", "key", "expires_at", now},
      {&out.device_codes, "device_codes", "device_code_hash", "expires_at", now},
      {&out.pushed_requests, "pushed_requests", "request_uri_hash", "expires_at", now},
      {&out.subject_tokens, "subject_tokens", "token_hash", "expires_at", now},
      {&out.initial_access_tokens, "initial_access_tokens", "id", "expires_at", now},
  };
  for (const auto& step : steps) {
    auto removed = purge(conn_, step.table, step.key, step.column, step.cutoff, batch);
    if (!removed) return removed.error();
    *step.count = *removed;
  }
  auto failures = execute(conn_, "DELETE FROM sign_in_failures WHERE at < ?", {failures_before});
  if (!failures) return failures.error();
  out.sign_in_failures = *failures;
  return out;
}

Result<bool> SqlMaintenanceRepository::claim_run(std::string_view name, std::int64_t now,
                                                 std::int64_t interval) {
  auto last = query_one<std::int64_t>(conn_, "SELECT last_run FROM maintenance_runs WHERE name = ?",
                                      {name}, [](const Row& row) { return row.int64(0); });
  if (!last) return last.error();
  if (*last && now - **last < interval) return false;
  auto recorded = run(conn_,
                      "INSERT INTO maintenance_runs (name, last_run) VALUES (?, ?) "
                      "ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run",
                      {name, now});
  if (!recorded) return recorded.error();
  return true;
}

}  // namespace latch::storage::sql
