// WebAuthn verification (src/crypto/webauthn.*, webauthn_parts.*, cose.*, cbor_reader.*).
// Input: four raw fields separated by kSeparator -- clientDataJSON, then the attestationObject
// (registration) which is also read as authenticatorData (assertion), then a signature, then a
// stored COSE_Key. Each is base64url-encoded as a browser would send it, and both verifiers run
// against a fixed challenge, origin and RP ID.
//   - neither verifier throws; every refusal is InvalidRequest with the WebAuthn key;
//   - load_cbor never reports an item longer than its input;
//   - a registration that succeeds returns an ES256 or RS256 credential whose ID is 1..1023 bytes,
//     whose AAGUID is 32 lower-case hex digits, and whose public key parses again to its algorithm;
//   - an assertion that succeeds with stored count 0 is refused when replayed with the count it
//     returned, unless that count is 0 (WebAuthn §7.2 step 21).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/cbor_reader.hpp"
#include "crypto/cose.hpp"
#include "crypto/encoding.hpp"
#include "crypto/webauthn.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

namespace webauthn = crypto::webauthn;

constexpr std::string_view kSeparator = "\n~~\n";
constexpr std::string_view kOrigin = "https://id.example.com";
constexpr std::string_view kRpId = "id.example.com";
// base64url of 32 bytes of 0x5a, the challenge the committed seeds answer.
constexpr std::string_view kChallenge = "WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo";

std::vector<std::string> split(std::string_view input) {
  std::vector<std::string> fields;
  while (fields.size() < 3) {
    const std::size_t at = input.find(kSeparator);
    fields.push_back(crypto::base64url_encode(input.substr(0, at)));
    input =
        at == std::string_view::npos ? std::string_view{} : input.substr(at + kSeparator.size());
  }
  fields.push_back(crypto::base64url_encode(input));
  return fields;
}

template <class T>
void check_refusal(const Result<T>& result) {
  if (!result) {
    FUZZ_CHECK(result.error().code == Errc::InvalidRequest);
    FUZZ_CHECK(result.error().key == webauthn::kWebauthnVerificationFailed);
  }
}

bool is_lower_hex(std::string_view text) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

void check_credential(const webauthn::Credential& credential) {
  FUZZ_CHECK(credential.algorithm == webauthn::kEs256 || credential.algorithm == webauthn::kRs256);
  FUZZ_CHECK(credential.aaguid.size() == 32 && is_lower_hex(credential.aaguid));
  const auto id = crypto::base64url_decode(credential.credential_id);
  FUZZ_CHECK(id && !id->empty() && id->size() <= 1023);
  const auto key_bytes = crypto::base64url_decode(credential.public_key);
  FUZZ_CHECK(key_bytes.has_value());
  const auto key = crypto::detail::parse_cose_key(*key_bytes);
  FUZZ_CHECK(key && key->algorithm == credential.algorithm);
}

void check_registration(const std::vector<std::string>& fields) {
  const webauthn::RegistrationInput in{.client_data_json = fields[0],
                                       .attestation_object = fields[1],
                                       .expected_challenge = std::string(kChallenge),
                                       .expected_origin = std::string(kOrigin),
                                       .rp_id = std::string(kRpId)};
  const auto credential = webauthn::verify_registration(in);
  check_refusal(credential);
  if (credential) {
    check_credential(*credential);
  }
}

void check_assertion(const std::vector<std::string>& fields) {
  webauthn::AssertionInput in{.client_data_json = fields[0],
                              .authenticator_data = fields[1],
                              .signature = fields[2],
                              .expected_challenge = std::string(kChallenge),
                              .expected_origin = std::string(kOrigin),
                              .rp_id = std::string(kRpId),
                              .public_key = fields[3]};
  const auto assertion = webauthn::verify_assertion(in);
  check_refusal(assertion);
  if (!assertion || assertion->counter == 0) {
    return;
  }
  in.stored_counter = assertion->counter;
  const auto replayed = webauthn::verify_assertion(in);
  FUZZ_CHECK(!replayed);
  check_refusal(replayed);
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = latch::fuzz::as_text(data, size);
  const auto loaded = latch::crypto::detail::load_cbor(input);
  FUZZ_CHECK(!loaded || (loaded->size > 0 && loaded->size <= input.size()));
  const auto fields = latch::fuzz::split(input);
  latch::fuzz::check_registration(fields);
  latch::fuzz::check_assertion(fields);
  return 0;
}
