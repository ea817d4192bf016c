#pragma once

#include <span>
#include <string_view>

// Versioned schema migrations, embedded in the binary and shared by every backend. The SQL
// sticks to what SQLite and PostgreSQL both accept (TEXT, INTEGER, BIGINT, CHECK, partial
// indexes, ON DELETE CASCADE); where a backend must differ, the migration says so in a comment.
namespace latch::storage::migrations {

struct Migration {
  int version;            // strictly increasing, starting at 1
  std::string_view name;  // recorded in schema_migrations
  std::string_view sql;   // one or more statements without parameters
  // What PostgreSQL runs instead of `sql`, when the two must differ (empty: `sql` for both).
  std::string_view postgres_sql = {};
};

// Every migration, in ascending version order. The first one creates schema_migrations itself;
// a migration runner records each applied migration there in the migration's transaction.
std::span<const Migration> all();

// The highest version in all(): what schema_version() reports once migrate() has run.
int latest_version();

}  // namespace latch::storage::migrations
