// The committed seeds of fuzz/corpus/webauthn reach the verifiers' success paths: they were
// written with webauthn_test_support.hpp's software authenticator, carry their own keys, and
// must keep verifying, or the fuzzer starts from refusals only.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/encoding.hpp"
#include "crypto/webauthn.hpp"
#include "unit/crypto/webauthn_test_support.hpp"

namespace latch::crypto::webauthn {
namespace {

using namespace test_support;

const std::filesystem::path kCorpus =
    std::filesystem::path(LATCH_SOURCE_DIR) / "fuzz/corpus/webauthn";

// The four fields of a seed, base64url-encoded as fuzz/webauthn_fuzz.cpp splits them.
std::vector<std::string> fields_of(const std::string& name) {
  std::ifstream file(kCorpus / name, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  std::string rest = buffer.str();
  std::vector<std::string> fields;
  for (int i = 0; i < 3; ++i) {
    const std::size_t at = rest.find("\n~~\n");
    fields.push_back(base64url_encode(rest.substr(0, at)));
    rest = at == std::string::npos ? std::string() : rest.substr(at + 4);
  }
  fields.push_back(base64url_encode(rest));
  return fields;
}

TEST(WebAuthnSeedCorpusTest, RegistrationSeedsVerify) {
  for (const char* name :
       {"registration-none-es256", "registration-none-rs256", "registration-packed-self-es256",
        "registration-packed-self-rs256", "registration-packed-x5c-es256",
        "registration-packed-x5c-rs256", "registration-extensions"}) {
    const auto fields = fields_of(name);
    RegistrationInput in{.client_data_json = fields[0],
                         .attestation_object = fields[1],
                         .expected_challenge = kChallenge,
                         .expected_origin = std::string(kOrigin),
                         .rp_id = std::string(kRpId)};
    const auto credential = verify_registration(in);
    EXPECT_TRUE(credential.has_value()) << name << ": " << credential.error().detail;
  }
}

TEST(WebAuthnSeedCorpusTest, AssertionSeedsVerify) {
  for (const char* name : {"assertion-es256", "assertion-rs256"}) {
    const auto fields = fields_of(name);
    AssertionInput in{.client_data_json = fields[0],
                      .authenticator_data = fields[1],
                      .signature = fields[2],
                      .expected_challenge = kChallenge,
                      .expected_origin = std::string(kOrigin),
                      .rp_id = std::string(kRpId),
                      .public_key = fields[3]};
    const auto assertion = verify_assertion(in);
    EXPECT_TRUE(assertion.has_value()) << name << ": " << assertion.error().detail;
  }
}

}  // namespace
}  // namespace latch::crypto::webauthn
