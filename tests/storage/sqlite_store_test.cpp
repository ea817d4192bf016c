#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/metrics.hpp"
#include "storage/samples.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/storage_fixture.hpp"
#include "storage/store.hpp"
#include "storage/test_backend.hpp"
#include "support/fake_clock.hpp"

// SQLite-only behaviour: open_store's URL forms and failures, WAL, and busy databases.
namespace latch::storage::test {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::string file(const std::string& name) const { return (dir_.path() / name).string(); }

  // The first column of the first row `sql` returns from the database at `path`, read with a
  // read-only connection of our own; "error" when it cannot be read.
  static std::string first_value(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    std::string value = "error";
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_exec(
          db, sql,
          [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) = values[0] ? values[0] : "";
            return 0;
          },
          &value, nullptr);
    }
    sqlite3_close(db);
    return value;
  }

  // The journal mode of the database at `path`.
  static std::string journal_mode(const std::string& path) {
    return first_value(path, "PRAGMA journal_mode");
  }

  latch::test::FakeClock clock_;
  TempDir dir_;
};

TEST_F(SqliteStoreTest, PostgresUrlsSelectPostgresAndFailUnavailableWhenNoServerListens) {
  // Port 1 on loopback: nothing listens, so the PostgreSQL store's first connection fails.
  for (std::string url : {"postgres://latch@127.0.0.1:1/latch", "postgresql://127.0.0.1:1/latch",
                          "PostgreSQL://127.0.0.1:1/latch"}) {
    auto store = open_store(url);
    ASSERT_FALSE(store) << url;
    EXPECT_EQ(store.error().code, Errc::Unavailable) << url;
    EXPECT_EQ(store.error().description, "cannot connect to the database");
  }
}

TEST_F(SqliteStoreTest, OpensPlainPathsAndSqliteUrls) {
  for (std::string url :
       {file("plain.db"), "sqlite://" + file("slashes.db"), "sqlite:" + file("colon.db")}) {
    auto store = open_store(url);
    ASSERT_OK(store);
    ASSERT_OK((*store)->migrate(clock_));
  }
  EXPECT_TRUE(std::filesystem::exists(file("plain.db")));
  EXPECT_TRUE(std::filesystem::exists(file("slashes.db")));
  EXPECT_TRUE(std::filesystem::exists(file("colon.db")));
}

TEST_F(SqliteStoreTest, CreatesTheMissingParentDirectory) {
  std::string path = file("nested/deeper/latch.db");
  auto store = open_store(path);
  ASSERT_OK(store);
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST_F(SqliteStoreTest, RejectsEmptyAndInMemoryPaths) {
  for (std::string url : {"", "sqlite://", ":memory:", "sqlite::memory:"}) {
    auto store = open_store(url);
    ASSERT_FALSE(store) << url;
    EXPECT_EQ(store.error().code, Errc::InvalidRequest) << url;
  }
}

TEST_F(SqliteStoreTest, AFileThatIsNotSqliteIsAnErrorNotACrash) {
  std::string path = file("notes.txt");
  std::ofstream(path) << std::string(4096, 'x') << "\nthis is not a database\n";

  auto store = open_store(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Errc::Internal);
  EXPECT_NE(store.error().detail.find("not a database"), std::string::npos) << store.error().detail;
}

TEST_F(SqliteStoreTest, ANewDatabaseHasSchemaVersionZeroUntilMigrated) {
  auto store = open_store(file("latch.db"));
  ASSERT_OK(store);
  auto before = (*store)->schema_version();
  ASSERT_OK(before);
  EXPECT_EQ(*before, 0);

  ASSERT_OK((*store)->migrate(clock_));
  auto after = (*store)->schema_version();
  ASSERT_OK(after);
  EXPECT_GE(*after, 1);
}

TEST_F(SqliteStoreTest, MigrationsAreDatedByTheInjectedClock) {
  auto store = open_store(file("latch.db"));
  ASSERT_OK(store);
  ASSERT_OK((*store)->migrate(clock_));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(file("latch.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  std::vector<std::string> dates;
  sqlite3_exec(
      db, "SELECT DISTINCT applied_at FROM schema_migrations",
      [](void* out, int, char** values, char**) {
        static_cast<std::vector<std::string>*>(out)->emplace_back(values[0]);
        return 0;
      },
      &dates, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(dates, std::vector<std::string>{std::to_string(clock_.now_millis())});
}

TEST_F(SqliteStoreTest, UsesTheWalJournal) {
  auto store = open_store(file("latch.db"));
  ASSERT_OK(store);
  EXPECT_EQ(journal_mode(file("latch.db")), "wal");
}

TEST_F(SqliteStoreTest, DataSurvivesReopening) {
  {
    auto store = open_store(file("latch.db"));
    ASSERT_OK(store);
    ASSERT_OK((*store)->migrate(clock_));
    ASSERT_OK((*store)->transact([](Tx& tx) { return tx.users().insert(sample_user("u1")); }));
  }
  auto store = open_store(file("latch.db"));
  ASSERT_OK(store);
  bool found = false;
  ASSERT_OK((*store)->read([&](Tx& tx) -> Result<void> {
    auto user = tx.users().find("u1");
    found = user && user->has_value();
    return ok();
  }));
  EXPECT_TRUE(found);
}

// Holds a write transaction open on `store` until `release` is set.
std::thread hold_write_lock(Store& store, std::promise<void>& held, std::future<void> release) {
  return std::thread([&store, &held, release = std::move(release)]() mutable {
    (void)store.transact([&](Tx& tx) -> Result<void> {
      auto bumped = tx.bump_epoch("lock");
      held.set_value();
      release.wait();
      return bumped;
    });
  });
}

TEST_F(SqliteStoreTest, AWriterBusyBeyondTheTimeoutIsUnavailable) {
  auto path = file("latch.db");
  auto holder = sqlite::SqliteStore::open({.path = path});
  auto waiter = sqlite::SqliteStore::open({.path = path, .busy_timeout_ms = 50});
  ASSERT_OK(holder);
  ASSERT_OK(waiter);
  ASSERT_OK((*holder)->migrate(clock_));
  std::promise<void> held;
  std::promise<void> release;
  std::thread thread = hold_write_lock(**holder, held, release.get_future());
  held.get_future().wait();

  auto blocked = (*waiter)->transact([](Tx& tx) { return tx.bump_epoch("other"); });
  auto read = (*waiter)->read([](Tx& tx) -> Result<void> {
    auto users = tx.users().count("");
    if (!users) {
      return users.error();
    }
    return ok();
  });
  release.set_value();
  thread.join();

  EXPECT_EQ(errc_of(blocked), Errc::Unavailable);
  EXPECT_EQ(blocked.error().description, "the database is busy");
  EXPECT_OK(read);  // WAL: readers do not wait for the writer
}

// Group commit: calls that queue while one writes are committed together, each in a savepoint.
class GroupCommitTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    auto opened = sqlite::SqliteStore::open({.path = file("latch.db")});
    ASSERT_OK(opened);
    store_ = std::move(*opened);
    ASSERT_OK(store_->migrate(clock_));
  }

  // Runs `jobs` on threads of their own while a first call holds the writer, so that they queue
  // up and are written as one batch once it lets go. Returns each job's result.
  std::vector<Result<void>> batched(std::vector<TxFn> jobs) {
    std::promise<void> held;
    std::promise<void> release;
    std::thread holder = hold_write_lock(*store_, held, release.get_future());
    held.get_future().wait();
    std::vector<Result<void>> results(jobs.size(), ok());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      threads.emplace_back([&, i] { results[i] = store_->transact(jobs[i]); });
    }
    for (int i = 0; i < 500 && store_->waiting_writes() < jobs.size(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(store_->waiting_writes(), jobs.size());
    release.set_value();
    holder.join();
    for (auto& thread : threads) thread.join();
    return results;
  }

  std::map<std::string, std::int64_t> epochs() {
    auto read = store_->epochs();
    EXPECT_TRUE(read);
    return read ? *read : std::map<std::string, std::int64_t>{};
  }

  std::unique_ptr<sqlite::SqliteStore> store_;
};

TEST_F(GroupCommitTest, QueuedCallsCommitTogetherAndAFailingOneIsRolledBackAlone) {
  auto& commits = metrics::registry().counter(
      "latch_db_group_commits_total", "Commits of the SQLite writer (each of one or more calls).");
  std::uint64_t before = commits.value();
  auto results = batched({
      [](Tx& tx) { return tx.bump_epoch("first"); },
      [](Tx& tx) -> Result<void> {
        if (auto bumped = tx.bump_epoch("refused"); !bumped) return bumped;
        return make_error(Errc::Conflict, "this one changes its mind");
      },
      [](Tx& tx) { return tx.users().insert(sample_user("u1")); },
      [](Tx& tx) { return tx.users().insert(sample_user("u1")); },  // the same id: refused
      [](Tx& tx) { return tx.bump_epoch("last"); },
  });
  EXPECT_EQ(commits.value() - before, 2u) << "the holder's commit and one for the five";
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().code, Errc::Conflict);
  EXPECT_NE(static_cast<bool>(results[2]), static_cast<bool>(results[3]))
      << "whichever inserts u1 second sees the first, as if run after it";
  EXPECT_TRUE(results[4]);
  auto now = epochs();
  EXPECT_EQ(now.count("first"), 1u);
  EXPECT_EQ(now.count("last"), 1u);
  EXPECT_EQ(now.count("refused"), 0u);
  bool found = false;
  ASSERT_OK(store_->read([&](Tx& tx) -> Result<void> {
    auto user = tx.users().find("u1");
    found = user && user->has_value();
    return ok();
  }));
  EXPECT_TRUE(found);
}

TEST_F(GroupCommitTest, EachCallerRunsItsOwnAfterCommitWorkAndHearsOfItsOwnBumps) {
  std::mutex mutex;
  std::multiset<std::string> heard;
  store_->on_epoch_bump([&](const std::string& cache) {
    std::lock_guard lock(mutex);
    heard.insert(cache);
  });
  std::atomic<int> ran{0};
  std::thread::id caller;
  auto results = batched({
      [&](Tx& tx) {
        tx.after_commit([&] {
          caller = std::this_thread::get_id();
          ran.fetch_add(1);
        });
        return tx.bump_epoch("kept");
      },
      [&](Tx& tx) -> Result<void> {
        tx.after_commit([&] { ran.fetch_add(100); });
        (void)tx.bump_epoch("dropped");
        return make_error(Errc::InvalidRequest, "no");
      },
  });
  EXPECT_TRUE(results[0]);
  EXPECT_FALSE(results[1]);
  EXPECT_EQ(ran.load(), 1) << "only the committed call's callback";
  EXPECT_EQ(heard.count("kept"), 1u);
  EXPECT_EQ(heard.count("dropped"), 0u);
  EXPECT_EQ(heard.count("lock"), 1u);
  store_->on_epoch_bump(nullptr);
}

TEST_F(GroupCommitTest, AThrowingCallThrowsInItsOwnCallerAndTheOthersCommit) {
  std::promise<void> held;
  std::promise<void> release;
  std::thread holder = hold_write_lock(*store_, held, release.get_future());
  held.get_future().wait();
  Result<void> kept = ok();
  bool threw = false;
  std::thread thrower([&] {
    try {
      (void)store_->transact([](Tx& tx) -> Result<void> {
        (void)tx.bump_epoch("thrown");
        throw std::runtime_error("boom");
      });
    } catch (const std::runtime_error&) {
      threw = true;
    }
  });
  std::thread keeper(
      [&] { kept = store_->transact([](Tx& tx) { return tx.bump_epoch("kept"); }); });
  for (int i = 0; i < 500 && store_->waiting_writes() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  release.set_value();
  holder.join();
  thrower.join();
  keeper.join();
  EXPECT_TRUE(threw);
  EXPECT_TRUE(kept);
  auto now = epochs();
  EXPECT_EQ(now.count("kept"), 1u);
  EXPECT_EQ(now.count("thrown"), 0u);
}

TEST_F(GroupCommitTest, TheCommitCountMovesWithEveryCommitOfAnyConnection) {
  auto before = store_->commit_count();
  ASSERT_OK(before);
  auto same = store_->commit_count();
  ASSERT_OK(same);
  EXPECT_EQ(*same, *before) << "nothing was committed";
  ASSERT_OK(store_->transact([](Tx& tx) { return tx.bump_epoch("a"); }));
  auto after_own = store_->commit_count();
  ASSERT_OK(after_own);
  EXPECT_NE(*after_own, *before);
  auto other = sqlite::SqliteStore::open({.path = file("latch.db")});  // another process's view
  ASSERT_OK(other);
  ASSERT_OK((*other)->transact([](Tx& tx) { return tx.bump_epoch("b"); }));
  auto after_other = store_->commit_count();
  ASSERT_OK(after_other);
  EXPECT_NE(*after_other, *after_own);
}

// Checkpoints run on the store's own thread: a commit reaches the database file itself (not only
// the WAL) within about a second, with no request paying for the copy.
TEST_F(GroupCommitTest, CommitsReachTheDatabaseFileWithoutAnyRequestCheckpointing) {
  ASSERT_OK(store_->transact([](Tx& tx) { return tx.users().insert(sample_user("u9")); }));
  std::string copy = file("copy.db");
  bool found = false;
  for (int i = 0; i < 50 && !found; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // The database file alone, without its WAL: what a checkpoint has copied into it.
    std::filesystem::copy_file(file("latch.db"), copy,
                               std::filesystem::copy_options::overwrite_existing);
    found = first_value(copy, "SELECT COUNT(*) FROM users WHERE id = 'u9'") == "1";
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace latch::storage::test
