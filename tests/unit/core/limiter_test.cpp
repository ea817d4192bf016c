#include "core/limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace latch {
namespace {

TEST(LimiterTest, TryAcquireStopsAtTheCapacity) {
  Limiter limiter(2);
  EXPECT_TRUE(limiter.try_acquire());
  EXPECT_TRUE(limiter.try_acquire());
  EXPECT_FALSE(limiter.try_acquire());
  EXPECT_EQ(limiter.in_use(), 2u);
}

TEST(LimiterTest, ReleaseLetsTheNextOneIn) {
  Limiter limiter(1);
  ASSERT_TRUE(limiter.try_acquire());
  ASSERT_FALSE(limiter.try_acquire());
  limiter.release();
  EXPECT_TRUE(limiter.try_acquire());
  EXPECT_EQ(limiter.peak(), 1u);
}

TEST(LimiterTest, SlotReleasesWhenItGoesOutOfScope) {
  Limiter limiter(1);
  {
    LimiterSlot slot(limiter);
    EXPECT_EQ(limiter.in_use(), 1u);
  }
  EXPECT_EQ(limiter.in_use(), 0u);
  ASSERT_TRUE(limiter.try_acquire());
  { LimiterSlot adopted(limiter, std::adopt_lock); }
  EXPECT_EQ(limiter.in_use(), 0u);
}

TEST(LimiterTest, ManyThreadsNeverHoldMoreThanTheCapacity) {
  Limiter limiter(3);
  std::atomic<int> inside{0}, most{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        LimiterSlot slot(limiter);
        int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();  // widen the window in which others try to enter
        --inside;
      }
      ++done;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(done.load(), 12);
  EXPECT_LE(most.load(), 3);
  EXPECT_LE(limiter.peak(), 3u);
  EXPECT_EQ(limiter.in_use(), 0u);
}

TEST(LimiterTest, RaisingTheCapacityWakesAWaiter) {
  Limiter limiter(1);
  limiter.acquire();
  std::atomic<bool> entered{false};
  std::thread waiter([&] {
    limiter.acquire();  // blocks until the capacity grows
    entered = true;
    limiter.release();
  });
  limiter.set_capacity(2);
  waiter.join();
  EXPECT_TRUE(entered.load());
  EXPECT_EQ(limiter.capacity(), 2u);
  limiter.release();
}

TEST(LimiterTest, LoweringTheCapacityHoldsNewcomersBack) {
  Limiter limiter(3);
  ASSERT_TRUE(limiter.try_acquire());
  ASSERT_TRUE(limiter.try_acquire());
  limiter.set_capacity(1);
  EXPECT_FALSE(limiter.try_acquire());
  limiter.release();
  EXPECT_FALSE(limiter.try_acquire());  // one still held: at the new bound
  limiter.release();
  EXPECT_TRUE(limiter.try_acquire());
}

}  // namespace
}  // namespace latch
