#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "storage/sql/sql_tx.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/reader_pool.hpp"
#include "storage/store.hpp"

namespace latch::storage::sqlite {

// Checkpoints (SqliteStore::checkpoint_loop): at least this often while the WAL has frames, and at
// once when it holds this many (16 MiB of 4 KiB pages).
inline constexpr std::chrono::milliseconds kCheckpointEvery{1000};
inline constexpr int kCheckpointFrames = 4096;

struct SqliteStoreOptions {
  std::string path;  // the database file; created when missing (its directory must exist)
  int busy_timeout_ms = 5000;
  std::size_t readers = 4;  // most read-only connections open at once
};

// The embedded SQLite store (WAL). One writer connection runs transact() and migrate() (BEGIN
// IMMEDIATE, so concurrent processes queue on SQLite's lock for up to the busy timeout); a pool
// of read-only connections runs read() on WAL snapshots, concurrently with the writer.
// Thread-safe.
//
// Group commit: transact() calls that arrive while another is writing queue up, and the first
// of them, once the writer is free, runs the whole queue in one transaction, each call in a
// savepoint of its own (sql::run_batch). Each call still commits before it returns, and one that
// fails is rolled back alone; what the batch saves is the commit's work (the WAL frames of pages
// several calls changed, the WAL header, the locks), which is most of a small write's cost.
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
  ~SqliteStore() override;
  // transact() calls waiting for the writer (not counting a batch being written).
  std::size_t waiting_writes() {
    std::lock_guard lock(queue_mutex_);
    return queue_.size();
  }

 private:
  SqliteStore(const SqliteStoreOptions& options, std::unique_ptr<Connection> writer,
              std::unique_ptr<Connection> watcher, std::unique_ptr<Connection> checkpointer);

  // The queue of transact() calls waiting for the writer, and whether a batch is being written.
  std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  struct Waiting {
    sql::BatchJob job;
    bool finished = false;  // guarded by queue_mutex_
  };
  std::deque<Waiting*> queue_;  // guarded by queue_mutex_
  bool writing_ = false;        // guarded by queue_mutex_
  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_
  ReaderPool readers_;
  // Checkpoints, off the writer's path: the writer's commits only count the WAL's frames
  // (on_wal_commit); this thread copies the WAL into the database once a second, or at once when
  // the WAL has grown past kCheckpointFrames. A checkpoint then writes each page once however
  // many commits changed it, and no request waits for one.
  void checkpoint_loop();
  void map_wal_index();                       // REQUIRES: watcher_mutex_ held
  std::unique_ptr<Connection> checkpointer_;  // used by checkpoint_thread_ only
  std::function<void(int)> wal_committed_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  int wal_frames_ = 0;     // guarded by checkpoint_mutex_
  bool stopping_ = false;  // guarded by checkpoint_mutex_
  std::thread checkpoint_thread_;
  // The WAL index's header (SQLite's file format: "-shm", two copies of a 48-byte header whose
  // iChange counts transactions) as the watcher's VFS maps it, so commit_count() reads memory
  // instead of running a statement. Found at the first call; the PRAGMA below until then.
  const std::uint32_t* wal_index_ = nullptr;  // set once under watcher_mutex_, then read-only
  std::atomic<bool> wal_index_mapped_{false};
  std::mutex watcher_mutex_;
  // Read-only and never in a transaction: its PRAGMA data_version moves with every commit.
  std::unique_ptr<Connection> watcher_;  // guarded by watcher_mutex_
};

}  // namespace latch::storage::sqlite
