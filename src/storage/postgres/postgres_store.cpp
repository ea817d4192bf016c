#include "storage/postgres/postgres_store.hpp"

#include <utility>

#include "storage/postgres/change_feed.hpp"
#include "storage/postgres/errors.hpp"
#include "storage/sql/epochs.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sql/sql_tx.hpp"
#include "storage/sql/transaction.hpp"

namespace latch::storage::postgres {

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(PostgresStoreOptions options) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(std::move(options)));
  auto lease = store->pool_.acquire();
  if (!lease) {
    return lease.error();
  }
  return store;
}

PostgresStore::PostgresStore(PostgresStoreOptions options)
    : options_(options),
      pool_(PoolOptions{options.url, options.connections, options.acquire_timeout}) {}

Result<void> PostgresStore::run(const std::string& begin, const TxFn& fn) {
  Result<void> done = ok();
  sql::Committed committed;
  for (int attempt = 0; attempt < options_.attempts; ++attempt) {
    auto lease = pool_.acquire();
    if (!lease) {
      return lease.error();
    }
    Connection& conn = lease->connection();
    done = sql::run_tx(conn, begin, fn, committed);
    if (done || !is_retryable(conn.last_sqlstate())) break;
  }
  if (done) committed.run(epoch_listener());  // the lease is back in the pool
  return done;
}

Result<void> PostgresStore::transact(const TxFn& fn) {
  return run("BEGIN ISOLATION LEVEL READ COMMITTED", fn);
}

Result<void> PostgresStore::read(const TxFn& fn) {
  return run("BEGIN READ ONLY ISOLATION LEVEL REPEATABLE READ", fn);
}

Result<void> PostgresStore::migrate(const Clock& clock) {
  auto lease = pool_.acquire();
  if (!lease) {
    return lease.error();
  }
  return sql::apply_migrations(lease->connection(), clock);
}

Result<int> PostgresStore::schema_version() {
  auto lease = pool_.acquire();
  if (!lease) {
    return lease.error();
  }
  return sql::read_schema_version(lease->connection());
}

Result<std::map<std::string, std::int64_t>> PostgresStore::epochs() {
  auto lease = pool_.acquire();
  if (!lease) {
    return lease.error();
  }
  return sql::read_epochs(lease->connection());
}

std::unique_ptr<ChangeFeed> PostgresStore::changes() {
  return std::make_unique<PostgresChangeFeed>(options_.url);
}

}  // namespace latch::storage::postgres
