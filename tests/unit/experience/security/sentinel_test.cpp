#include "experience/security/sentinel.hpp"

#include <gtest/gtest.h>

#include "storage/store.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"

namespace latch::experience {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

// A Sentinel over a real SQLite store in a temp dir, with the default policy (5 per account,
// 50 per address, 15 minutes).
class SentinelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::open_store((dir_.path() / "latch.db").string());
    ASSERT_TRUE(store) << store.error().description;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->migrate(clock_));
  }

  // `count` failures for fresh subjects (so only the address budget fills), from `ip`.
  void fail_from(std::string_view ip, int count) {
    Sentinel sentinel(config_, kNow);
    for (int i = 0; i < count; ++i) {
      auto done = store_->transact([&](storage::Tx& tx) {
        return sentinel.record_failure(tx, "id:guess" + std::to_string(next_++), ip);
      });
      ASSERT_TRUE(done) << done.error().description;
    }
  }

  Result<void> check(std::string_view subject, std::string_view ip) {
    Sentinel sentinel(config_, kNow);
    return store_->read([&](storage::Tx& tx) { return sentinel.check(tx, subject, ip); });
  }

  test::TempDir dir_;
  test::FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  SignInExperience config_;
  int next_ = 0;
};

TEST_F(SentinelTest, AnAddressIsLockedAfterTenTimesTheAccountBudget) {
  fail_from("203.0.113.7", config_.max_attempts * 10 - 1);
  EXPECT_TRUE(check("id:someone", "203.0.113.7"));
  fail_from("203.0.113.7", 1);
  auto refused = check("id:someone", "203.0.113.7");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::Forbidden);
  EXPECT_TRUE(check("id:someone", "203.0.113.8"));  // another IPv4 host is not
}

// One IPv6 host holds a whole /64: guesses spread over its addresses share one budget.
TEST_F(SentinelTest, IPv6AddressesOfOneSlash64ShareTheAddressBudget) {
  for (int i = 0; i < config_.max_attempts * 10; ++i) {
    fail_from("2001:db8:1:2::" + std::to_string(i + 1), 1);
  }
  EXPECT_FALSE(check("id:someone", "2001:db8:1:2:ffff::9"));
  EXPECT_TRUE(check("id:someone", "2001:db8:1:3::1"));  // the next /64 is not
}

TEST_F(SentinelTest, AnAccountIsLockedAfterItsBudgetWhicheverIdentifierWasTyped) {
  Sentinel sentinel(config_, kNow);
  std::string account = Sentinel::subject_of(std::string("user-1"), "alice");
  EXPECT_EQ(account, Sentinel::subject_of(std::string("user-1"), "alice@example.test"));
  for (int i = 0; i < config_.max_attempts; ++i) {
    auto done = store_->transact([&](storage::Tx& tx) {
      return sentinel.record_failure(tx, account, "198.51.100." + std::to_string(i + 1));
    });
    ASSERT_TRUE(done);
  }
  EXPECT_FALSE(check(account, "192.0.2.1"));
  EXPECT_EQ(Sentinel::subject_of(std::nullopt, "Nobody@Example.test"), "id:nobody@example.test");
}

}  // namespace
}  // namespace latch::experience
