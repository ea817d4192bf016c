#include "storage/sqlite/sqlite_store.hpp"

#include <chrono>
#include <utility>

#include "core/metrics.hpp"

#include "storage/sql/epochs.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sql/query.hpp"
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
  auto watcher = Connection::open(ConnectionOptions{options.path, true, options.busy_timeout_ms});
  if (!watcher) {
    return watcher.error();
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(options, std::move(*writer), std::move(*watcher)));
}

SqliteStore::SqliteStore(const SqliteStoreOptions& options, std::unique_ptr<Connection> writer,
                         std::unique_ptr<Connection> watcher)
    : writer_(std::move(writer)),
      readers_(ConnectionOptions{options.path, true, options.busy_timeout_ms}, options.readers),
      watcher_(std::move(watcher)) {}

Result<std::int64_t> SqliteStore::commit_count() {
  // In WAL mode this reads the shared-memory index, not the file: microseconds, no waiting on
  // writers (SQLite's "PRAGMA data_version": it changes when another connection commits, and
  // this one never does).
  std::lock_guard lock(watcher_mutex_);
  auto version = sql::query_one<std::int64_t>(*watcher_, "PRAGMA data_version", {},
                                              [](const sql::Row& row) { return row.int64(0); });
  if (!version) return version.error();
  if (!*version) return make_error(Errc::Internal, "PRAGMA data_version returned no row");
  return **version;
}

Result<void> SqliteStore::transact(const TxFn& fn) {
  static metrics::Histogram& waits = metrics::registry().histogram(
      "latch_db_pool_wait_seconds", "Time a database transaction waited for a connection.",
      {{"pool", "sqlite_writer"}});
  auto started = std::chrono::steady_clock::now();
  sql::Committed committed;
  Result<void> done = ok();
  {
    std::lock_guard lock(writer_mutex_);
    waits.observe(std::chrono::steady_clock::now() - started);
    done = sql::run_tx(*writer_, "BEGIN IMMEDIATE", fn, committed);
  }
  if (done) committed.run(epoch_listener());  // the next writer may already be in
  return done;
}

Result<void> SqliteStore::read(const TxFn& fn) {
  sql::Committed committed;
  Result<void> done = ok();
  {
    auto lease = readers_.acquire();
    if (!lease) {
      return lease.error();
    }
    done = sql::run_tx(lease->connection(), "BEGIN", fn, committed);
  }
  if (done) committed.run(epoch_listener());
  return done;
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
