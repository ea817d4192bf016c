#include <gtest/gtest.h>

#include "crypto/webauthn.hpp"
#include "unit/crypto/webauthn_test_support.hpp"

namespace latch::crypto::webauthn {
namespace {

using namespace test_support;

const std::string kCreate = client_data_json("webauthn.create");

// Refused as the header documents: InvalidRequest, the stable key, a detail with `what` in it.
void expect_refused(const Result<Credential>& result, std::string_view what) {
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Errc::InvalidRequest);
  EXPECT_EQ(result.error().key, kWebauthnVerificationFailed);
  EXPECT_NE(result.error().detail.find(what), std::string::npos) << result.error().detail;
}

class WebAuthnRegistrationTest : public testing::TestWithParam<int> {
 protected:
  const TestKey& key() const { return test_key(GetParam()); }
  std::string auth_data(std::uint8_t flags = kUp | kUv) const {
    return authenticator_data({.flags = flags, .counter = 7, .cose_key = cose_key(key())});
  }
  RegistrationInput none_input(std::string_view client_data, std::string_view data) const {
    return registration_input(client_data, attestation_object("none", empty_statement(), data));
  }
};

INSTANTIATE_TEST_SUITE_P(Algorithms, WebAuthnRegistrationTest, testing::Values(kEs256, kRs256),
                         [](const auto& info) { return info.param == kEs256 ? "ES256" : "RS256"; });

TEST_P(WebAuthnRegistrationTest, AcceptsAttestationNone) {
  const auto credential = verify_registration(none_input(kCreate, auth_data()));
  ASSERT_TRUE(credential.has_value()) << credential.error().detail;
  EXPECT_EQ(credential->credential_id, base64url_encode(kCredentialId));
  EXPECT_EQ(credential->public_key, base64url_encode(cose_key(key())));
  EXPECT_EQ(credential->algorithm, GetParam());
  EXPECT_EQ(credential->counter, 7u);
  EXPECT_EQ(credential->aaguid, "0123456789abcdeffedcba9876543210");
  EXPECT_TRUE(credential->user_verified);
  EXPECT_FALSE(credential->backup_eligible);
  EXPECT_FALSE(credential->backed_up);
}

TEST_P(WebAuthnRegistrationTest, ReportsTheBackupFlags) {
  const auto credential = verify_registration(none_input(kCreate, auth_data(kUp | kBe | kBs)));
  ASSERT_TRUE(credential.has_value()) << credential.error().detail;
  EXPECT_FALSE(credential->user_verified);
  EXPECT_TRUE(credential->backup_eligible);
  EXPECT_TRUE(credential->backed_up);
}

TEST_P(WebAuthnRegistrationTest, RefusesBackupStateWithoutEligibility) {
  expect_refused(verify_registration(none_input(kCreate, auth_data(kUp | kBs))), "backup");
}

TEST_P(WebAuthnRegistrationTest, AcceptsPackedSelfAttestation) {
  const std::string data = auth_data();
  const auto object =
      attestation_object("packed", packed_statement(key(), GetParam(), data, kCreate), data);
  const auto credential = verify_registration(registration_input(kCreate, object));
  ASSERT_TRUE(credential.has_value()) << credential.error().detail;
  EXPECT_EQ(credential->algorithm, GetParam());
}

TEST_P(WebAuthnRegistrationTest, RefusesPackedSelfAttestationSignedByAnotherKey) {
  const std::string data = auth_data();
  const auto object = attestation_object(
      "packed", packed_statement(test_key(GetParam(), 1), GetParam(), data, kCreate), data);
  expect_refused(verify_registration(registration_input(kCreate, object)), "does not verify");
}

TEST_P(WebAuthnRegistrationTest, RefusesPackedSelfAttestationUnderAnotherAlgorithm) {
  const std::string data = auth_data();
  const int other = GetParam() == kEs256 ? kRs256 : kEs256;
  const auto object =
      attestation_object("packed", packed_statement(key(), other, data, kCreate), data);
  expect_refused(verify_registration(registration_input(kCreate, object)), "alg differs");
}

TEST_P(WebAuthnRegistrationTest, AcceptsPackedX5cWithoutTrustPath) {
  const TestKey& attestation_key = test_key(GetParam(), 1);
  const std::string data = auth_data();
  const auto object =
      attestation_object("packed",
                         packed_statement(attestation_key, GetParam(), data, kCreate,
                                          self_signed_certificate(attestation_key)),
                         data);
  const auto credential = verify_registration(registration_input(kCreate, object));
  ASSERT_TRUE(credential.has_value()) << credential.error().detail;
  EXPECT_EQ(credential->public_key, base64url_encode(cose_key(key())));
}

TEST_P(WebAuthnRegistrationTest, RefusesPackedX5cSignedByAnotherKeyThanTheCertificates) {
  const std::string data = auth_data();
  const auto object =
      attestation_object("packed",
                         packed_statement(key(), GetParam(), data, kCreate,
                                          self_signed_certificate(test_key(GetParam(), 1))),
                         data);
  expect_refused(verify_registration(registration_input(kCreate, object)), "x5c");
}

TEST_P(WebAuthnRegistrationTest, RefusesAGarbageCertificate) {
  const std::string data = auth_data();
  const auto object = attestation_object(
      "packed",
      packed_statement(key(), GetParam(), data, kCreate, std::string("\x30\x03\x02\x01", 4)), data);
  expect_refused(verify_registration(registration_input(kCreate, object)), "certificate");
}

TEST_P(WebAuthnRegistrationTest, RefusesOtherAttestationFormats) {
  for (const std::string_view fmt : {"fido-u2f", "tpm", "android-key", "apple", ""}) {
    const auto object = attestation_object(fmt, empty_statement(), auth_data());
    expect_refused(verify_registration(registration_input(kCreate, object)),
                   "unsupported attestation format");
  }
}

TEST_P(WebAuthnRegistrationTest, RefusesNoneWithAStatement) {
  const std::string data = auth_data();
  const auto object =
      attestation_object("none", packed_statement(key(), GetParam(), data, kCreate), data);
  expect_refused(verify_registration(registration_input(kCreate, object)), "non-empty attStmt");
}

TEST_P(WebAuthnRegistrationTest, RefusesAWrongChallenge) {
  const std::string client_data =
      client_data_json("webauthn.create", base64url_encode(std::string(32, 'x')));
  expect_refused(verify_registration(none_input(client_data, auth_data())), "challenge");
}

TEST_P(WebAuthnRegistrationTest, RefusesAWrongOrigin) {
  for (const std::string_view origin : {"https://evil.example.com", "http://id.example.com",
                                        "https://id.example.com:443", "https://id.example.com/"}) {
    const std::string client_data = client_data_json("webauthn.create", kChallenge, origin);
    expect_refused(verify_registration(none_input(client_data, auth_data())), "origin");
  }
}

TEST_P(WebAuthnRegistrationTest, RefusesAWrongType) {
  expect_refused(verify_registration(none_input(client_data_json("webauthn.get"), auth_data())),
                 "type");
}

TEST_P(WebAuthnRegistrationTest, RefusesClientDataThatIsNotJson) {
  expect_refused(verify_registration(none_input("{\"type\":", auth_data())), "clientDataJSON");
  expect_refused(verify_registration(none_input("[1,2]", auth_data())), "clientDataJSON");
}

TEST_P(WebAuthnRegistrationTest, RefusesAnotherRpId) {
  const std::string data =
      authenticator_data({.rp_id = "evil.example.com", .cose_key = cose_key(key())});
  expect_refused(verify_registration(none_input(kCreate, data)), "rpIdHash");
}

TEST_P(WebAuthnRegistrationTest, RefusesWhenNoOriginOrRpIdIsExpected) {
  auto no_origin = none_input(client_data_json("webauthn.create", kChallenge, ""), auth_data());
  no_origin.expected_origin = "";
  expect_refused(verify_registration(no_origin), "origin");
  auto no_rp_id =
      none_input(kCreate, authenticator_data({.rp_id = "", .cose_key = cose_key(key())}));
  no_rp_id.rp_id = "";
  expect_refused(verify_registration(no_rp_id), "rpIdHash");
}

TEST_P(WebAuthnRegistrationTest, RefusesWithoutUserPresence) {
  expect_refused(verify_registration(none_input(kCreate, auth_data(kUv))), "presence");
}

TEST_P(WebAuthnRegistrationTest, RefusesWithoutUserVerificationWhenRequired) {
  auto input = none_input(kCreate, auth_data(kUp));
  EXPECT_TRUE(verify_registration(input).has_value());
  input.require_user_verification = true;
  expect_refused(verify_registration(input), "verification");
}

TEST_P(WebAuthnRegistrationTest, RefusesAuthenticatorDataWithoutAttestedCredential) {
  expect_refused(verify_registration(none_input(kCreate, authenticator_data({}))), "AT flag");
}

TEST_P(WebAuthnRegistrationTest, RefusesAnUnsupportedAlgorithm) {
  const std::string data =
      authenticator_data({.cose_key = cose_key(key(), -8)});  // EdDSA label on this key
  expect_refused(verify_registration(none_input(kCreate, data)), "unsupported COSE algorithm -8");
  const std::string other =
      authenticator_data({.cose_key = cose_key(key(), GetParam() == kEs256 ? kRs256 : kEs256)});
  expect_refused(verify_registration(none_input(kCreate, other)), "credential public key");
}

TEST_P(WebAuthnRegistrationTest, AcceptsExtensionsOnlyWithTheEdFlag) {
  const std::string extensions =
      serialize(cbor_map_of({{cbor_text_item("credProtect"), cbor_int_item(2)}}).get());
  const std::string with_ed = authenticator_data(
      {.flags = kUp | kEd, .cose_key = cose_key(key()), .extensions = extensions});
  EXPECT_TRUE(verify_registration(none_input(kCreate, with_ed)).has_value());
  const std::string without_ed =
      authenticator_data({.flags = kUp, .cose_key = cose_key(key()), .extensions = extensions});
  expect_refused(verify_registration(none_input(kCreate, without_ed)), "trailing");
  const std::string ed_but_garbage = authenticator_data(
      {.flags = kUp | kEd, .cose_key = cose_key(key()), .extensions = extensions + "x"});
  expect_refused(verify_registration(none_input(kCreate, ed_but_garbage)), "extensions");
}

TEST_P(WebAuthnRegistrationTest, RefusesEveryTruncationOfTheAuthenticatorData) {
  const std::string data = auth_data();
  for (std::size_t size = 0; size < data.size(); ++size) {
    const auto result = verify_registration(none_input(kCreate, data.substr(0, size)));
    ASSERT_FALSE(result.has_value()) << size;
    EXPECT_EQ(result.error().key, kWebauthnVerificationFailed);
  }
}

TEST_P(WebAuthnRegistrationTest, RefusesEveryTruncationOfTheAttestationObject) {
  const std::string object = attestation_object("none", empty_statement(), auth_data());
  for (std::size_t size = 0; size < object.size(); ++size) {
    auto input = registration_input(kCreate, object.substr(0, size));
    const auto result = verify_registration(input);
    ASSERT_FALSE(result.has_value()) << size;
    EXPECT_EQ(result.error().key, kWebauthnVerificationFailed);
  }
}

TEST_P(WebAuthnRegistrationTest, RefusesACredentialIdLongerThanTheDataOrThe1023ByteLimit) {
  std::string data = auth_data();
  data[37 + 16] = '\x7f';  // credentialIdLength high byte: 32 KiB
  expect_refused(verify_registration(none_input(kCreate, data)), "credential ID length");
  const std::string long_id =
      authenticator_data({.cose_key = cose_key(key()), .credential_id = std::string(1024, 'c')});
  expect_refused(verify_registration(none_input(kCreate, long_id)), "credential ID length");
}

TEST(WebAuthnRegistrationCborTest, RefusesGarbageAndHostileCbor) {
  const std::vector<std::string> objects = {
      "",
      "garbage",
      std::string("\xa3", 1),                                  // a map of 3 with nothing in it
      std::string("\x9b\xff\xff\xff\xff\xff\xff\xff\xff", 9),  // an array of 2^64-1
      std::string("\xbb\x80\x00\x00\x00\x00\x00\x00\x00", 9),  // a map of 2^63
      std::string(4000, '\x81') + "\x00",                      // nested 4000 deep
      std::string("\x9f\x9f\x9f", 3),                          // unterminated indefinite arrays
      std::string("\xff", 1),                                  // a break outside anything
      std::string("\x5f\x41\x00", 3),  // unterminated indefinite byte string
      std::string("\xa1\x63"
                  "fmt"
                  "\x64"
                  "none\x00",
                  11),  // trailing byte
      std::string("\xa2\x63"
                  "fmt"
                  "\x64"
                  "none"
                  "\x63"
                  "fmt"
                  "\x64"
                  "none",
                  19),  // duplicate key
  };
  for (const auto& object : objects) {
    const auto result = verify_registration(registration_input(kCreate, object));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().key, kWebauthnVerificationFailed);
  }
}

TEST(WebAuthnRegistrationCborTest, RefusesFieldsThatAreNotBase64url) {
  auto input = registration_input(kCreate, "x");
  input.attestation_object = "not base64url!";
  EXPECT_FALSE(verify_registration(input).has_value());
  input.client_data_json = "";
  const auto result = verify_registration(input);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().key, kWebauthnVerificationFailed);
}

TEST(WebAuthnRegistrationCborTest, RefusesOversizedInputBeforeDecoding) {
  auto input = registration_input(kCreate, "x");
  input.attestation_object = std::string(kMaxInputBytes * 2, 'A');
  const auto result = verify_registration(input);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().detail.find("too long"), std::string::npos);
}

TEST(WebAuthnChallengeTest, IsBase64urlOf32RandomBytes) {
  const std::string first = new_challenge();
  EXPECT_EQ(first.size(), 43u);
  EXPECT_EQ(base64url_decode(first)->size(), 32u);
  EXPECT_NE(first, new_challenge());
}

}  // namespace
}  // namespace latch::crypto::webauthn
