#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class GrantRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
  }
  Result<std::optional<model::Grant>> find(const std::string& id) {
    return in_read([&](Tx& tx) { return tx.grants().find(id); });
  }
  Result<void> revoke(const std::string& id) {
    return in_write([&](Tx& tx) { return tx.grants().revoke(id); });
  }
};

TEST_P(GrantRepositoryTest, FindsInsertedGrantWithEveryField) {
  model::Grant grant = sample_grant("g1", "user1", "app1");
  grant.revoked = true;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.grants().insert(grant); }));

  auto found = find("g1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(grant));
}

TEST_P(GrantRepositoryTest, FindReturnsNothingForUnknownId) {
  auto found = find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(GrantRepositoryTest, InsertOfExistingIdIsConflict) {
  insert_grant("g1");
  auto again =
      in_write([](Tx& tx) { return tx.grants().insert(sample_grant("g1", "user1", "app1")); });
  EXPECT_EQ(errc_of(again), Errc::Conflict);
}

TEST_P(GrantRepositoryTest, InsertForUnknownUserOrClientIsNotFound) {
  auto no_user =
      in_write([](Tx& tx) { return tx.grants().insert(sample_grant("g1", "ghost", "app1")); });
  auto no_client =
      in_write([](Tx& tx) { return tx.grants().insert(sample_grant("g2", "user1", "ghost")); });
  EXPECT_EQ(errc_of(no_user), Errc::NotFound);
  EXPECT_EQ(errc_of(no_client), Errc::NotFound);
}

TEST_P(GrantRepositoryTest, RevokeMarksTheGrantRevokedAndDeletesItsCodesAndTokens) {
  insert_grant("g1");
  insert_artifacts("g1");
  ASSERT_OK(revoke("g1"));

  auto found = find("g1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_TRUE((*found)->revoked);
  Artifacts left = artifacts_of("g1");
  EXPECT_FALSE(left.code);
  EXPECT_FALSE(left.refresh_token);
  EXPECT_FALSE(left.access_token);
}

TEST_P(GrantRepositoryTest, RevokeLeavesOtherGrantsArtifactsAlone) {
  insert_grant("g1");
  insert_grant("g2");
  insert_artifacts("g1");
  insert_artifacts("g2");
  ASSERT_OK(revoke("g1"));

  Artifacts left = artifacts_of("g2");
  EXPECT_TRUE(left.code);
  EXPECT_TRUE(left.refresh_token);
  EXPECT_TRUE(left.access_token);
  auto other = find("g2");
  ASSERT_OK(other);
  ASSERT_TRUE(other->has_value());
  EXPECT_FALSE((*other)->revoked);
}

TEST_P(GrantRepositoryTest, RevokeTwiceSucceeds) {
  insert_grant("g1");
  ASSERT_OK(revoke("g1"));
  EXPECT_OK(revoke("g1"));
}

TEST_P(GrantRepositoryTest, RevokeOfUnknownIdIsNotFound) {
  EXPECT_EQ(errc_of(revoke("nope")), Errc::NotFound);
}

TEST_P(GrantRepositoryTest, ListLiveForUserLeavesOutRevokedAndExpiredGrants) {
  model::Grant live = sample_grant("live", "user1", "app1");
  model::Grant revoked = sample_grant("revoked", "user1", "app1");
  model::Grant expired = sample_grant("expired", "user1", "app1");
  expired.expires_at = 150;
  for (const auto* g : {&live, &revoked, &expired}) {
    ASSERT_OK(in_write([&](Tx& tx) { return tx.grants().insert(*g); }));
  }
  ASSERT_OK(revoke("revoked"));

  auto listed = in_read([](Tx& tx) { return tx.grants().list_live_for_user("user1", 200); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, "live");
  EXPECT_EQ((*listed)[0].session_id_hash, "session-hash-live");
}

LATCH_STORAGE_SUITE(GrantRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
