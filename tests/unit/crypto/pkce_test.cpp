#include "crypto/pkce.hpp"

#include <gtest/gtest.h>

#include <string>

namespace latch::crypto {
namespace {

// RFC 7636 Appendix B.
constexpr std::string_view kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr std::string_view kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(PkceTest, VerifiesTheRfc7636AppendixBExample) {
  EXPECT_TRUE(verify_s256(kVerifier, kChallenge));
}

TEST(PkceTest, RejectsAChallengeForAnotherVerifier) {
  std::string other(kVerifier);
  other[0] = 'e';
  EXPECT_FALSE(verify_s256(other, kChallenge));
  EXPECT_FALSE(verify_s256(kVerifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN"));
  EXPECT_FALSE(verify_s256(kVerifier, ""));
}

TEST(PkceTest, AcceptsVerifiersOf43To128UnreservedCharacters) {
  EXPECT_TRUE(is_valid_code_verifier(kVerifier));
  EXPECT_TRUE(is_valid_code_verifier(std::string(43, 'a')));
  EXPECT_TRUE(is_valid_code_verifier(std::string(128, '~')));
  EXPECT_TRUE(
      is_valid_code_verifier("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"));
}

TEST(PkceTest, RejectsVerifiersOfTheWrongLength) {
  EXPECT_FALSE(is_valid_code_verifier(std::string(42, 'a')));
  EXPECT_FALSE(is_valid_code_verifier(std::string(129, 'a')));
  EXPECT_FALSE(is_valid_code_verifier(""));
}

TEST(PkceTest, RejectsVerifiersWithReservedCharacters) {
  for (const char c : {'+', '/', '=', ' ', '%', '\0', '\xc3'}) {
    std::string verifier(43, 'a');
    verifier[20] = c;
    EXPECT_FALSE(is_valid_code_verifier(verifier)) << static_cast<int>(c);
  }
}

TEST(PkceTest, RejectsAnInvalidVerifierEvenWhenItsHashMatches) {
  // "short" hashes to a valid-looking challenge, but is below the RFC 7636 §4.1 minimum.
  EXPECT_FALSE(verify_s256("short", "-bAHi131ltLqGQEMABu9AJ5lHeLFfo-341XzHrnT9zk"));
}

TEST(PkceTest, AcceptsChallengesOf43Base64UrlCharacters) {
  EXPECT_TRUE(is_valid_code_challenge(kChallenge));
  EXPECT_FALSE(is_valid_code_challenge(kChallenge.substr(0, 42)));
  EXPECT_FALSE(is_valid_code_challenge(std::string(kChallenge) + "A"));
  EXPECT_FALSE(is_valid_code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM"));
  EXPECT_FALSE(is_valid_code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw.cM"));
}

}  // namespace
}  // namespace latch::crypto
