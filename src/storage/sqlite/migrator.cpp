#include "storage/sqlite/migrator.hpp"

#include <chrono>
#include <string>

#include "storage/migrations/migration.hpp"
#include "storage/sql/query.hpp"
#include "storage/sqlite/transaction.hpp"

namespace latch::storage::sqlite {
namespace {

std::int64_t now_millis() {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
}

Result<void> apply(Connection& conn, const migrations::Migration& migration) {
  auto version = read_schema_version(conn);
  if (!version) {
    return version.error();
  }
  if (*version >= migration.version) {
    return ok();
  }
  if (auto applied = conn.exec(std::string(migration.sql)); !applied) {
    Error error = applied.error();
    error.detail = "migration " + std::to_string(migration.version) + ": " + error.detail;
    return error;
  }
  return run(conn, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
             {std::int64_t{migration.version}, migration.name, now_millis()});
}

}  // namespace

Result<void> apply_migrations(Connection& conn) {
  for (const auto& migration : migrations::all()) {
    auto applied = run_transaction(conn, "BEGIN IMMEDIATE", [&] { return apply(conn, migration); });
    if (!applied) {
      return applied;
    }
  }
  return ok();
}

Result<int> read_schema_version(Connection& conn) {
  auto exists =
      sql::query_int64(conn, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                  {std::string_view("schema_migrations")});
  if (!exists) {
    return exists.error();
  }
  if (*exists == 0) {
    return 0;
  }
  auto version = sql::query_int64(conn, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!version) {
    return version.error();
  }
  return static_cast<int>(*version);
}

}  // namespace latch::storage::sqlite
