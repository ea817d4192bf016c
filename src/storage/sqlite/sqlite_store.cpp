#include "storage/sqlite/sqlite_store.hpp"

#include <chrono>
#include <utility>

#include "core/metrics.hpp"

#include "storage/sql/epochs.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sql/sql_tx.hpp"
#include "storage/sql/transaction.hpp"

namespace latch::storage::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(SqliteStoreOptions options) {
  auto writer = Connection::open(ConnectionOptions{options.path, false, options.busy_timeout_ms});
  if (!writer) {
    return writer.error();
  }
  // The file is read lazily: this proves it is an SQLite database before anyone relies on it.
  if (auto version = sql::read_schema_version(**writer); !version) {
    return version.error();
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(options, std::move(*writer)));
}

SqliteStore::SqliteStore(const SqliteStoreOptions& options, std::unique_ptr<Connection> writer)
    : writer_(std::move(writer)),
      readers_(ConnectionOptions{options.path, true, options.busy_timeout_ms}, options.readers) {}

Result<void> SqliteStore::transact(const TxFn& fn) {
  static metrics::Histogram& waits = metrics::registry().histogram(
      "latch_db_pool_wait_seconds", "Time a database transaction waited for a connection.",
      {{"pool", "sqlite_writer"}});
  auto started = std::chrono::steady_clock::now();
  std::lock_guard lock(writer_mutex_);
  waits.observe(std::chrono::steady_clock::now() - started);
  return sql::run_tx(*writer_, "BEGIN IMMEDIATE", fn);
}

Result<void> SqliteStore::read(const TxFn& fn) {
  auto lease = readers_.acquire();
  if (!lease) {
    return lease.error();
  }
  return sql::run_tx(lease->connection(), "BEGIN", fn);
}

Result<void> SqliteStore::migrate(const Clock& clock) {
  std::lock_guard lock(writer_mutex_);
  return sql::apply_migrations(*writer_, clock);
}

Result<int> SqliteStore::schema_version() {
  auto lease = readers_.acquire();
  if (!lease) {
    return lease.error();
  }
  return sql::read_schema_version(lease->connection());
}

Result<std::map<std::string, std::int64_t>> SqliteStore::epochs() {
  auto lease = readers_.acquire();
  if (!lease) {
    return lease.error();
  }
  return sql::read_epochs(lease->connection());
}

}  // namespace latch::storage::sqlite
