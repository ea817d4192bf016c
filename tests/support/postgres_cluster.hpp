#pragma once

#include <string>

namespace latch::test {

// One throw-away PostgreSQL cluster per test binary (scripts/pg-cluster), started on first use
// and stopped at exit; or the server named by LATCH_TEST_POSTGRES_URL (an admin URL, left
// running). Thread-safe.

// "" when PostgreSQL can be used here, otherwise why not (for GTEST_SKIP).
std::string postgres_unavailable();

// The cluster's admin URL (database "postgres"). Throws std::runtime_error when it cannot start.
std::string postgres_admin_url();

// A fresh, empty schema in the cluster's "postgres" database. A schema costs a few milliseconds
// where CREATE DATABASE costs ~300.
class PostgresSchema {
 public:
  PostgresSchema();
  ~PostgresSchema();  // drops the schema and everything in it
  PostgresSchema(const PostgresSchema&) = delete;
  PostgresSchema& operator=(const PostgresSchema&) = delete;

  // A postgres:// URL whose search_path names the schema.
  const std::string& url() const { return url_; }

 private:
  std::string name_;
  std::string url_;
};

}  // namespace latch::test
