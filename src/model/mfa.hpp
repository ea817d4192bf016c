#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Multi-factor authentication (Logto's MfaFactor, users.mfa_verifications). Latch keeps each
// factor in a row of its own (mfa_verifications) rather than a JSON array on the user, so that
// using a factor is one conditional UPDATE (a TOTP step or a backup code accepted once, a
// WebAuthn counter that only moves forward) and a passkey is found by its credential ID.
namespace latch::model {

// The second factors a sign-in experience can enable. Totp, WebAuthn and BackupCode are stored
// per user; EmailVerificationCode and PhoneVerificationCode use the user's primary email or
// phone and the message connectors, and store nothing.
enum class MfaFactor { Totp, WebAuthn, BackupCode, EmailVerificationCode, PhoneVerificationCode };

// Logto's names: "Totp", "WebAuthn", "BackupCode", "EmailVerificationCode",
// "PhoneVerificationCode".
std::string_view mfa_factor_name(MfaFactor factor);
std::optional<MfaFactor> parse_mfa_factor(std::string_view text);

// One stored factor of a user. The members of the other types are empty.
struct MfaVerification {
  std::string id;  // 21 chars of [0-9a-z]
  std::string user_id;
  MfaFactor type = MfaFactor::Totp;
  std::int64_t created_at = 0;    // epoch milliseconds
  std::int64_t last_used_at = 0;  // epoch milliseconds, 0 = never

  // Totp: the secret as stored (sealed with the master key, crypto::SecretBox, the row's id as
  // associated data) and the last time step a code was accepted at (-1 = none yet).
  std::string totp_secret;
  std::int64_t last_used_step = -1;

  // WebAuthn (a passkey or security key): the credential ID and COSE public key, base64url, the
  // COSE algorithm (-7 ES256, -257 RS256), the authenticator's signature counter, its transports
  // ("usb", "internal", ...), the RP ID it is bound to, the browser that registered it and a
  // name the user may give it.
  std::string credential_id, public_key;
  int algorithm = 0;
  std::int64_t counter = 0;
  std::vector<std::string> transports;
  std::string rp_id, agent, name;

  // BackupCode: how many codes the set has and how many are unused (read-only: the codes are
  // stored hashed in mfa_backup_codes).
  int codes_total = 0;
  int codes_left = 0;
};

// A browser a user chose to trust after a second factor ("remember this device for N days"):
// the cookie holds a random token, the row its SHA-256.
struct TrustedDevice {
  std::string id;
  std::string user_id;
  std::string token_hash;  // hex SHA-256 of the cookie's token
  std::string agent;       // User-Agent when it was trusted
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;  // epoch milliseconds
};

}  // namespace latch::model
