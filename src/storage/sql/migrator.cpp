#include "storage/sql/migrator.hpp"

#include <string>

#include "storage/migrations/migration.hpp"
#include "storage/sql/query.hpp"
#include "storage/sql/transaction.hpp"

namespace latch::storage::sql {
namespace {

// The advisory lock every PostgreSQL node takes before migrating ("latch" in ASCII).
constexpr std::int64_t kMigrationLock = 0x6c61746368;

// v3 backfills user_identities with SQLite's JSON functions; this is the same in PostgreSQL's.
constexpr std::string_view kV3Backfill =
    "INSERT INTO user_identities (target, identity_id, user_id)\n"
    "  SELECT j.key, json_extract(j.value, '$.userId'), u.id\n"
    "  FROM users u, json_each(u.identities) j\n"
    "  WHERE json_type(j.value, '$.userId') = 'text';";
constexpr std::string_view kV3BackfillPostgres =
    "INSERT INTO user_identities (target, identity_id, user_id)\n"
    "  SELECT j.key, j.value->>'userId', u.id\n"
    "  FROM users u, json_each(u.identities::json) j\n"
    "  WHERE json_typeof(j.value->'userId') = 'string';";

// The migration's SQL as the database runs it. The schema itself is portable (see
// migrations/v1_initial_schema.cpp); only SQLite's JSON functions need translating.
std::string translate(const migrations::Migration& migration, Dialect dialect) {
  if (dialect != Dialect::postgres) {
    return std::string(migration.sql);
  }
  if (!migration.postgres_sql.empty()) {
    return std::string(migration.postgres_sql);
  }
  std::string sql(migration.sql);
  if (auto at = sql.find(kV3Backfill); at != std::string::npos) {
    sql.replace(at, kV3Backfill.size(), kV3BackfillPostgres);
  }
  return sql;
}

Result<void> apply(Connection& conn, const migrations::Migration& migration, const Clock& clock) {
  if (conn.dialect() == Dialect::postgres) {
    if (auto locked = run(conn, "SELECT pg_advisory_xact_lock(?)", {kMigrationLock}); !locked) {
      return locked;
    }
  }
  auto version = read_schema_version(conn);
  if (!version) {
    return version.error();
  }
  if (*version >= migration.version) {
    return ok();
  }
  if (auto applied = conn.exec(translate(migration, conn.dialect())); !applied) {
    Error error = applied.error();
    error.detail = "migration " + std::to_string(migration.version) + ": " + error.detail;
    return error;
  }
  return run(conn, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
             {std::int64_t{migration.version}, migration.name, clock.now_millis()});
}

}  // namespace

Result<void> apply_migrations(Connection& conn, const Clock& clock, int up_to) {
  const std::string begin = conn.dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN";
  for (const auto& migration : migrations::all()) {
    if (migration.version > up_to) break;
    auto applied = run_transaction(conn, begin, [&] { return apply(conn, migration, clock); });
    if (!applied) {
      return applied;
    }
  }
  return ok();
}

Result<int> read_schema_version(Connection& conn) {
  constexpr std::string_view kSqliteExists =
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?";
  constexpr std::string_view kPostgresExists =
      "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = ? AND "
      "schemaname = current_schema()";
  auto exists =
      query_int64(conn, conn.dialect() == Dialect::postgres ? kPostgresExists : kSqliteExists,
                  {std::string_view("schema_migrations")});
  if (!exists) {
    return exists.error();
  }
  if (*exists == 0) {
    return 0;
  }
  auto version = query_int64(conn, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!version) {
    return version.error();
  }
  return static_cast<int>(*version);
}

}  // namespace latch::storage::sql
