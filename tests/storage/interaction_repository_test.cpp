#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class InteractionRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
  }
  Result<void> insert(const model::Interaction& interaction) {
    return in_write([&](Tx& tx) { return tx.interactions().insert(interaction); });
  }
  Result<std::optional<model::Interaction>> find(const std::string& uid) {
    return in_read([&](Tx& tx) { return tx.interactions().find(uid); });
  }
};

TEST_P(InteractionRepositoryTest, FindsInsertedInteractionWithEveryField) {
  model::Interaction interaction = sample_interaction("uid1", "app1");
  ASSERT_OK(insert(interaction));

  auto found = find("uid1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(interaction));
}

TEST_P(InteractionRepositoryTest, RoundTripsASignedInUser) {
  model::Interaction interaction = sample_interaction("uid1", "app1");
  interaction.user_id = "user1";
  interaction.auth_time = 4242;
  ASSERT_OK(insert(interaction));

  auto found = find("uid1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(interaction));
}

TEST_P(InteractionRepositoryTest, FindReturnsNothingForUnknownUid) {
  auto found = find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(InteractionRepositoryTest, InsertOfExistingUidIsConflict) {
  ASSERT_OK(insert(sample_interaction("uid1", "app1")));
  EXPECT_EQ(errc_of(insert(sample_interaction("uid1", "app1"))), Errc::Conflict);
}

TEST_P(InteractionRepositoryTest, InsertForUnknownClientIsNotFound) {
  EXPECT_EQ(errc_of(insert(sample_interaction("uid1", "ghost"))), Errc::NotFound);
}

TEST_P(InteractionRepositoryTest, UpdateRecordsSignInAndStateButKeepsCreatedAt) {
  ASSERT_OK(insert(sample_interaction("uid1", "app1")));
  model::Interaction changed = sample_interaction("uid1", "app1");
  changed.params_json = R"({"prompt":"consent"})";
  changed.state_json = R"({"step":"consent"})";
  changed.user_id = "user1";
  changed.auth_time = 321;
  changed.expires_at = 800;
  changed.created_at = 1;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.interactions().update(changed); }));

  auto found = find("uid1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  changed.created_at = sample_interaction("uid1", "app1").created_at;
  EXPECT_EQ(fields(**found), fields(changed));
}

TEST_P(InteractionRepositoryTest, UpdateOfUnknownUidIsNotFound) {
  auto updated =
      in_write([](Tx& tx) { return tx.interactions().update(sample_interaction("nope", "app1")); });
  EXPECT_EQ(errc_of(updated), Errc::NotFound);
}

TEST_P(InteractionRepositoryTest, RemoveDeletesTheInteractionAndIsIdempotent) {
  ASSERT_OK(insert(sample_interaction("uid1", "app1")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.interactions().remove("uid1"); }));

  auto found = find("uid1");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  EXPECT_OK(in_write([](Tx& tx) { return tx.interactions().remove("uid1"); }));
}

LATCH_STORAGE_SUITE(InteractionRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
