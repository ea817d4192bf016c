// check_user_password over a real (SQLite) store: foreign digests verify, the first right password
// replaces them with Latch's Argon2id unless the password changed meanwhile, and failures spend
// the decoy's time. UserService::create with a digest, as the API and importers store one.
#include "management/user_password.hpp"

#include <gtest/gtest.h>

#include "crypto/password.hpp"
#include "management/user_service.hpp"
#include "support/fake_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"
#include "unit/crypto/password_digest_vectors.hpp"

namespace latch::management {
namespace {

using crypto::test::kVectorPassword;

constexpr std::string_view kBcrypt = "$2b$04$Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S";
constexpr std::string_view kMd5 = "9cc2ae8a1ba7a93da39b46fc1019c481";
constexpr std::string_view kLatchPrefix = "$argon2id$v=19$m=19456,t=2,p=1$";

class UserPasswordTest : public ::testing::Test {
 protected:
  UserPasswordTest() : store_(test::open_test_store(dir_.path())) {}

  // User "u1" whose password is kVectorPassword under `algorithm`.
  model::User insert(std::string_view algorithm, std::string_view digest) {
    model::User u{.id = "u1", .username = std::string("u1")};
    u.password_hash = std::string(digest);
    u.password_algorithm = std::string(algorithm);
    EXPECT_TRUE(store_->transact([&](storage::Tx& tx) { return tx.users().insert(u); }));
    return u;
  }
  model::User stored() {
    std::optional<model::User> out;
    EXPECT_TRUE(store_->read([&](storage::Tx& tx) -> Result<void> {
      auto found = tx.users().find("u1");
      if (!found) return found.error();
      out = std::move(*found);
      return ok();
    }));
    return out.value_or(model::User{});
  }
  bool check(const model::User* user, std::string_view password) {
    return check_user_password(*store_, clock_, user, password);
  }

  test::TempDir dir_;
  test::FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
};

TEST_F(UserPasswordTest, TheRightPasswordReplacesAForeignDigestWithLatchsArgon2id) {
  model::User user = insert("Bcrypt", kBcrypt);
  EXPECT_TRUE(check(&user, kVectorPassword));
  model::User after = stored();
  EXPECT_EQ(after.password_algorithm, "Argon2id");
  EXPECT_TRUE(after.password_hash.starts_with(kLatchPrefix)) << after.password_hash;
  EXPECT_EQ(after.updated_at, clock_.now_millis());
  EXPECT_TRUE(check(&after, kVectorPassword));
  EXPECT_EQ(stored().password_hash, after.password_hash);  // Latch's own hash stays
}

TEST_F(UserPasswordTest, AWrongPasswordLeavesTheDigest) {
  model::User user = insert("MD5", kMd5);
  EXPECT_FALSE(check(&user, "Correct horse battery staple"));
  EXPECT_EQ(stored().password_hash, kMd5);
  EXPECT_EQ(stored().password_algorithm, "MD5");
}

TEST_F(UserPasswordTest, APasswordChangedMeanwhileIsKept) {
  model::User read_before = insert("Bcrypt", kBcrypt);
  model::User changed = read_before;
  auto fresh = crypto::hash_password("another password");
  ASSERT_TRUE(fresh);
  model::set_latch_password_hash(changed, *fresh);
  ASSERT_TRUE(store_->transact([&](storage::Tx& tx) { return tx.users().update(changed); }));

  EXPECT_TRUE(check(&read_before, kVectorPassword));  // right for what was read
  EXPECT_EQ(stored().password_hash, *fresh);
}

TEST_F(UserPasswordTest, AFastMethodsFailureSpendsTheDecoy) {
  model::User user = insert("MD5", kMd5);
  crypto::verify_password_dummy("warm-up");
  crypto::password_slots().reset_peak();
  EXPECT_FALSE(check(&user, "wrong"));
  EXPECT_EQ(crypto::password_slots().peak(), 1u);  // MD5 itself takes none
}

TEST_F(UserPasswordTest, NoUserNoPasswordOrAnUnknownAlgorithmSpendTheDecoy) {
  model::User no_password{.id = "u2"};
  model::User unknown = insert("Rot13", "whatever");
  crypto::verify_password_dummy("warm-up");
  const model::User* users[] = {nullptr, &no_password, &unknown};
  for (const model::User* user : users) {
    crypto::password_slots().reset_peak();
    EXPECT_FALSE(check(user, kVectorPassword));
    EXPECT_EQ(crypto::password_slots().peak(), 1u);
  }
}

TEST_F(UserPasswordTest, IsUserPasswordNeitherRehashesNorSpendsTheDecoy) {
  model::User user = insert("MD5", kMd5);
  EXPECT_TRUE(is_user_password(user, kVectorPassword));
  crypto::password_slots().reset_peak();
  EXPECT_FALSE(is_user_password(user, "wrong"));
  EXPECT_EQ(crypto::password_slots().peak(), 0u);
  EXPECT_EQ(stored().password_hash, kMd5);
}

class CreateWithDigestTest : public UserPasswordTest {
 protected:
  Result<model::User> create(std::optional<std::string> password, std::string algorithm,
                             std::string digest) {
    UserService users(*store_, clock_);
    return users.create(
        {.username = "importee",
         .password = std::move(password),
         .password_digest = ForeignPassword{std::move(algorithm), std::move(digest)}});
  }
};

TEST_F(CreateWithDigestTest, StoresTheDigestAsItIs) {
  auto user = create(std::nullopt, "Bcrypt", std::string(kBcrypt));
  ASSERT_TRUE(user) << user.error().description;
  EXPECT_EQ(user->password_hash, kBcrypt);
  EXPECT_EQ(user->password_algorithm, "Bcrypt");
  EXPECT_TRUE(check(&*user, kVectorPassword));
}

TEST_F(CreateWithDigestTest, RefusesAPasswordAndADigestTogether) {
  auto user = create("a password", "Bcrypt", std::string(kBcrypt));
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().key, "user.password_and_digest");
}

TEST_F(CreateWithDigestTest, RefusesAnAlgorithmItDoesNotKnow) {
  auto user = create(std::nullopt, "bcrypt", std::string(kBcrypt));
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().code, Errc::InvalidRequest);
  EXPECT_EQ(user.error().field, "passwordAlgorithm");
}

TEST_F(CreateWithDigestTest, RefusesAMalformedDigestNamingTheField) {
  auto user = create(std::nullopt, "Bcrypt", "$2x$04$" + std::string(kBcrypt.substr(7)));
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().key, "password.invalid_digest");
  EXPECT_EQ(user.error().field, "passwordDigest");
}

}  // namespace
}  // namespace latch::management
