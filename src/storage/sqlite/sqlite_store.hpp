#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/reader_pool.hpp"
#include "storage/store.hpp"

namespace latch::storage::sqlite {

struct SqliteStoreOptions {
  std::string path;  // the database file; created when missing (its directory must exist)
  int busy_timeout_ms = 5000;
  std::size_t readers = 4;  // most read-only connections open at once
};

// The embedded SQLite store (WAL). One writer connection serialized by a mutex runs transact()
// and migrate() (BEGIN IMMEDIATE, so concurrent processes queue on SQLite's lock for up to the
// busy timeout); a pool of read-only connections runs read() on WAL snapshots, concurrently
// with the writer. Thread-safe.
class SqliteStore final : public Store {
 public:
  // Opens the writer (creating the file) and checks that it is an SQLite database. Internal
  // when it cannot be opened or is not SQLite; Unavailable when it stays locked.
  [[nodiscard]] static Result<std::unique_ptr<SqliteStore>> open(SqliteStoreOptions options);

  // REQUIRES (transact, read): not called from inside another transact/read `fn` on this store.
  Result<void> transact(const TxFn& fn) override;
  Result<void> read(const TxFn& fn) override;
  Result<void> migrate(const Clock& clock) override;
  Result<int> schema_version() override;
  Result<std::map<std::string, std::int64_t>> epochs() override;
  Result<std::int64_t> commit_count() override;

 private:
  SqliteStore(const SqliteStoreOptions& options, std::unique_ptr<Connection> writer,
              std::unique_ptr<Connection> watcher);

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_
  ReaderPool readers_;
  std::mutex watcher_mutex_;
  // Read-only and never in a transaction: its PRAGMA data_version moves with every commit.
  std::unique_ptr<Connection> watcher_;  // guarded by watcher_mutex_
};

}  // namespace latch::storage::sqlite
