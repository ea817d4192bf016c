#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

// A user's password hash with the algorithm that made it (v25), and the compare-and-set that
// replaces a foreign digest with Latch's own after a sign-in.
namespace latch::storage::test {
namespace {

constexpr std::string_view kBcrypt = "$2b$04$Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S";
constexpr std::string_view kOurs = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$b3Vycw";

class UserPasswordHashTest : public StorageTest {
 protected:
  // User "u1" with a bcrypt digest.
  void insert_foreign() {
    model::User user = sample_user("u1");
    user.password_hash = std::string(kBcrypt);
    user.password_algorithm = "Bcrypt";
    ASSERT_OK(in_write([&](Tx& tx) { return tx.users().insert(user); }));
  }
  model::User find(const std::string& id) {
    auto found = in_read([&](Tx& tx) { return tx.users().find(id); });
    EXPECT_OK(found);
    return found && *found ? **found : model::User{};
  }
  Result<bool> swap(std::string_view expected, std::int64_t at = 5000) {
    return in_write([&](Tx& tx) {
      return tx.users().replace_password_hash({.user_id = "u1",
                                               .expected_hash = expected,
                                               .hash = kOurs,
                                               .algorithm = "Argon2id",
                                               .at = at});
    });
  }
};

TEST_P(UserPasswordHashTest, NewUsersHashWithLatchsAlgorithm) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().insert(sample_user("u1")); }));
  EXPECT_EQ(find("u1").password_algorithm, "Argon2id");
}

TEST_P(UserPasswordHashTest, StoresAForeignDigestWithItsAlgorithm) {
  insert_foreign();
  model::User user = find("u1");
  EXPECT_EQ(user.password_hash, kBcrypt);
  EXPECT_EQ(user.password_algorithm, "Bcrypt");
}

TEST_P(UserPasswordHashTest, UpdateWritesTheAlgorithm) {
  insert_foreign();
  model::User user = find("u1");
  model::set_latch_password_hash(user, std::string(kOurs));
  ASSERT_OK(in_write([&](Tx& tx) { return tx.users().update(user); }));
  EXPECT_EQ(fields(find("u1")), fields(user));
}

TEST_P(UserPasswordHashTest, ReplacesTheHashItWasGiven) {
  insert_foreign();
  auto swapped = swap(kBcrypt);
  ASSERT_OK(swapped);
  EXPECT_TRUE(*swapped);
  model::User user = find("u1");
  EXPECT_EQ(user.password_hash, kOurs);
  EXPECT_EQ(user.password_algorithm, "Argon2id");
  EXPECT_EQ(user.updated_at, 5000);
}

TEST_P(UserPasswordHashTest, KeepsAPasswordSetMeanwhile) {
  insert_foreign();
  model::User user = find("u1");
  user.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$bmV3ZXI";
  user.password_algorithm = "Argon2id";
  ASSERT_OK(in_write([&](Tx& tx) { return tx.users().update(user); }));

  auto swapped = swap(kBcrypt);
  ASSERT_OK(swapped);
  EXPECT_FALSE(*swapped);
  EXPECT_EQ(fields(find("u1")), fields(user));
}

TEST_P(UserPasswordHashTest, ReplacesNothingForAnUnknownUser) {
  auto swapped = swap(kBcrypt);
  ASSERT_OK(swapped);
  EXPECT_FALSE(*swapped);
}

LATCH_STORAGE_SUITE(UserPasswordHashTest);

}  // namespace
}  // namespace latch::storage::test
