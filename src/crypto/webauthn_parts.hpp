#pragma once

// Internal to the crypto module: the pieces verify_registration and verify_assertion share --
// decoding the browser's fields, the client data (WebAuthn Level 2 §5.8.1) and the authenticator
// data (§6.1) -- and the attestation statement formats (§8).

#include <cbor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/cose.hpp"

namespace latch::crypto::webauthn::detail {

// A refusal: Errc::InvalidRequest, key kWebauthnVerificationFailed, `detail` for the log.
Error failure(std::string detail);

// `text` base64url-decoded; a failure naming `field` when it does not decode, is empty, or
// decodes to more than kMaxInputBytes.
[[nodiscard]] Result<std::string> decode_field(std::string_view text, std::string_view field);

struct ExpectedClientData {
  std::string_view type;       // "webauthn.create" or "webauthn.get"
  std::string_view challenge;  // base64url
  std::string_view origin;
};

// §7.1 steps 5-10, §7.2 steps 11-16: `json` (the decoded clientDataJSON) is a JSON object whose
// type, challenge (compared as bytes, in constant time) and origin are the expected ones.
[[nodiscard]] Result<void> check_client_data(std::string_view json,
                                             const ExpectedClientData& expected);

// §6.1 flags.
inline constexpr std::uint8_t kFlagUp = 0x01, kFlagUv = 0x04, kFlagBe = 0x08, kFlagBs = 0x10,
                              kFlagAt = 0x40, kFlagEd = 0x80;

// §6.5.1: views into the authenticator data, valid as long as its bytes.
struct AttestedCredentialData {
  std::string_view aaguid;         // 16 bytes
  std::string_view credential_id;  // 1..1023 bytes
  std::string_view public_key;     // the COSE_Key's CBOR bytes
};

struct AuthenticatorData {
  std::string_view rp_id_hash;  // 32 bytes
  std::uint8_t flags = 0;
  std::uint32_t sign_count = 0;
  std::optional<AttestedCredentialData> attested;  // when AT is set
};

// §6.1: the fixed 37 bytes, the attested credential data when AT is set (§6.5.1, credential ID
// at most 1023 bytes, §5.8.3), then a CBOR map of extensions exactly when ED is set and nothing
// else. Every length is checked against the bytes left before it is used.
[[nodiscard]] Result<AuthenticatorData> parse_authenticator_data(std::string_view bytes);

// §7.1 steps 13-15 / §7.2 steps 15-17: rpIdHash is SHA-256(rp_id); UP is set; UV is set when
// required; BS is not set without BE (§6.1, Level 3's backup flags).
[[nodiscard]] Result<void> check_authenticator_data(const AuthenticatorData& data,
                                                    std::string_view rp_id, bool require_uv);

struct AttestationInput {
  std::string_view fmt;
  const cbor_item_t* statement = nullptr;  // attStmt
  std::string_view authenticator_data;     // the raw bytes
  std::string_view client_data_hash;       // SHA-256(clientDataJSON)
  const crypto::detail::CoseKey* credential_key = nullptr;
};

// §7.1 steps 18-19 for "none" (§8.7: attStmt empty) and "packed" (§8.2: self attestation or x5c
// without a trust path); any other format is refused.
[[nodiscard]] Result<void> verify_attestation(const AttestationInput& in);

}  // namespace latch::crypto::webauthn::detail
