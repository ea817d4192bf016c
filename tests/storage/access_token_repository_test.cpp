#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class AccessTokenRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
    insert_grant("g1");
  }
  model::Grant grant() { return sample_grant("g1", "user1", "app1"); }
  Result<void> insert(const model::OpaqueAccessToken& token) {
    return in_write([&](Tx& tx) { return tx.access_tokens().insert(token); });
  }
  Result<std::optional<model::OpaqueAccessToken>> find(const std::string& hash) {
    return in_read([&](Tx& tx) { return tx.access_tokens().find(hash); });
  }
};

TEST_P(AccessTokenRepositoryTest, FindsInsertedTokenWithEveryField) {
  model::OpaqueAccessToken token = sample_access_token("at1", grant());
  ASSERT_OK(insert(token));

  auto found = find("at1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(token));
}

TEST_P(AccessTokenRepositoryTest, FindReturnsNothingForUnknownHash) {
  auto found = find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(AccessTokenRepositoryTest, InsertOfExistingHashIsConflict) {
  ASSERT_OK(insert(sample_access_token("at1", grant())));
  EXPECT_EQ(errc_of(insert(sample_access_token("at1", grant()))), Errc::Conflict);
}

TEST_P(AccessTokenRepositoryTest, InsertForUnknownGrantIsNotFound) {
  auto inserted = insert(sample_access_token("at1", sample_grant("ghost", "user1", "app1")));
  EXPECT_EQ(errc_of(inserted), Errc::NotFound);
}

TEST_P(AccessTokenRepositoryTest, RemoveDeletesTheTokenAndIsIdempotent) {
  ASSERT_OK(insert(sample_access_token("at1", grant())));
  ASSERT_OK(in_write([](Tx& tx) { return tx.access_tokens().remove("at1"); }));

  auto found = find("at1");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  EXPECT_OK(in_write([](Tx& tx) { return tx.access_tokens().remove("at1"); }));
}

LATCH_STORAGE_SUITE(AccessTokenRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
