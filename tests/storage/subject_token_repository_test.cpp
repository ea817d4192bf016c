#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

using model::ConsumeOutcome;

model::SubjectToken sample_subject_token(const std::string& hash) {
  model::SubjectToken t;
  t.token_hash = hash;
  t.user_id = "user1";
  t.creator_id = "m2m-app";
  t.context_json = R"({"ticket":"T-1"})";
  t.created_at = 1000;
  t.expires_at = 1600;
  return t;
}

auto fields(const model::SubjectToken& t) {
  return std::tie(t.token_hash, t.user_id, t.creator_id, t.context_json, t.created_at, t.expires_at,
                  t.consumed_at);
}

class SubjectTokenRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
  }
  Result<void> insert(const model::SubjectToken& token) {
    return in_write([&](Tx& tx) { return tx.subject_tokens().insert(token); });
  }
  Result<std::optional<model::SubjectToken>> find(const std::string& hash) {
    return in_read([&](Tx& tx) { return tx.subject_tokens().find(hash); });
  }
  Result<model::Consumed<model::SubjectToken>> consume(const std::string& hash, std::int64_t now) {
    return in_write([&](Tx& tx) { return tx.subject_tokens().consume(hash, now); });
  }
};

TEST_P(SubjectTokenRepositoryTest, FindsAnInsertedTokenWithEveryField) {
  model::SubjectToken token = sample_subject_token("h1");
  ASSERT_OK(insert(token));
  auto found = find("h1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(token));
}

TEST_P(SubjectTokenRepositoryTest, UnknownTokensAreNotFound) {
  auto found = find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  auto consumed = consume("nope", 1100);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::NotFound);
}

TEST_P(SubjectTokenRepositoryTest, ATakenHashIsConflictAndAnUnknownUserNotFound) {
  ASSERT_OK(insert(sample_subject_token("h1")));
  EXPECT_EQ(errc_of(insert(sample_subject_token("h1"))), Errc::Conflict);
  model::SubjectToken ghost = sample_subject_token("h2");
  ghost.user_id = "ghost";
  EXPECT_EQ(errc_of(insert(ghost)), Errc::NotFound);
}

TEST_P(SubjectTokenRepositoryTest, ATokenIsConsumedOnce) {
  ASSERT_OK(insert(sample_subject_token("h1")));
  auto first = consume("h1", 1200);
  ASSERT_OK(first);
  EXPECT_EQ(first->outcome, ConsumeOutcome::Consumed);
  EXPECT_EQ(first->value->consumed_at, 1200);
  auto again = consume("h1", 1300);
  ASSERT_OK(again);
  EXPECT_EQ(again->outcome, ConsumeOutcome::AlreadyConsumed);
  EXPECT_EQ(again->value->consumed_at, 1200);
  EXPECT_EQ(errc_of(consume("h1", 0)), Errc::InvalidRequest);
}

TEST_P(SubjectTokenRepositoryTest, TwoNodesConsumingAtOnceConsumeExactlyOnce) {
  ASSERT_OK(insert(sample_subject_token("h1")));
  std::unique_ptr<Store> other_node = backend().open_another();
  auto outcomes = race({&store(), other_node.get(), &store(), other_node.get()},
                       [](Tx& tx) -> Result<ConsumeOutcome> {
                         auto consumed = tx.subject_tokens().consume("h1", 1200);
                         if (!consumed) return consumed.error();
                         return consumed->outcome;
                       });
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::Consumed), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::AlreadyConsumed), 3);
}

TEST_P(SubjectTokenRepositoryTest, RemovingTheUserRemovesItsSubjectTokens) {
  ASSERT_OK(insert(sample_subject_token("h1")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("user1"); }));
  auto found = find("h1");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(SubjectTokenRepositoryTest, TheHousekeeperPurgesExpiredTokens) {
  ASSERT_OK(insert(sample_subject_token("h1")));
  model::SubjectToken live = sample_subject_token("h2");
  live.expires_at = 5000;
  ASSERT_OK(insert(live));
  auto purged = in_write([](Tx& tx) { return tx.maintenance().purge_expired(2000, 0, 100); });
  ASSERT_OK(purged);
  EXPECT_EQ(purged->subject_tokens, 1);
  EXPECT_FALSE(find("h1")->has_value());
  EXPECT_TRUE(find("h2")->has_value());
}

LATCH_STORAGE_SUITE(SubjectTokenRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
