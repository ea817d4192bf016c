#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

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

  // The journal mode of the database at `path`, read with a connection of our own.
  static std::string journal_mode(const std::string& path) {
    sqlite3* db = nullptr;
    std::string mode = "error";
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_exec(
          db, "PRAGMA journal_mode",
          [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) = values[0];
            return 0;
          },
          &mode, nullptr);
    }
    sqlite3_close(db);
    return mode;
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

}  // namespace
}  // namespace latch::storage::test
