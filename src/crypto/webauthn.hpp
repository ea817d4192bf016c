#pragma once

// The relying party's side of Web Authentication (W3C WebAuthn Level 2): checking a new
// credential's registration (§7.1) and an assertion made with it (§7.2). Pure functions over the
// browser's response and what the server stored; no storage, no HTTP. Thread-safe.
//
// Every refusal is an Error with Errc::InvalidRequest, key kWebauthnVerificationFailed
// ("session.mfa.webauthn_verification_failed") and a log-only detail naming the check that
// failed. No input makes these functions throw, crash or read out of bounds.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::crypto::webauthn {

// COSE algorithms (RFC 9053 §2.1, RFC 8812 §2): ECDSA P-256 SHA-256, RSASSA-PKCS1-v1_5 SHA-256.
inline constexpr int kEs256 = -7, kRs256 = -257;

// The Error::key of every refusal (see the file comment).
inline constexpr std::string_view kWebauthnVerificationFailed =
    "session.mfa.webauthn_verification_failed";

// The most bytes any base64url input may decode to; longer input is refused before parsing.
inline constexpr std::size_t kMaxInputBytes = 64 * 1024;

struct RegistrationInput {
  std::string client_data_json;    // base64url (as the browser's response carries it)
  std::string attestation_object;  // base64url
  std::string expected_challenge;  // base64url, as issued by the server
  std::string expected_origin;     // e.g. "https://id.example.com" or "http://localhost:3001"
  std::string rp_id;               // e.g. "id.example.com" / "localhost"
  bool require_user_verification = false;
};

struct Credential {
  std::string credential_id;  // base64url of the credential ID from the authenticator data
  std::string public_key;     // base64url of the COSE_Key bytes exactly as received
  int algorithm = 0;          // kEs256 or kRs256
  std::uint32_t counter = 0;
  std::string aaguid;  // lower-case hex, 32 chars
  bool user_verified = false;
  bool backup_eligible = false, backed_up = false;  // BE/BS flags
};

// §7.1 steps 5-21 for attestation conveyance "none": clientDataJSON is a "webauthn.create" for
// `expected_challenge` (compared in constant time) from exactly `expected_origin`; the
// authenticator data is for SHA-256(rp_id), has UP (and UV when required), and carries attested
// credential data whose COSE_Key is ES256 on P-256 or RS256 (2048..8192 bits). Attestation
// formats: "none" (empty attStmt); "packed" self-attestation (no x5c), its signature verified with
// the credential key under the same algorithm; "packed" with x5c, its signature verified with the
// certificate's key but no trust path (we asked for none). Any other format is refused.
// An empty expected origin or RP ID matches nothing. clientData's crossOrigin and tokenBinding
// are not read. The caller still refuses a credential_id it already holds (§7.1 step 22).
[[nodiscard]] Result<Credential> verify_registration(const RegistrationInput& in);

struct AssertionInput {
  std::string client_data_json, authenticator_data, signature;  // base64url
  std::string expected_challenge, expected_origin, rp_id;
  std::string public_key;  // the stored Credential::public_key
  std::uint32_t stored_counter = 0;
  bool require_user_verification = false;
};

struct Assertion {
  std::uint32_t counter = 0;  // the new sign count to store
  bool user_verified = false;
};

// §7.2 steps 10-21: clientDataJSON is a "webauthn.get" for `expected_challenge` from
// `expected_origin`; the authenticator data is for SHA-256(rp_id) with UP (and UV when
// required); `signature` (DER ECDSA for ES256, PKCS#1 v1.5 for RS256) verifies over
// authenticatorData || SHA-256(clientDataJSON) with `public_key`; and the sign count moved on:
// when the stored or the new count is non-zero, the new one must be greater (else the
// authenticator may be cloned, step 21); both zero is fine. The caller picks `public_key` by the
// credential ID the browser names, and stores the returned counter.
[[nodiscard]] Result<Assertion> verify_assertion(const AssertionInput& in);

// A fresh random challenge, base64url of 32 bytes.
std::string new_challenge();

}  // namespace latch::crypto::webauthn
