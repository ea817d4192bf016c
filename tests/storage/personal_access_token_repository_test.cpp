#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

// Users' personal access tokens (migration v28), on every backend.
namespace latch::storage::test {
namespace {

class PersonalAccessTokenRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_OK(in_write([](Tx& tx) { return tx.users().insert(sample_user("u1")); }));
  }
  Result<void> insert(const model::PersonalAccessToken& token) {
    return in_write([&](Tx& tx) { return tx.personal_access_tokens().insert(token); });
  }
  std::vector<model::PersonalAccessToken> list(const std::string& user_id) {
    auto found = in_read([&](Tx& tx) { return tx.personal_access_tokens().list(user_id); });
    EXPECT_OK(found);
    return found ? *found : std::vector<model::PersonalAccessToken>{};
  }
  static model::PersonalAccessToken token(std::string name, std::int64_t created_at,
                                          std::optional<std::int64_t> expires_at = {}) {
    return {"u1", name, "hash-" + name, "v1.sealed", created_at, expires_at};
  }
  static auto fields(const model::PersonalAccessToken& t) {
    return std::tie(t.user_id, t.name, t.token_hash, t.sealed_value, t.created_at, t.expires_at);
  }
};

TEST_P(PersonalAccessTokenRepositoryTest, ListsAUsersTokensOldestFirstAndFindsOneByHash) {
  ASSERT_OK(insert(token("newer", 2000, 9000)));
  ASSERT_OK(insert(token("older", 1000)));
  auto found = list("u1");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(fields(found[0]), fields(token("older", 1000)));
  EXPECT_EQ(fields(found[1]), fields(token("newer", 2000, 9000)));
  auto by_hash =
      in_read([](Tx& tx) { return tx.personal_access_tokens().find_by_hash("hash-newer"); });
  ASSERT_OK(by_hash);
  ASSERT_TRUE(*by_hash);
  EXPECT_EQ((*by_hash)->name, "newer");
  auto none = in_read([](Tx& tx) { return tx.personal_access_tokens().find_by_hash("nothing"); });
  ASSERT_OK(none);
  EXPECT_FALSE(*none);
}

TEST_P(PersonalAccessTokenRepositoryTest, ANameIsUniqueWithinTheUser) {
  ASSERT_OK(insert(token("one", 1000)));
  auto again = insert({"u1", "one", "hash-other", "v1.sealed", 2000, std::nullopt});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::Conflict);
  EXPECT_EQ(again.error().key, "user.personal_access_token_name_exists");
  EXPECT_EQ(errc_of(insert({"nobody", "x", "hash-x", "v1.sealed", 1000, std::nullopt})),
            Errc::NotFound);
}

TEST_P(PersonalAccessTokenRepositoryTest, ATokenIsRenamedAndRemovedByName) {
  ASSERT_OK(insert(token("one", 1000)));
  ASSERT_OK(insert(token("two", 2000)));
  ASSERT_OK(
      in_write([](Tx& tx) { return tx.personal_access_tokens().rename("u1", "one", "uno"); }));
  EXPECT_EQ(list("u1")[0].name, "uno");
  auto clash =
      in_write([](Tx& tx) { return tx.personal_access_tokens().rename("u1", "uno", "two"); });
  EXPECT_EQ(errc_of(clash), Errc::Conflict);
  EXPECT_EQ(errc_of(in_write(
                [](Tx& tx) { return tx.personal_access_tokens().rename("u1", "none", "x"); })),
            Errc::NotFound);
  ASSERT_OK(in_write([](Tx& tx) { return tx.personal_access_tokens().remove("u1", "uno"); }));
  EXPECT_EQ(
      errc_of(in_write([](Tx& tx) { return tx.personal_access_tokens().remove("u1", "uno"); })),
      Errc::NotFound);
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("u1"); }));
  EXPECT_TRUE(list("u1").empty());
}

LATCH_STORAGE_SUITE(PersonalAccessTokenRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
