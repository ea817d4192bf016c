#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class ReplayRepositoryTest : public StorageTest {
 protected:
  Result<bool> record(std::string_view scope, std::string_view id, std::int64_t now,
                      std::int64_t expires_at) {
    return in_write([&](Tx& tx) { return tx.replays().record_once(scope, id, now, expires_at); });
  }
  Result<PurgeCounts> purge(std::int64_t now) {
    return in_write([&](Tx& tx) { return tx.maintenance().purge_expired(now, now - 86400, 100); });
  }
};

TEST_P(ReplayRepositoryTest, AValueIsNewOnlyOnce) {
  auto first = record("client_assertion", "app1:jti-1", 1000, 1060);
  ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto again = record("client_assertion", "app1:jti-1", 1001, 1060);
  ASSERT_OK(again);
  EXPECT_FALSE(*again);
}

TEST_P(ReplayRepositoryTest, ScopesAndValuesAreApart) {
  ASSERT_OK(record("client_assertion", "app1:jti-1", 1000, 1060));
  auto other_scope = record("dpop", "app1:jti-1", 1000, 1060);
  auto other_value = record("client_assertion", "app1:jti-2", 1000, 1060);
  ASSERT_OK(other_scope);
  ASSERT_OK(other_value);
  EXPECT_TRUE(*other_scope);
  EXPECT_TRUE(*other_value);
}

TEST_P(ReplayRepositoryTest, AnEntryIsRefusedUntilItExpires) {
  ASSERT_OK(record("client_assertion", "j", 1000, 1060));
  auto before = record("client_assertion", "j", 1059, 1200);
  ASSERT_OK(before);
  EXPECT_FALSE(*before);
  auto at_expiry = record("client_assertion", "j", 1060, 1200);
  ASSERT_OK(at_expiry);
  EXPECT_TRUE(*at_expiry);
  // Taken over: the new expiry holds.
  auto later = record("client_assertion", "j", 1100, 1300);
  ASSERT_OK(later);
  EXPECT_FALSE(*later);
}

TEST_P(ReplayRepositoryTest, ARolledBackRecordIsForgotten) {
  auto failed = store().transact([](Tx& tx) -> Result<void> {
    auto recorded = tx.replays().record_once("client_assertion", "rolled", 1000, 1060);
    if (!recorded) return recorded.error();
    return make_error(Errc::InvalidRequest, "roll back");
  });
  EXPECT_FALSE(failed);
  auto again = record("client_assertion", "rolled", 1000, 1060);
  ASSERT_OK(again);
  EXPECT_TRUE(*again);
}

TEST_P(ReplayRepositoryTest, TheHousekeeperPurgesExpiredEntriesOnly) {
  ASSERT_OK(record("client_assertion", "old", 1000, 1060));
  ASSERT_OK(record("client_assertion", "live", 1000, 2000));
  auto counts = purge(1500);
  ASSERT_OK(counts);
  EXPECT_EQ(counts->replays, 1);
  auto live = record("client_assertion", "live", 1500, 2000);
  ASSERT_OK(live);
  EXPECT_FALSE(*live);
}

// Two nodes offered the same value at once: exactly one records it.
TEST_P(ReplayRepositoryTest, ConcurrentRecordsFromTwoNodesAcceptExactlyOne) {
  std::unique_ptr<Store> other_node = backend().open_another();
  constexpr int kThreads = 4;
  constexpr int kValues = 10;
  std::atomic<int> accepted{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 == 0 ? this->store() : *other_node;
    threads.emplace_back([&store, &accepted, &failed] {
      for (int i = 0; i < kValues; ++i) {
        bool fresh = false;
        auto done = store.transact([&](Tx& tx) -> Result<void> {
          auto r =
              tx.replays().record_once("client_assertion", "v" + std::to_string(i), 1000, 1060);
          if (!r) return r.error();
          fresh = *r;
          return ok();
        });
        if (!done) ++failed;
        if (done && fresh) ++accepted;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(accepted.load(), kValues);
}

LATCH_STORAGE_SUITE(ReplayRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
