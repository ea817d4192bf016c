#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "storage/postgres/connection.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/test_backend.hpp"
#include "support/postgres_cluster.hpp"

// An empty database of a parameterised storage test's backend ("sqlite" or "postgres") for a
// migration test to build at an old schema version through the migrator's own connection: a
// file in a temporary directory, or a schema of its own in the test cluster.
namespace latch::storage::test {

class OldDatabase {
 public:
  // Why `backend` cannot be used here ("" when it can): call from SetUp and GTEST_SKIP.
  static std::string unavailable(const std::string& backend) {
    return backend == "postgres" ? latch::test::postgres_unavailable() : "";
  }

  explicit OldDatabase(const std::string& backend) {
    if (backend == "postgres") {
      schema_ = std::make_unique<latch::test::PostgresSchema>();
      url_ = schema_->url();
    } else {
      url_ = (dir_.path() / "old.db").string();
    }
  }

  // What open_store() takes.
  const std::string& url() const { return url_; }

  // Runs `fill` with a connection of the migrator's interface (sql::Connection): for
  // apply_migrations up to an old version and that version's rows.
  void with_connection(const std::function<void(sql::Connection&)>& fill) const {
    auto run = [&](auto conn) {
      if (!conn) {
        ADD_FAILURE() << "cannot open " << url_ << ": " << conn.error().description;
        return;
      }
      fill(**conn);
    };
    if (schema_) {
      run(postgres::Connection::open(url_));
    } else {
      run(sqlite::Connection::open({.path = url_}));
    }
  }

 private:
  TempDir dir_;  // storage/test_backend.hpp
  std::unique_ptr<latch::test::PostgresSchema> schema_;
  std::string url_;
};

}  // namespace latch::storage::test
