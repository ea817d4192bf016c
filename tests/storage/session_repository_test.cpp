#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class SessionRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
  }
  Result<void> insert(const model::BrowserSession& session) {
    return in_write([&](Tx& tx) { return tx.sessions().insert(session); });
  }
  Result<std::optional<model::BrowserSession>> find(const std::string& id_hash) {
    return in_read([&](Tx& tx) { return tx.sessions().find(id_hash); });
  }
};

TEST_P(SessionRepositoryTest, FindsInsertedSessionWithEveryField) {
  model::BrowserSession session = sample_session("s1", "user1");
  ASSERT_OK(insert(session));

  auto found = find("s1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(session));
}

TEST_P(SessionRepositoryTest, FindReturnsNothingForUnknownHash) {
  auto found = find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(SessionRepositoryTest, InsertOfExistingHashIsConflict) {
  ASSERT_OK(insert(sample_session("s1", "user1")));
  EXPECT_EQ(errc_of(insert(sample_session("s1", "user1"))), Errc::Conflict);
}

TEST_P(SessionRepositoryTest, InsertForUnknownUserIsNotFound) {
  EXPECT_EQ(errc_of(insert(sample_session("s1", "ghost"))), Errc::NotFound);
}

TEST_P(SessionRepositoryTest, UpdateReplacesEverythingButCreatedAt) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().insert(sample_user("user2")); }));
  ASSERT_OK(insert(sample_session("s1", "user1")));
  model::BrowserSession changed{"s1", "user2", 5555, 1, 99999, "pwd"};
  ASSERT_OK(in_write([&](Tx& tx) { return tx.sessions().update(changed); }));

  auto found = find("s1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  changed.created_at = sample_session("s1", "user1").created_at;
  EXPECT_EQ(fields(**found), fields(changed));
}

TEST_P(SessionRepositoryTest, UpdateOfUnknownHashIsNotFound) {
  auto updated =
      in_write([](Tx& tx) { return tx.sessions().update(sample_session("nope", "user1")); });
  EXPECT_EQ(errc_of(updated), Errc::NotFound);
}

TEST_P(SessionRepositoryTest, RemoveDeletesTheSessionAndIsIdempotent) {
  ASSERT_OK(insert(sample_session("s1", "user1")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.sessions().remove("s1"); }));

  auto found = find("s1");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  EXPECT_OK(in_write([](Tx& tx) { return tx.sessions().remove("s1"); }));
}

TEST_P(SessionRepositoryTest, ListForUserHasTheUsersLiveSessionsNewestFirst) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().insert(sample_user("user2")); }));
  ASSERT_OK(insert({"old", "user1", 1, 100, 900, "pwd"}));
  ASSERT_OK(insert({"new", "user1", 1, 200, 900, "pwd"}));
  ASSERT_OK(insert({"expired", "user1", 1, 300, 400, "pwd"}));
  ASSERT_OK(insert({"other", "user2", 1, 300, 900, "pwd"}));

  auto listed = in_read([](Tx& tx) { return tx.sessions().list_for_user("user1", 500); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id_hash, "new");
  EXPECT_EQ((*listed)[1].id_hash, "old");
  EXPECT_EQ((*listed)[0].amr, "pwd");
}

LATCH_STORAGE_SUITE(SessionRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
