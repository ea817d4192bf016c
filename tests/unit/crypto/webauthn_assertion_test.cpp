#include <gtest/gtest.h>

#include "crypto/webauthn.hpp"
#include "unit/crypto/webauthn_test_support.hpp"

namespace latch::crypto::webauthn {
namespace {

using namespace test_support;

const std::string kGet = client_data_json("webauthn.get");

void expect_refused(const Result<Assertion>& result, std::string_view what) {
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Errc::InvalidRequest);
  EXPECT_EQ(result.error().key, kWebauthnVerificationFailed);
  EXPECT_NE(result.error().detail.find(what), std::string::npos) << result.error().detail;
}

class WebAuthnAssertionTest : public testing::TestWithParam<int> {
 protected:
  const TestKey& key() const { return test_key(GetParam()); }
  std::string stored_key() const { return cose_key(key()); }
  // An assertion by the test key with these flags and sign count, over `client_data`.
  AssertionInput input(std::uint8_t flags, std::uint32_t counter,
                       std::string_view client_data = kGet) const {
    const std::string data = authenticator_data({.flags = flags, .counter = counter});
    return assertion_input(key(), data, client_data, stored_key());
  }
};

INSTANTIATE_TEST_SUITE_P(Algorithms, WebAuthnAssertionTest, testing::Values(kEs256, kRs256),
                         [](const auto& info) { return info.param == kEs256 ? "ES256" : "RS256"; });

TEST_P(WebAuthnAssertionTest, AcceptsAValidAssertionAndReturnsTheNewCounter) {
  auto in = input(kUp | kUv, 42);
  in.stored_counter = 41;
  const auto assertion = verify_assertion(in);
  ASSERT_TRUE(assertion.has_value()) << assertion.error().detail;
  EXPECT_EQ(assertion->counter, 42u);
  EXPECT_TRUE(assertion->user_verified);
}

TEST_P(WebAuthnAssertionTest, AcceptsZeroCountersOnBothSides) {
  const auto assertion = verify_assertion(input(kUp, 0));
  ASSERT_TRUE(assertion.has_value()) << assertion.error().detail;
  EXPECT_EQ(assertion->counter, 0u);
  EXPECT_FALSE(assertion->user_verified);
}

TEST_P(WebAuthnAssertionTest, RefusesACounterThatDidNotIncrease) {
  for (const auto& [stored, received] :
       std::vector<std::pair<std::uint32_t, std::uint32_t>>{{5, 5}, {5, 4}, {5, 0}}) {
    auto in = input(kUp, received);
    in.stored_counter = stored;
    expect_refused(verify_assertion(in), "cloned");
  }
}

TEST_P(WebAuthnAssertionTest, AcceptsAFirstNonZeroCounter) {
  const auto assertion = verify_assertion(input(kUp, 1));
  ASSERT_TRUE(assertion.has_value()) << assertion.error().detail;
  EXPECT_EQ(assertion->counter, 1u);
}

TEST_P(WebAuthnAssertionTest, RefusesASignatureByAnotherKey) {
  const std::string data = authenticator_data({.counter = 1});
  const auto in = assertion_input(test_key(GetParam(), 1), data, kGet, stored_key());
  expect_refused(verify_assertion(in), "signature does not verify");
}

TEST_P(WebAuthnAssertionTest, RefusesASignatureOverOtherData) {
  auto in = input(kUp, 1);
  const std::string other = authenticator_data({.counter = 2});
  in.authenticator_data = base64url_encode(other);  // the signature covers counter 1
  expect_refused(verify_assertion(in), "signature does not verify");
}

TEST_P(WebAuthnAssertionTest, RefusesACorruptedOrTruncatedSignature) {
  auto in = input(kUp, 1);
  std::string signature = *base64url_decode(in.signature);
  signature[signature.size() / 2] ^= 0x01;
  in.signature = base64url_encode(signature);
  expect_refused(verify_assertion(in), "signature");
  in.signature = base64url_encode(signature.substr(0, signature.size() - 1));
  expect_refused(verify_assertion(in), "signature");
}

TEST_P(WebAuthnAssertionTest, RefusesAWrongChallenge) {
  const std::string other = client_data_json("webauthn.get", new_challenge());
  expect_refused(verify_assertion(input(kUp, 1, other)), "challenge");
}

TEST_P(WebAuthnAssertionTest, RefusesAWrongOrigin) {
  const std::string other = client_data_json("webauthn.get", kChallenge, "https://evil.test");
  expect_refused(verify_assertion(input(kUp, 1, other)), "origin");
}

TEST_P(WebAuthnAssertionTest, RefusesARegistrationsClientData) {
  expect_refused(verify_assertion(input(kUp, 1, client_data_json("webauthn.create"))), "type");
}

TEST_P(WebAuthnAssertionTest, RefusesAnotherRpId) {
  const std::string data = authenticator_data({.rp_id = "example.com", .counter = 1});
  expect_refused(verify_assertion(assertion_input(key(), data, kGet, stored_key())), "rpIdHash");
}

TEST_P(WebAuthnAssertionTest, RefusesWithoutUserPresence) {
  expect_refused(verify_assertion(input(kUv, 1)), "presence");
}

TEST_P(WebAuthnAssertionTest, RefusesWithoutUserVerificationWhenRequired) {
  auto in = input(kUp, 1);
  in.require_user_verification = true;
  expect_refused(verify_assertion(in), "verification");
}

TEST_P(WebAuthnAssertionTest, RefusesEveryTruncationOfTheAuthenticatorData) {
  const std::string data = authenticator_data({.counter = 1});
  for (std::size_t size = 0; size < data.size(); ++size) {
    auto in = assertion_input(key(), data.substr(0, size), kGet, stored_key());
    const auto result = verify_assertion(in);
    ASSERT_FALSE(result.has_value()) << size;
    EXPECT_EQ(result.error().key, kWebauthnVerificationFailed);
  }
}

TEST_P(WebAuthnAssertionTest, RefusesAStoredKeyThatIsNotACoseKey) {
  auto in = input(kUp, 1);
  const std::string stored = stored_key();
  for (const std::string& bad : {std::string("garbage"), stored.substr(0, stored.size() - 1),
                                 stored + std::string(1, '\0'), std::string("\xa0", 1)}) {
    in.public_key = base64url_encode(bad);
    expect_refused(verify_assertion(in), "stored public key");
  }
}

TEST_P(WebAuthnAssertionTest, RefusesAStoredKeyOfAnUnsupportedAlgorithm) {
  auto in = input(kUp, 1);
  in.public_key = base64url_encode(cose_key(key(), -35));  // ES384
  expect_refused(verify_assertion(in), "unsupported COSE algorithm -35");
}

TEST(WebAuthnAssertionEcTest, RefusesAnEcPointOffTheCurve) {
  std::string stored = cose_key(test_key(kEs256));
  stored[stored.size() - 1] ^= 0x01;  // the last byte of y
  auto in = assertion_input(test_key(kEs256), authenticator_data({.counter = 1}), kGet, stored);
  expect_refused(verify_assertion(in), "stored public key");
}

}  // namespace
}  // namespace latch::crypto::webauthn
