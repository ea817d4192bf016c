#pragma once

#include <limits>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Applies every migration newer than the database's version, each in its own write transaction
// together with its schema_migrations row. The version is re-read inside each transaction (on
// PostgreSQL after taking an advisory lock; SQLite's BEGIN IMMEDIATE already excludes other
// writers), so nodes or processes migrating at once apply each migration once. Each row's
// applied_at is `clock`'s time when the migration ran.
// `up_to` stops after that version (tests of a migration's conversion of older data).
// REQUIRES: `conn` is read-write and not in a transaction.
[[nodiscard]] Result<void> apply_migrations(Connection& conn, const Clock& clock,
                                            int up_to = std::numeric_limits<int>::max());

// The highest applied version; 0 when schema_migrations does not exist yet.
[[nodiscard]] Result<int> read_schema_version(Connection& conn);

}  // namespace latch::storage::sql
