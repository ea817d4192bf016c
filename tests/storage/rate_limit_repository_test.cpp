#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class RateLimitRepositoryTest : public StorageTest {
 protected:
  Result<std::int64_t> add(std::string_view key, std::int64_t start, std::int64_t end) {
    return in_write([&](Tx& tx) { return tx.rate_limits().add(key, start, end); });
  }
};

TEST_P(RateLimitRepositoryTest, CountsTheEventsOfAWindow) {
  for (std::int64_t expected = 1; expected <= 3; ++expected) {
    auto events = add("client-auth:app1", 600, 660);
    ASSERT_OK(events);
    EXPECT_EQ(*events, expected);
  }
}

TEST_P(RateLimitRepositoryTest, ANewWindowStartsFromOne) {
  ASSERT_OK(add("k", 600, 660));
  ASSERT_OK(add("k", 600, 660));
  auto next = add("k", 660, 720);
  ASSERT_OK(next);
  EXPECT_EQ(*next, 1);
}

TEST_P(RateLimitRepositoryTest, KeysCountApart) {
  ASSERT_OK(add("a", 600, 660));
  auto b = add("b", 600, 660);
  ASSERT_OK(b);
  EXPECT_EQ(*b, 1);
}

TEST_P(RateLimitRepositoryTest, PurgeDeletesOnlyEndedWindows) {
  ASSERT_OK(add("ended", 540, 600));
  ASSERT_OK(add("live", 600, 660));
  ASSERT_OK(in_write([](Tx& tx) { return tx.rate_limits().purge_ended(600); }));
  // "ended" is gone: counting it again in its old window starts from one.
  auto ended = add("ended", 540, 600);
  ASSERT_OK(ended);
  EXPECT_EQ(*ended, 1);
  auto live = add("live", 600, 660);
  ASSERT_OK(live);
  EXPECT_EQ(*live, 2);
}

// Two nodes counting one key at once: every add sees its own count, none is lost.
TEST_P(RateLimitRepositoryTest, ConcurrentAddsFromTwoNodesEachGetADistinctCount) {
  std::unique_ptr<Store> other_node = backend().open_another();
  constexpr int kThreads = 4;
  constexpr int kAddsEach = 10;
  std::mutex mutex;
  std::vector<std::int64_t> counts;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 == 0 ? this->store() : *other_node;
    threads.emplace_back([&store, &mutex, &counts] {
      for (int i = 0; i < kAddsEach; ++i) {
        std::int64_t events = 0;
        auto done = store.transact([&](Tx& tx) -> Result<void> {
          auto n = tx.rate_limits().add("shared", 600, 660);
          if (!n) return n.error();
          events = *n;
          return ok();
        });
        std::lock_guard lock(mutex);
        counts.push_back(done ? events : -1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::sort(counts.begin(), counts.end());
  std::vector<std::int64_t> expected(kThreads * kAddsEach);
  std::iota(expected.begin(), expected.end(), 1);
  EXPECT_EQ(counts, expected);
}

TEST_P(RateLimitRepositoryTest, OnlyPostgresIsSharedByNodes) {
  bool postgres = backend().url().rfind("postgres", 0) == 0;
  EXPECT_EQ(store().shared_by_nodes(), postgres);
}

LATCH_STORAGE_SUITE(RateLimitRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
