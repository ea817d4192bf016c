#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

using model::ConsumeOutcome;

class CodeRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
    insert_grant("g1");
  }
  model::Grant grant() { return sample_grant("g1", "user1", "app1"); }
  Result<void> insert(const model::AuthorizationCode& code) {
    return in_write([&](Tx& tx) { return tx.codes().insert(code); });
  }
  Result<model::Consumed<model::AuthorizationCode>> consume(const std::string& hash,
                                                            std::int64_t now) {
    return in_write([&](Tx& tx) { return tx.codes().consume(hash, now); });
  }
  static ConsumeFn consume_fn(const std::string& hash) {
    return [hash](Tx& tx) -> Result<ConsumeOutcome> {
      auto consumed = tx.codes().consume(hash, 500);
      if (!consumed) {
        return consumed.error();
      }
      return consumed->outcome;
    };
  }
};

TEST_P(CodeRepositoryTest, ConsumeReturnsTheCodeWithEveryFieldAndConsumedAt) {
  model::AuthorizationCode code = sample_code("c1", grant());
  ASSERT_OK(insert(code));

  auto consumed = consume("c1", 500);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::Consumed);
  ASSERT_TRUE(consumed->value.has_value());
  code.consumed_at = 500;
  EXPECT_EQ(fields(*consumed->value), fields(code));
}

TEST_P(CodeRepositoryTest, SecondConsumeIsAlreadyConsumedWithTheFirstTimeAndTheCode) {
  ASSERT_OK(insert(sample_code("c1", grant())));
  ASSERT_OK(consume("c1", 500));

  auto again = consume("c1", 600);
  ASSERT_OK(again);
  EXPECT_EQ(again->outcome, ConsumeOutcome::AlreadyConsumed);
  ASSERT_TRUE(again->value.has_value());
  EXPECT_EQ(again->value->consumed_at, 500);
  EXPECT_EQ(again->value->grant_id, "g1");
}

TEST_P(CodeRepositoryTest, ConsumeOfUnknownCodeIsNotFound) {
  auto consumed = consume("nope", 500);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::NotFound);
  EXPECT_FALSE(consumed->value.has_value());
}

TEST_P(CodeRepositoryTest, ConsumeAtTimeZeroIsRejected) {
  ASSERT_OK(insert(sample_code("c1", grant())));
  EXPECT_EQ(errc_of(consume("c1", 0)), Errc::InvalidRequest);
}

TEST_P(CodeRepositoryTest, ConsumeRolledBackWithItsTransactionLeavesTheCodeUnused) {
  ASSERT_OK(insert(sample_code("c1", grant())));
  auto failed = store().transact([](Tx& tx) -> Result<void> {
    if (auto consumed = tx.codes().consume("c1", 500); !consumed) {
      return consumed.error();
    }
    return make_error(Errc::InvalidGrant, "redirect_uri mismatch");
  });
  EXPECT_EQ(errc_of(failed), Errc::InvalidGrant);

  auto consumed = consume("c1", 700);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::Consumed);
}

TEST_P(CodeRepositoryTest, InsertOfExistingHashIsConflict) {
  ASSERT_OK(insert(sample_code("c1", grant())));
  EXPECT_EQ(errc_of(insert(sample_code("c1", grant()))), Errc::Conflict);
}

TEST_P(CodeRepositoryTest, InsertForUnknownGrantIsNotFound) {
  EXPECT_EQ(errc_of(insert(sample_code("c1", sample_grant("ghost", "user1", "app1")))),
            Errc::NotFound);
}

TEST_P(CodeRepositoryTest, TwoThreadsConsumingAtOnceConsumeExactlyOnce) {
  ASSERT_OK(insert(sample_code("c1", grant())));

  auto outcomes = race({&store(), &store()}, consume_fn("c1"));
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::Consumed), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::AlreadyConsumed), 1);
}

TEST_P(CodeRepositoryTest, TwoNodesConsumingAtOnceConsumeExactlyOnce) {
  ASSERT_OK(insert(sample_code("c1", grant())));
  std::unique_ptr<Store> other_node = backend().open_another();

  auto outcomes = race({&store(), other_node.get(), &store(), other_node.get()}, consume_fn("c1"));
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::Consumed), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::AlreadyConsumed), 3);
}

LATCH_STORAGE_SUITE(CodeRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
