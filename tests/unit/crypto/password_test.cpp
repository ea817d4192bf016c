#include "crypto/password.hpp"

#include <argon2.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace latch::crypto {
namespace {

// Cheap parameters keep the suite fast; the format and the checks do not depend on them.
const PasswordParams kFast{.memory_kib = 64, .iterations = 1, .parallelism = 1};

std::string hash_or_die(std::string_view password, const PasswordParams& params = kFast) {
  auto hashed = hash_password(password, params);
  EXPECT_TRUE(hashed.has_value());
  return hashed ? *hashed : std::string();
}

TEST(PasswordTest, HashesAsAnArgon2idPhcStringWithTheGivenParameters) {
  const std::string phc = hash_or_die("hunter2");
  EXPECT_EQ(phc.rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0u) << phc;
}

TEST(PasswordTest, DefaultsToOwaspParameters) {
  const std::string phc = hash_or_die("hunter2", PasswordParams{});
  EXPECT_EQ(phc.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << phc;
  EXPECT_TRUE(verify_password("hunter2", phc));
}

TEST(PasswordTest, SaltsEveryHash) { EXPECT_NE(hash_or_die("same"), hash_or_die("same")); }

TEST(PasswordTest, VerifiesTheRightPassword) {
  EXPECT_TRUE(verify_password("correct horse", hash_or_die("correct horse")));
}

TEST(PasswordTest, RejectsAWrongPassword) {
  const std::string phc = hash_or_die("correct horse");
  EXPECT_FALSE(verify_password("correct horsf", phc));
  EXPECT_FALSE(verify_password("", phc));
}

TEST(PasswordTest, VerifiesArgon2iAndArgon2dHashes) {
  const std::string salt = "0123456789abcdef";
  for (const argon2_type type : {Argon2_i, Argon2_d}) {
    char encoded[128] = {};
    ASSERT_EQ(argon2_hash(1, 64, 1, "pw", 2, salt.data(), salt.size(), nullptr, 32, encoded,
                          sizeof encoded, type, ARGON2_VERSION_13),
              ARGON2_OK);
    EXPECT_TRUE(verify_password("pw", encoded)) << encoded;
    EXPECT_FALSE(verify_password("px", encoded)) << encoded;
  }
}

TEST(PasswordTest, TreatsMalformedHashesAsNoMatch) {
  const std::string phc = hash_or_die("pw");
  for (const std::string& bad :
       {std::string(), std::string("pw"), std::string("$argon2id$"),
        std::string("$argon2id$v=19$m=64,t=1,p=1$garbage"), std::string("$bcrypt$") + phc,
        std::string("$argon2x") + phc.substr(9), phc.substr(0, phc.size() - 10),
        phc + std::string("\0", 1)}) {
    EXPECT_FALSE(verify_password("pw", bad)) << bad;
  }
}

// The PHC prefix: algorithm, version and parameters ("$argon2id$v=19$m=19456,t=2,p=1$").
std::string parameters_of(const std::string& phc) {
  return phc.substr(0, phc.rfind('$', phc.rfind('$') - 1) + 1);
}

// An unknown user must cost what a wrong password costs: Argon2id on the parameters real
// passwords are hashed with (no timing measured; the work is the same by construction).
TEST(PasswordTest, TheDummyHashHasTheParametersOfRealHashes) {
  const std::string real = hash_or_die("hunter2", PasswordParams{});
  EXPECT_EQ(parameters_of(real), "$argon2id$v=19$m=19456,t=2,p=1$");
  EXPECT_EQ(parameters_of(dummy_password_hash()), parameters_of(real));
}

TEST(PasswordTest, NoPasswordMatchesTheDummyHash) {
  for (const char* password : {"", "anything"}) {
    EXPECT_FALSE(verify_password(password, dummy_password_hash())) << password;
  }
}

// Restores the process-wide bound a test changed.
class PasswordConcurrencyTest : public ::testing::Test {
 protected:
  void TearDown() override { set_password_concurrency(std::thread::hardware_concurrency()); }
};

TEST_F(PasswordConcurrencyTest, NoMoreHashesRunAtOnceThanTheBound) {
  const std::string phc = hash_or_die("pw");
  set_password_concurrency(2);
  password_slots().reset_peak();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(verify_password("pw", phc));
        EXPECT_TRUE(hash_password("pw", kFast).has_value());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(password_slots().peak(), 1u);  // every hash went through the limiter
  EXPECT_LE(password_slots().peak(), 2u);
  EXPECT_EQ(password_slots().in_use(), 0u);
}

TEST_F(PasswordConcurrencyTest, AnEmptyPasswordStillRunsTheDummyVerification) {
  verify_password_dummy("warm-up");  // makes the dummy hash once
  password_slots().reset_peak();
  verify_password_dummy("");
  EXPECT_EQ(password_slots().peak(), 1u);
  EXPECT_EQ(password_slots().in_use(), 0u);
}

TEST_F(PasswordConcurrencyTest, TheDummyVerificationTakesASlotToo) {
  verify_password_dummy("warm-up");  // makes the dummy hash once
  set_password_concurrency(1);
  password_slots().reset_peak();
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) threads.emplace_back([] { verify_password_dummy("unknown"); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(password_slots().peak(), 1u);
}

}  // namespace
}  // namespace latch::crypto
