#pragma once

#include "core/result.hpp"
#include "storage/postgres/connection.hpp"

namespace latch::storage::postgres {

// Applies the pending migrations (storage/migrations, same versions as SQLite), each in its own
// transaction under pg_advisory_xact_lock, so nodes that start together apply each one once.
[[nodiscard]] Result<void> apply_migrations(Connection& conn);

// Highest applied version; 0 when schema_migrations does not exist.
[[nodiscard]] Result<int> read_schema_version(Connection& conn);

}  // namespace latch::storage::postgres
