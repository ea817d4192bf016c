#include "storage/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "core/metrics.hpp"

#include "storage/sql/epochs.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sql/query.hpp"
#include "storage/sql/sql_tx.hpp"
#include "storage/sql/transaction.hpp"

namespace latch::storage::sqlite {

namespace {

// The WAL index header (https://www.sqlite.org/walformat.html, "The WAL-Index Header"): two
// copies of 48 bytes; in each, iChange (offset 8) counts write transactions and mxFrame
// (offset 16) is the last valid frame. Words, not bytes: the file holds native-order u32s.
constexpr std::size_t kHeaderWords = 12;
constexpr std::size_t kChangeWord = 2;
constexpr std::size_t kFrameWord = 4;

std::uint32_t load(const std::uint32_t* word) { return __atomic_load_n(word, __ATOMIC_ACQUIRE); }

}  // namespace

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
  auto checkpointer =
      Connection::open(ConnectionOptions{options.path, false, options.busy_timeout_ms});
  if (!checkpointer) {
    return checkpointer.error();
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(options, std::move(*writer), std::move(*watcher), std::move(*checkpointer)));
}

SqliteStore::SqliteStore(const SqliteStoreOptions& options, std::unique_ptr<Connection> writer,
                         std::unique_ptr<Connection> watcher,
                         std::unique_ptr<Connection> checkpointer)
    : writer_(std::move(writer)),
      readers_(ConnectionOptions{options.path, true, options.busy_timeout_ms}, options.readers),
      checkpointer_(std::move(checkpointer)),
      watcher_(std::move(watcher)) {
  wal_committed_ = [this](int frames) {
    bool wake = false;
    {
      std::lock_guard lock(checkpoint_mutex_);
      wake = wal_frames_ < kCheckpointFrames && frames >= kCheckpointFrames;
      wal_frames_ = frames;
    }
    if (wake) checkpoint_wake_.notify_one();
  };
  writer_->on_wal_commit(&wal_committed_);
  checkpoint_thread_ = std::thread([this] { checkpoint_loop(); });
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(checkpoint_mutex_);
    stopping_ = true;
  }
  checkpoint_wake_.notify_one();
  checkpoint_thread_.join();
  writer_->on_wal_commit(nullptr);
}

void SqliteStore::map_wal_index() {
  // Through the watcher's own VFS (xShmMap), never a file descriptor of ours: closing one would
  // drop every POSIX lock this process holds on the file, SQLite's included, and let another
  // process truncate the WAL index under this one's writer.
  const void* region = watcher_->wal_index();
  if (region == nullptr) return;
  wal_index_ = static_cast<const std::uint32_t*>(region);
  wal_index_mapped_.store(true, std::memory_order_release);
}

void SqliteStore::checkpoint_loop() {
  std::unique_lock lock(checkpoint_mutex_);
  for (;;) {
    checkpoint_wake_.wait_for(lock, kCheckpointEvery,
                              [this] { return stopping_ || wal_frames_ >= kCheckpointFrames; });
    if (stopping_) return;
    if (wal_frames_ == 0) continue;
    wal_frames_ = 0;
    lock.unlock();
    // PASSIVE: copies what no reader still needs, never waits for readers or the writer. A
    // failure (the disk is full) is left for the next round; the WAL keeps every commit.
    (void)checkpointer_->exec("PRAGMA wal_checkpoint(PASSIVE)");
    lock.lock();
  }
}

Result<std::int64_t> SqliteStore::commit_count() {
  if (!wal_index_mapped_.load(std::memory_order_acquire)) {
    std::lock_guard lock(watcher_mutex_);
    if (!wal_index_mapped_.load(std::memory_order_relaxed)) map_wal_index();
    if (!wal_index_mapped_.load(std::memory_order_relaxed)) {
      // Until the index is mapped: "PRAGMA data_version" on the watcher, which reads the same
      // shared memory through SQLite (it changes when another connection commits, and the
      // watcher never does).
      auto version = sql::query_one<std::int64_t>(*watcher_, "PRAGMA data_version", {},
                                                  [](const sql::Row& row) { return row.int64(0); });
      if (!version) return version.error();
      if (!*version) return make_error(Errc::Internal, "PRAGMA data_version returned no row");
      return **version;
    }
  }
  // A writer updates both copies; when they differ it is mid-way: no count to vouch with.
  std::uint32_t change = load(wal_index_ + kChangeWord);
  std::uint32_t frames = load(wal_index_ + kFrameWord);
  if (change != load(wal_index_ + kHeaderWords + kChangeWord) ||
      frames != load(wal_index_ + kHeaderWords + kFrameWord)) {
    return make_error(Errc::Unavailable, "the WAL index is being written");
  }
  // Bit 62 keeps these apart from the PRAGMA's small numbers used before the mapping.
  return static_cast<std::int64_t>((std::uint64_t{1} << 62) |
                                   ((std::uint64_t{change} & 0x3fffffff) << 32) | frames);
}

namespace {

// The most transact() calls one commit takes: a bound on how long the first of them waits.
constexpr std::size_t kMaxBatch = 32;

}  // namespace

Result<void> SqliteStore::transact(const TxFn& fn) {
  static metrics::Histogram& waits = metrics::registry().histogram(
      "latch_db_pool_wait_seconds", "Time a database transaction waited for a connection.",
      {{"pool", "sqlite_writer"}});
  // Their ratio is the mean number of transactions per commit.
  static metrics::Counter& commits = metrics::registry().counter(
      "latch_db_group_commits_total", "Commits of the SQLite writer (each of one or more calls).");
  static metrics::Counter& batched = metrics::registry().counter(
      "latch_db_group_commit_calls_total", "transact() calls the SQLite writer's commits held.");
  auto started = std::chrono::steady_clock::now();
  Waiting me{.job = {.fn = &fn}};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&me);
  // Until a batch has run this call, or this call leads the next batch.
  queue_changed_.wait(lock, [&] { return me.finished || (!writing_ && queue_.front() == &me); });
  waits.observe(std::chrono::steady_clock::now() - started);
  if (!me.finished) {
    writing_ = true;
    std::size_t size = std::min(queue_.size(), kMaxBatch);
    std::vector<Waiting*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(size));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(size));
    lock.unlock();
    std::vector<sql::BatchJob*> jobs;
    for (Waiting* waiting : batch) jobs.push_back(&waiting->job);
    commits.add();
    batched.add(jobs.size());
    {
      std::lock_guard writer(writer_mutex_);
      sql::run_batch(*writer_, "BEGIN IMMEDIATE", jobs);
    }
    lock.lock();
    for (Waiting* waiting : batch) waiting->finished = true;
    writing_ = false;
    lock.unlock();
    queue_changed_.notify_all();  // the batch's callers, and the next batch's leader
  } else {
    lock.unlock();
  }
  if (me.job.thrown) std::rethrow_exception(me.job.thrown);
  if (me.job.result) me.job.committed.run(epoch_listener());  // the next batch may be in
  return me.job.result;
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
