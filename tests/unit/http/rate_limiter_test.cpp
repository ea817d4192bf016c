#include "http/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "support/fake_clock.hpp"

namespace latch::http {
namespace {

using std::chrono::seconds;

// Counters that count calls and can be made to fail, around the in-memory ones.
class CountingCounters final : public RateCounters {
 public:
  Result<std::int64_t> add(std::string_view key, std::int64_t start, std::int64_t end) override {
    ++calls;
    if (failing) return make_error(Errc::Unavailable, "database down");
    return inner.add(key, start, end);
  }
  InMemoryRateCounters inner;
  int calls = 0;
  bool failing = false;
};

class RateLimiterTest : public ::testing::Test {
 protected:
  // The first second of a window: 1,700,000,040 is a multiple of 60.
  test::FakeClock clock{std::chrono::system_clock::time_point(seconds(1'700'000'040))};
  CountingCounters counters;
  RateLimiter limiter{{"test", 3, seconds(60)}, counters, clock};
};

TEST_F(RateLimiterTest, TheMaxthEventPassesAndBlocksTheRestOfTheWindow) {
  EXPECT_EQ(limiter.hit("a"), 0);
  EXPECT_EQ(limiter.hit("a"), 0);
  EXPECT_EQ(limiter.blocked_for("a"), 0);
  EXPECT_EQ(limiter.hit("a"), 0);
  clock.advance(seconds(20));
  EXPECT_EQ(limiter.blocked_for("a"), 40);
  EXPECT_EQ(limiter.hit("a"), 40);  // a fourth event, counted elsewhere, is refused too
}

TEST_F(RateLimiterTest, KeysAreIndependent) {
  for (int i = 0; i < 3; ++i) limiter.hit("a");
  EXPECT_GT(limiter.blocked_for("a"), 0);
  EXPECT_EQ(limiter.blocked_for("b"), 0);
  EXPECT_EQ(limiter.hit("b"), 0);
}

TEST_F(RateLimiterTest, ANewWindowStartsAfresh) {
  for (int i = 0; i < 3; ++i) limiter.hit("a");
  clock.advance(seconds(60));
  EXPECT_EQ(limiter.blocked_for("a"), 0);
  EXPECT_EQ(limiter.hit("a"), 0);
  EXPECT_EQ(limiter.hit("a"), 0);
}

TEST_F(RateLimiterTest, CheckingNeverTouchesTheCounters) {
  for (int i = 0; i < 100; ++i) limiter.blocked_for("a");
  EXPECT_EQ(counters.calls, 0);
}

// Another node's events reach this one through the shared counters on its next own event.
TEST_F(RateLimiterTest, AnotherLimiterOnTheSameCountersSeesTheCountOnItsNextEvent) {
  RateLimiter other{{"test", 3, seconds(60)}, counters, clock};
  for (int i = 0; i < 3; ++i) other.hit("a");
  EXPECT_EQ(limiter.blocked_for("a"), 0);  // not counted here yet
  EXPECT_EQ(limiter.hit("a"), 60);         // the fourth event: refused, and blocked from now on
  EXPECT_EQ(limiter.blocked_for("a"), 60);
}

TEST_F(RateLimiterTest, LimitsWithAnotherNameCountApart) {
  RateLimiter other{{"other", 3, seconds(60)}, counters, clock};
  for (int i = 0; i < 3; ++i) other.hit("a");
  EXPECT_EQ(limiter.hit("a"), 0);
}

TEST_F(RateLimiterTest, FailingCountersLetEventsThrough) {
  counters.failing = true;
  for (int i = 0; i < 4; ++i) EXPECT_EQ(limiter.hit("a"), 0);
  EXPECT_EQ(limiter.blocked_for("a"), 0);
}

TEST_F(RateLimiterTest, AZeroMaxTurnsTheLimitOff) {
  RateLimiter off{{"off", 0, seconds(60)}, counters, clock};
  for (int i = 0; i < 10; ++i) EXPECT_EQ(off.hit("a"), 0);
  EXPECT_FALSE(off.enabled());
  EXPECT_EQ(counters.calls, 0);
}

TEST(InMemoryRateCountersTest, StaysWithinItsKeyBudget) {
  InMemoryRateCounters counters(4);
  for (int i = 0; i < 10; ++i) {
    auto n = counters.add("k" + std::to_string(i), 0, 60);
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 1);
  }
  auto again = counters.add("k9", 0, 60);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 2);  // recent keys survive
}

TEST(InMemoryRateCountersTest, EndedWindowsGoFirst) {
  InMemoryRateCounters counters(2);
  ASSERT_TRUE(counters.add("old", 0, 60));
  ASSERT_TRUE(counters.add("live", 60, 120));
  ASSERT_TRUE(counters.add("live", 60, 120));
  ASSERT_TRUE(counters.add("new", 60, 120));  // full: "old" has ended and goes
  auto live = counters.add("live", 60, 120);
  ASSERT_TRUE(live);
  EXPECT_EQ(*live, 3);
}

}  // namespace
}  // namespace latch::http
