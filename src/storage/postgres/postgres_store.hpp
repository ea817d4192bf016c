#pragma once

#include <memory>
#include <string>

#include "storage/postgres/pool.hpp"
#include "storage/store.hpp"

namespace latch::storage::postgres {

struct PostgresStoreOptions {
  std::string url;  // postgres://user:pass@host:port/db
  std::size_t connections = 8;
  std::chrono::milliseconds acquire_timeout{5000};
  int attempts = 3;  // runs of a transaction that hits a serialization failure or deadlock
};

// Latch on PostgreSQL through libpq: a pool of connections, each with its prepared statements.
// transact() runs READ COMMITTED (single-use artifacts are consumed by conditional UPDATEs, which
// re-check their condition after waiting on a row lock, so they stay atomic across nodes);
// read() runs READ ONLY REPEATABLE READ (a consistent snapshot). Transactions that fail with
// SQLSTATE 40001 or 40P01 are run again, `attempts` times at most, then fail Unavailable.
// Thread-safe.
class PostgresStore final : public Store {
 public:
  // Connects once to check the URL. Unavailable when the server cannot be reached.
  [[nodiscard]] static Result<std::unique_ptr<PostgresStore>> open(PostgresStoreOptions options);

  Result<void> transact(const TxFn& fn) override;
  Result<void> read(const TxFn& fn) override;
  Result<void> migrate(const Clock& clock) override;
  Result<int> schema_version() override;
  Result<std::map<std::string, std::int64_t>> epochs() override;
  // LISTENs on the epoch channel over a connection of its own (see postgres/change_feed.hpp).
  std::unique_ptr<ChangeFeed> changes() override;
  bool announces_commits() const override { return true; }
  bool shared_by_nodes() const override { return true; }

 private:
  explicit PostgresStore(PostgresStoreOptions options);
  Result<void> run(const std::string& begin, const TxFn& fn);

  PostgresStoreOptions options_;
  ConnectionPool pool_;
};

}  // namespace latch::storage::postgres
