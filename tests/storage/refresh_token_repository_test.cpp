#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

using model::ConsumeOutcome;

class RefreshTokenRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
    insert_grant("g1");
  }
  model::Grant grant() { return sample_grant("g1", "user1", "app1"); }
  Result<void> insert(const model::RefreshToken& token) {
    return in_write([&](Tx& tx) { return tx.refresh_tokens().insert(token); });
  }
  Result<std::optional<model::RefreshToken>> find(const std::string& hash) {
    return in_read([&](Tx& tx) { return tx.refresh_tokens().find(hash); });
  }
  Result<model::Consumed<model::RefreshToken>> consume(const std::string& hash, std::int64_t now) {
    return in_write([&](Tx& tx) { return tx.refresh_tokens().consume(hash, now); });
  }
};

TEST_P(RefreshTokenRepositoryTest, FindsInsertedTokenWithEveryField) {
  model::RefreshToken token = sample_refresh_token("rt1", grant());
  token.consumed_at = 77;
  ASSERT_OK(insert(token));

  auto found = find("rt1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(token));
}

TEST_P(RefreshTokenRepositoryTest, FindReturnsNothingForUnknownHash) {
  auto found = find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(RefreshTokenRepositoryTest, ConsumeMarksTheTokenConsumedAtNow) {
  model::RefreshToken token = sample_refresh_token("rt1", grant());
  ASSERT_OK(insert(token));

  auto consumed = consume("rt1", 500);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::Consumed);
  ASSERT_TRUE(consumed->value.has_value());
  token.consumed_at = 500;
  EXPECT_EQ(fields(*consumed->value), fields(token));
  auto found = find("rt1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->consumed_at, 500);
}

TEST_P(RefreshTokenRepositoryTest, SecondConsumeIsAlreadyConsumedWithTheEarlierConsumedAt) {
  ASSERT_OK(insert(sample_refresh_token("rt1", grant())));
  ASSERT_OK(consume("rt1", 500));

  auto again = consume("rt1", 530);
  ASSERT_OK(again);
  EXPECT_EQ(again->outcome, ConsumeOutcome::AlreadyConsumed);
  ASSERT_TRUE(again->value.has_value());
  EXPECT_EQ(again->value->consumed_at, 500);
  EXPECT_EQ(again->value->grant_id, "g1");
}

TEST_P(RefreshTokenRepositoryTest, ConsumeOfUnknownTokenIsNotFound) {
  auto consumed = consume("nope", 500);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::NotFound);
  EXPECT_FALSE(consumed->value.has_value());
}

TEST_P(RefreshTokenRepositoryTest, TwoThreadsConsumingAtOnceConsumeExactlyOnce) {
  ASSERT_OK(insert(sample_refresh_token("rt1", grant())));

  auto outcomes = race({&store(), &store()}, [](Tx& tx) -> Result<ConsumeOutcome> {
    auto consumed = tx.refresh_tokens().consume("rt1", 500);
    if (!consumed) {
      return consumed.error();
    }
    return consumed->outcome;
  });
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::Consumed), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::AlreadyConsumed), 1);
}

TEST_P(RefreshTokenRepositoryTest, InsertOfExistingHashIsConflict) {
  ASSERT_OK(insert(sample_refresh_token("rt1", grant())));
  EXPECT_EQ(errc_of(insert(sample_refresh_token("rt1", grant()))), Errc::Conflict);
}

TEST_P(RefreshTokenRepositoryTest, InsertForUnknownGrantIsNotFound) {
  auto inserted = insert(sample_refresh_token("rt1", sample_grant("ghost", "user1", "app1")));
  EXPECT_EQ(errc_of(inserted), Errc::NotFound);
}

TEST_P(RefreshTokenRepositoryTest, RemoveDeletesTheTokenAndIsIdempotent) {
  ASSERT_OK(insert(sample_refresh_token("rt1", grant())));
  ASSERT_OK(in_write([](Tx& tx) { return tx.refresh_tokens().remove("rt1"); }));

  auto found = find("rt1");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  EXPECT_OK(in_write([](Tx& tx) { return tx.refresh_tokens().remove("rt1"); }));
}

LATCH_STORAGE_SUITE(RefreshTokenRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
