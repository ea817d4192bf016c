#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <stdexcept>
#include <thread>

#include "storage/migrations/migration.hpp"
#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"
#include "support/fake_clock.hpp"

namespace latch::storage::test {
namespace {

class StoreTest : public StorageTest {
 protected:
  bool user_exists(const std::string& id) {
    auto found = in_read([&](Tx& tx) { return tx.users().find(id); });
    return found && found->has_value();
  }
  std::int64_t user_count() {
    auto counted = in_read([](Tx& tx) { return tx.users().count(""); });
    return counted ? *counted : -1;
  }
};

TEST_P(StoreTest, TransactCommitsWhenFnSucceeds) {
  ASSERT_OK(store().transact([](Tx& tx) { return tx.users().insert(sample_user("u1")); }));
  EXPECT_TRUE(user_exists("u1"));
}

TEST_P(StoreTest, TransactRollsBackAndPassesTheErrorThroughWhenFnFails) {
  auto done = store().transact([](Tx& tx) -> Result<void> {
    if (auto inserted = tx.users().insert(sample_user("u1")); !inserted) {
      return inserted;
    }
    return make_error(Errc::InvalidGrant, "code expired", "detail for the log");
  });

  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, Errc::InvalidGrant);
  EXPECT_EQ(done.error().description, "code expired");
  EXPECT_EQ(done.error().detail, "detail for the log");
  EXPECT_FALSE(user_exists("u1"));
}

TEST_P(StoreTest, TransactRollsBackEpochBumpsWithTheTransaction) {
  std::int64_t before = epoch("applications");
  auto done = store().transact([](Tx& tx) -> Result<void> {
    if (auto inserted = tx.applications().insert(sample_application("a1")); !inserted) {
      return inserted;
    }
    return make_error(Errc::Conflict, "changed my mind");
  });

  EXPECT_EQ(errc_of(done), Errc::Conflict);
  EXPECT_EQ(epoch("applications"), before);
}

TEST_P(StoreTest, TransactRollsBackWhenFnThrowsAndTheStoreStaysUsable) {
  EXPECT_THROW((void)store().transact([](Tx& tx) -> Result<void> {
    (void)tx.users().insert(sample_user("u1"));
    throw std::runtime_error("boom");
  }),
               std::runtime_error);

  EXPECT_FALSE(user_exists("u1"));
  EXPECT_OK(store().transact([](Tx& tx) { return tx.users().insert(sample_user("u1")); }));
  EXPECT_TRUE(user_exists("u1"));
}

TEST_P(StoreTest, AfterCommitRunsOnceTheTransactionCommittedAndNeverOnARollback) {
  bool seen_committed = false;
  int runs = 0;
  ASSERT_OK(store().transact([&](Tx& tx) {
    tx.after_commit([&] {
      ++runs;
      seen_committed = user_exists("u1");  // a new transaction sees what this one wrote
    });
    EXPECT_EQ(runs, 0) << "not before the commit";
    return tx.users().insert(sample_user("u1"));
  }));
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(seen_committed);

  auto refused = store().transact([&](Tx& tx) -> Result<void> {
    tx.after_commit([&] { ++runs; });
    return make_error(Errc::Conflict, "changed my mind");
  });
  EXPECT_EQ(errc_of(refused), Errc::Conflict);
  EXPECT_EQ(runs, 1) << "a rolled back transaction runs nothing";
}

TEST_P(StoreTest, ReadRefusesWrites) {
  auto inserted = store().read([](Tx& tx) { return tx.users().insert(sample_user("u1")); });
  auto bumped = store().read([](Tx& tx) { return tx.bump_epoch("applications"); });

  EXPECT_FALSE(inserted);
  EXPECT_FALSE(bumped);
  EXPECT_FALSE(user_exists("u1"));
}

TEST_P(StoreTest, ReadPassesFnErrorsThrough) {
  auto done = store().read(
      [](Tx&) -> Result<void> { return make_error(Errc::NotFound, "no such client"); });
  EXPECT_EQ(errc_of(done), Errc::NotFound);
}

TEST_P(StoreTest, ReadSeesOneSnapshotWhileAWriterCommits) {
  std::int64_t first = -1;
  std::int64_t second = -1;
  ASSERT_OK(store().read([&](Tx& tx) -> Result<void> {
    auto before = tx.users().count("");
    if (!before) {
      return before.error();
    }
    first = *before;
    std::thread writer([&] {
      EXPECT_OK(store().transact([](Tx& w) { return w.users().insert(sample_user("u1")); }));
    });
    writer.join();
    auto after = tx.users().count("");
    if (!after) {
      return after.error();
    }
    second = *after;
    return ok();
  }));

  EXPECT_EQ(first, 0);
  EXPECT_EQ(second, 0);
  EXPECT_EQ(user_count(), 1);
}

TEST_P(StoreTest, ReadsRunConcurrentlyFromManyThreads) {
  ASSERT_OK(store().transact([](Tx& tx) { return tx.users().insert(sample_user("u1")); }));
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 20; ++j) {
        found += user_exists("u1") ? 1 : 0;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(found.load(), 160);
}

TEST_P(StoreTest, SchemaVersionIsTheLatestMigrationAfterMigrate) {
  auto version = store().schema_version();
  ASSERT_OK(version);
  EXPECT_EQ(*version, migrations::latest_version());
}

TEST_P(StoreTest, MigrateAgainIsANoOpThatKeepsData) {
  ASSERT_OK(store().transact([](Tx& tx) { return tx.users().insert(sample_user("u1")); }));

  latch::test::FakeClock clock;
  ASSERT_OK(store().migrate(clock));
  ASSERT_OK(store().migrate(clock));

  auto version = store().schema_version();
  ASSERT_OK(version);
  EXPECT_EQ(*version, migrations::latest_version());
  EXPECT_TRUE(user_exists("u1"));
}

TEST_P(StoreTest, EpochsListTheCachesAtZeroAfterMigrate) {
  auto epochs = store().epochs();
  ASSERT_OK(epochs);
  for (const char* cache : {"applications", "keys", "resources"}) {
    ASSERT_TRUE(epochs->contains(cache)) << cache;
    EXPECT_EQ(epochs->at(cache), 0) << cache;
  }
}

TEST_P(StoreTest, BumpEpochIncrementsAndCreatesUnknownCaches) {
  ASSERT_OK(store().transact([](Tx& tx) { return tx.bump_epoch("keys"); }));
  ASSERT_OK(store().transact([](Tx& tx) { return tx.bump_epoch("keys"); }));
  ASSERT_OK(store().transact([](Tx& tx) { return tx.bump_epoch("sign-in-experience"); }));

  auto epochs = store().epochs();
  ASSERT_OK(epochs);
  EXPECT_EQ(epochs->at("keys"), 2);
  EXPECT_EQ(epochs->at("sign-in-experience"), 1);
  EXPECT_EQ(epochs->at("applications"), 0);
}

TEST_P(StoreTest, AnotherNodeSeesCommittedWritesAndEpochs) {
  std::unique_ptr<Store> other = backend().open_another();
  ASSERT_OK(
      store().transact([](Tx& tx) { return tx.applications().insert(sample_application("a1")); }));

  auto epochs = other->epochs();
  ASSERT_OK(epochs);
  EXPECT_EQ(epochs->at("applications"), 1);
  bool found = false;
  ASSERT_OK(other->read([&](Tx& tx) -> Result<void> {
    auto app = tx.applications().find("a1");
    found = app && app->has_value();
    return ok();
  }));
  EXPECT_TRUE(found);
}

LATCH_STORAGE_SUITE(StoreTest);

}  // namespace
}  // namespace latch::storage::test
