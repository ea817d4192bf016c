#include "crypto/password_digest.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/password.hpp"
#include "unit/crypto/password_digest_vectors.hpp"

namespace latch::crypto {
namespace {

using test::DigestVector;
using test::kDigestVectors;

// The password with its first byte changed: wrong however much of it an algorithm reads.
std::string wrong(std::string_view password) {
  std::string out(password);
  out[0] = static_cast<char>(out[0] ^ 1);
  return out;
}

class DigestVectorTest : public ::testing::TestWithParam<DigestVector> {};

TEST_P(DigestVectorTest, IsAcceptedWhenStored) {
  auto checked = check_password_digest(GetParam().algorithm, GetParam().digest);
  EXPECT_TRUE(checked) << (checked ? "" : checked.error().key + ": " + checked.error().detail);
}

TEST_P(DigestVectorTest, VerifiesTheRightPassword) {
  EXPECT_TRUE(verify_password_digest(GetParam().password, GetParam().algorithm, GetParam().digest));
}

TEST_P(DigestVectorTest, RejectsAWrongPassword) {
  const auto& v = GetParam();
  EXPECT_FALSE(verify_password_digest(wrong(v.password), v.algorithm, v.digest));
  EXPECT_FALSE(verify_password_digest("", v.algorithm, v.digest));
}

INSTANTIATE_TEST_SUITE_P(Independent, DigestVectorTest, ::testing::ValuesIn(kDigestVectors),
                         [](const auto& info) { return std::string(info.param.description); });

TEST(PasswordDigestTest, BcryptIgnoresWhatFollowsTheSeventySecondByte) {
  constexpr std::string_view kDigest =
      "$2b$04$XKJbD44DPiTPx/eGL974pOvgIgvETVfSzMhBvKmBEM1ZLVO/dVZ9C";  // hashpw(b"x" * 80)
  EXPECT_TRUE(verify_password_digest(std::string(72, 'x'), PasswordAlgorithm::Bcrypt, kDigest));
  EXPECT_TRUE(verify_password_digest(std::string(1000, 'x'), PasswordAlgorithm::Bcrypt, kDigest));
  EXPECT_FALSE(verify_password_digest(std::string(71, 'x'), PasswordAlgorithm::Bcrypt, kDigest));
}

TEST(PasswordDigestTest, BcryptRefusesAPasswordWithANulByte) {
  constexpr std::string_view kDigest =
      "$2b$04$Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S";
  std::string password(test::kVectorPassword);
  EXPECT_FALSE(verify_password_digest(password + std::string("\0tail", 5),
                                      PasswordAlgorithm::Bcrypt, kDigest));
}

TEST(PasswordDigestTest, NamesAreLogtos) {
  for (std::string_view name :
       {"Argon2i", "Argon2id", "Argon2d", "Bcrypt", "SHA1", "SHA256", "MD5", "Legacy"}) {
    auto algorithm = password_algorithm_named(name);
    ASSERT_TRUE(algorithm) << name;
    EXPECT_EQ(name_of(*algorithm), name);
  }
  for (std::string_view name : {"", "argon2i", "bcrypt", "SHA-256", "sha1", "Pbkdf2", "Scrypt"}) {
    EXPECT_FALSE(password_algorithm_named(name)) << name;
  }
}

TEST(PasswordDigestTest, OnlyTheFastMethodsNeedTheDecoy) {
  using enum PasswordAlgorithm;
  for (auto fast : {Sha1, Sha256, Md5, Legacy}) EXPECT_TRUE(needs_decoy_on_failure(fast));
  for (auto slow : {Argon2i, Argon2id, Argon2d, Bcrypt}) EXPECT_FALSE(needs_decoy_on_failure(slow));
}

TEST(PasswordDigestTest, LatchsOwnHashNeedsNoRehash) {
  auto ours = hash_password("pw");
  ASSERT_TRUE(ours);
  EXPECT_FALSE(needs_rehash(PasswordAlgorithm::Argon2id, *ours));
  EXPECT_TRUE(check_password_digest(PasswordAlgorithm::Argon2id, *ours));
}

TEST(PasswordDigestTest, EveryOtherDigestNeedsARehash) {
  for (const DigestVector& v : kDigestVectors) {
    EXPECT_TRUE(needs_rehash(v.algorithm, v.digest)) << v.description;
  }
}

TEST(PasswordDigestTest, SlowMethodsTakeASlotOfThePasswordLimiter) {
  password_slots().reset_peak();
  EXPECT_TRUE(
      verify_password_digest(test::kVectorPassword, PasswordAlgorithm::Bcrypt,
                             "$2b$04$Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S"));
  EXPECT_EQ(password_slots().peak(), 1u);
  EXPECT_EQ(password_slots().in_use(), 0u);
}

// Every prefix of every cheap vector is refused or simply fails: no crash, no match.
TEST(PasswordDigestTest, TruncatedDigestsNeverMatch) {
  for (const DigestVector& v : kDigestVectors) {
    if (std::string_view(v.description).find("Logto") != std::string_view::npos &&
        v.algorithm == PasswordAlgorithm::Argon2i) {
      continue;  // 8 MiB × 8 passes per prefix: slow, and Argon2id covers the format
    }
    if (std::string_view(v.description) == "BcryptCost10") continue;
    for (std::size_t n = 0; n < v.digest.size(); ++n) {
      EXPECT_FALSE(verify_password_digest(v.password, v.algorithm, v.digest.substr(0, n)))
          << v.description << " cut at " << n;
    }
  }
}

}  // namespace
}  // namespace latch::crypto
