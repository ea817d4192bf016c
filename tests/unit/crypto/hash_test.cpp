#include "crypto/hash.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace latch::crypto {
namespace {

std::string hex(const std::string& bytes) {
  std::string out;
  for (const unsigned char c : bytes) {
    char pair[3];
    std::snprintf(pair, sizeof pair, "%02x", c);
    out += pair;
  }
  return out;
}

// FIPS 180-2 Appendix B.1, C.1 and D.1: the one-block message "abc".
TEST(HashTest, Sha256MatchesFips180Vector) {
  EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashTest, Sha384MatchesFips180Vector) {
  EXPECT_EQ(
      hex(sha384("abc")),
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca1"
      "34c825a7");
}

TEST(HashTest, Sha512MatchesFips180Vector) {
  EXPECT_EQ(
      hex(sha512("abc")),
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23"
      "a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

// RFC 4231 §4.3 (test case 2).
TEST(HashTest, HmacSha256MatchesRfc4231Vector) {
  EXPECT_EQ(hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HashTest, HmacSha256AcceptsAnEmptyKey) {
  EXPECT_EQ(hex(hmac_sha256("", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HashTest, TokenHashIsBase64UrlOfSha256) {
  EXPECT_EQ(token_hash("abc"), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
}

TEST(HashTest, ConstantTimeEqualComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("secret", "secret"));
  EXPECT_FALSE(constant_time_equal("secret", "secreT"));
  EXPECT_FALSE(constant_time_equal("secret", "secret2"));
  EXPECT_FALSE(constant_time_equal("", "x"));
}

}  // namespace
}  // namespace latch::crypto
