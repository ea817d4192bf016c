#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/select.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "storage/storage_fixture.hpp"

// What several nodes on one PostgreSQL database rely on: bump_epoch notifies the latch_epochs
// channel, the change feed wakes on another node's commit, Tx::lock excludes other nodes.
namespace latch::storage::test {
namespace {

// A fresh PostgreSQL database (a schema of the suite's cluster) for each test.
class PostgresNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const StoreFactory& factory : store_factories()) {
      if (factory.name != "postgres") {
        continue;
      }
      if (factory.unavailable) {
        if (std::string reason = factory.unavailable(); !reason.empty()) {
          GTEST_SKIP() << reason;
        }
      }
      backend_ = factory.make();
      return;
    }
    GTEST_SKIP() << "no postgres backend";
  }

  TestBackend& backend() { return *backend_; }

 private:
  std::unique_ptr<TestBackend> backend_;
};

// The payload of the next notification, or "" when none arrives within 5 seconds.
std::string next_notification(PGconn* conn) {
  for (;;) {
    PQconsumeInput(conn);
    if (PGnotify* notify = PQnotifies(conn); notify != nullptr) {
      std::string payload = notify->extra;
      PQfreemem(notify);
      return payload;
    }
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(PQsocket(conn), &readable);
    timeval timeout{5, 0};
    if (select(PQsocket(conn) + 1, &readable, nullptr, nullptr, &timeout) <= 0) {
      return "";
    }
  }
}

TEST_F(PostgresNodesTest, CommittedBumpNotifiesListenersAndRolledBackOneDoesNot) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> listener(PQconnectdb(backend().url().c_str()),
                                                        &PQfinish);
  ASSERT_EQ(PQstatus(listener.get()), CONNECTION_OK) << PQerrorMessage(listener.get());
  PQclear(PQexec(listener.get(), "LISTEN latch_epochs"));

  (void)backend().store().transact([](Tx& tx) -> Result<void> {
    (void)tx.bump_epoch("rolled_back");
    return make_error(Errc::Internal, "roll back");
  });
  ASSERT_OK(backend().store().transact([](Tx& tx) { return tx.bump_epoch("applications"); }));

  EXPECT_EQ(next_notification(listener.get()), "applications");
}

// What each node's cache refresher waits on: a commit on another node (another Store on the same
// database) ends the wait long before its timeout.
TEST_F(PostgresNodesTest, ChangeFeedWakesOnAnotherNodesCommit) {
  using namespace std::chrono_literals;
  auto feed = backend().store().changes();
  ASSERT_NE(feed, nullptr);
  feed->wait(1ms);  // connects and LISTENs
  auto other_node = backend().open_another();
  std::thread writer([&] {
    std::this_thread::sleep_for(200ms);
    (void)other_node->transact([](Tx& tx) { return tx.bump_epoch("keys"); });
  });
  auto started = std::chrono::steady_clock::now();
  feed->wait(20s);
  auto waited = std::chrono::steady_clock::now() - started;
  writer.join();
  EXPECT_LT(waited, 10s) << "the feed slept through the other node's commit";
}

TEST_F(PostgresNodesTest, ChangeFeedInterruptEndsTheWait) {
  using namespace std::chrono_literals;
  auto feed = backend().store().changes();
  ASSERT_NE(feed, nullptr);
  feed->interrupt();
  auto started = std::chrono::steady_clock::now();
  feed->wait(20s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

// Two nodes run the same check-then-insert at once: with the lock, the second waits for the
// first to commit and then sees its row, so exactly one inserts.
TEST_F(PostgresNodesTest, TxLockASecondNodeWaitsForTheFirstAndSeesItsCommit) {
  using namespace std::chrono_literals;
  auto other_node = backend().open_another();
  std::atomic<int> inserted{0};
  auto ensure = [&](Store& store) {
    return store.transact([&](Tx& tx) -> Result<void> {
      if (auto locked = tx.lock("ensure-test"); !locked) return locked;
      auto found = tx.applications().find("only-once");
      if (!found) return found.error();
      if (*found) return ok();
      std::this_thread::sleep_for(200ms);  // widen the window another node would race through
      ++inserted;
      return tx.applications().insert(
          model::Application{.id = "only-once", .name = "Only once", .created_at = 1});
    });
  };
  Result<void> first = ok();
  Result<void> second = ok();
  std::thread a([&] { first = ensure(backend().store()); });
  std::thread b([&] { second = ensure(*other_node); });
  a.join();
  b.join();
  EXPECT_TRUE(first) << first.error().detail;
  EXPECT_TRUE(second) << second.error().detail;
  EXPECT_EQ(inserted.load(), 1);
}

TEST(SqliteChangeFeedTest, SqliteHasNoFeedAndIsPolled) {
  for (const StoreFactory& factory : store_factories()) {
    if (factory.name == "sqlite") {
      EXPECT_EQ(factory.make()->store().changes(), nullptr);
    }
  }
}

}  // namespace
}  // namespace latch::storage::test
