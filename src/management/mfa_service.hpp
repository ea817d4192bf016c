#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "model/mfa.hpp"
#include "model/user.hpp"
#include "storage/store.hpp"

// A user's second factors: adding, using and removing TOTP, WebAuthn and backup codes, and
// trusting a browser. The one place that knows how factors are stored (TOTP secrets sealed with
// the master key, backup codes and trusted-device tokens as keyed hashes) and checked; the
// hosted pages, the Experience API, the Management API and the Account API all go through it.
// Every call runs in the caller's transaction, so a check and what it leads to commit together.
// Thread-safe (no state of its own beyond its keys).
//
// Errors (Error::key, Logto's codes): InvalidRequest session.mfa.invalid_totp_code,
// session.mfa.invalid_backup_code, session.mfa.webauthn_verification_failed (a code or
// assertion that does not verify, a replayed TOTP step, a used backup code);
// Conflict (422) user.totp_already_in_use, user.totp_secret_invalid,
// user.wrong_backup_code_format, session.mfa.backup_code_can_not_be_alone; NotFound
// session.mfa.mfa_factor_not_enabled when the user has no factor of the type being used,
// entity.not_found for a factor id that is not the user's.
namespace latch::management {

// Who the WebAuthn ceremonies are for: the RP ID (the endpoint's host), the name authenticators
// show, and the origin the browser reports (scheme://host[:port] of the endpoint).
struct RelyingParty {
  std::string id;
  std::string name;
  std::string origin;
};

// A TOTP secret offered for enrolment, before it is stored: the base32 secret (shown for
// copying), the otpauth:// URI and the URI as a QR code (SVG).
struct TotpOffer {
  std::string secret;
  std::string uri;
  std::string qr_svg;
};

inline constexpr int kBackupCodeCount = 10;  // Logto's: ten codes of ten hex digits

class MfaService {
 public:
  // `code_key`: the HMAC key for backup codes and trusted-device tokens (Runtime::mfa_key).
  MfaService(const crypto::SecretBox& secrets, std::string code_key, const Clock& clock)
      : secrets_(secrets), code_key_(std::move(code_key)), clock_(clock) {}

  // The master-key box factors are sealed with (the sign-in flow seals pending ones with it).
  const crypto::SecretBox& secrets() const { return secrets_; }

  // ----- listing
  // The user's factors (storage order).
  [[nodiscard]] Result<std::vector<model::MfaVerification>> factors(storage::Tx& tx,
                                                                    std::string_view user_id) const;
  // ----- TOTP (RFC 6238)
  // A fresh secret for `account` (the user's display name) at `issuer` (the app or host name).
  [[nodiscard]] Result<TotpOffer> offer_totp(std::string_view issuer,
                                             std::string_view account) const;
  // The offer for a `secret` given by an operator (migrating an authenticator the user already
  // has): its otpauth:// URI and QR code. The secret is not checked here (add_totp checks it).
  [[nodiscard]] Result<TotpOffer> totp_offer_for(std::string_view secret, std::string_view issuer,
                                                 std::string_view account) const;
  // The time step at which `code` is valid for the unsaved `secret` now (±1 step), or nullopt.
  std::optional<std::int64_t> check_code(std::string_view secret, std::string_view code) const;
  // Stores `secret` as the user's TOTP factor. `accepted_step` is the step of the code that
  // confirmed it (that code is then not accepted again). Conflict user.totp_secret_invalid for a
  // secret that is not 16 to 32 base32 characters (Logto's rule), user.totp_already_in_use.
  [[nodiscard]] Result<model::MfaVerification> add_totp(
      storage::Tx& tx, std::string_view user_id, std::string_view secret,
      std::optional<std::int64_t> accepted_step = std::nullopt) const;
  // Checks `code` against the user's TOTP factor, accepting each time step once.
  [[nodiscard]] Result<void> verify_totp(storage::Tx& tx, std::string_view user_id,
                                         std::string_view code) const;

  // ----- backup codes
  // Replaces the user's backup codes with `codes` (ten codes of ten hex digits, for migration)
  // or ten new ones, and returns them: the only time they are readable. Requires another factor
  // (session.mfa.backup_code_can_not_be_alone). With `only_when_used_up`, a user who still has an
  // unused code is refused (user.backup_code_already_in_use), as Logto's Management API does.
  [[nodiscard]] Result<std::vector<std::string>> replace_backup_codes(
      storage::Tx& tx, std::string_view user_id,
      const std::optional<std::vector<std::string>>& codes = std::nullopt,
      bool only_when_used_up = false) const;
  // Ten new backup codes, not stored: a sign-in shows them and stores them with
  // replace_backup_codes when the user has saved them (Logto's experience binds them at submit).
  static std::vector<std::string> new_backup_codes();
  // Uses one of the user's backup codes (case-insensitive; spaces and dashes ignored).
  [[nodiscard]] Result<void> use_backup_code(storage::Tx& tx, std::string_view user_id,
                                             std::string_view code) const;

  // ----- WebAuthn (W3C WebAuthn Level 2), simplewebauthn's JSON shapes as Logto sends them
  // PublicKeyCredentialCreationOptionsJSON for navigator.credentials.create(): discoverable
  // credential, user verification preferred, attestation none, ES256 and RS256, the user's
  // credentials excluded.
  boost::json::object registration_options(const RelyingParty& rp, const model::User& user,
                                           const std::vector<model::MfaVerification>& factors,
                                           std::string_view challenge) const;
  // PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get(): the user's
  // credentials, or none (a discoverable passkey) when `factors` has no WebAuthn factor.
  boost::json::object authentication_options(const RelyingParty& rp,
                                             const std::vector<model::MfaVerification>& factors,
                                             std::string_view challenge) const;
  // Verifies a RegistrationResponseJSON ({id, rawId, type, response: {clientDataJSON,
  // attestationObject, transports}}) against `challenge` and stores the credential.
  [[nodiscard]] Result<model::MfaVerification> add_webauthn(
      storage::Tx& tx, std::string_view user_id, const boost::json::object& response,
      std::string_view challenge, const RelyingParty& rp, std::string_view agent,
      std::string_view name = {}) const;
  // Verifies an AuthenticationResponseJSON ({id, rawId, type, response: {clientDataJSON,
  // authenticatorData, signature, userHandle}}) against `challenge`; with `user_id`, the
  // credential must be that user's. Moves the stored counter forward and returns the factor
  // (its user_id says who signed in, for a usernameless passkey).
  [[nodiscard]] Result<model::MfaVerification> verify_webauthn(
      storage::Tx& tx, std::optional<std::string_view> user_id, const boost::json::object& response,
      std::string_view challenge, const RelyingParty& rp) const;

  // ----- removing
  // NotFound entity.not_found unless `id` is one of the user's factors.
  [[nodiscard]] Result<void> remove(storage::Tx& tx, std::string_view user_id,
                                    std::string_view id) const;
  // Every factor and trusted device (an operator's reset).
  [[nodiscard]] Result<std::int64_t> remove_all(storage::Tx& tx, std::string_view user_id) const;

  // ----- trusted devices
  // Trusts the browser for `days`; returns the token for its cookie.
  [[nodiscard]] Result<std::string> trust_device(storage::Tx& tx, std::string_view user_id,
                                                 std::string_view agent, int days) const;
  // Whether `token` (from the cookie) is one of the user's unexpired trusted devices.
  [[nodiscard]] Result<bool> is_trusted(storage::Tx& tx, std::string_view user_id,
                                        std::string_view token) const;

 private:
  std::string code_hash(std::string_view user_id, std::string_view code) const;

  const crypto::SecretBox& secrets_;
  std::string code_key_;
  const Clock& clock_;
};

// The name an authenticator app shows for the user's account: the username, else the primary
// email, else the primary phone ("Unnamed User" for none), as Logto labels TOTP secrets.
std::string mfa_account_name(const model::User& user);

// The relying party of the endpoint (e.g. "https://id.example.com:8443"): its host as RP ID,
// scheme://host[:port] as origin, `name` for authenticators to show. Empty id and origin when
// the endpoint is not a URL (then every WebAuthn ceremony fails verification).
RelyingParty relying_party_of(std::string_view endpoint, std::string name);

// Logto's userMfaVerificationResponseGuard item: {id, createdAt, lastUsedAt?, type, agent?,
// name?, remainCodes?} (times as ISO 8601).
boost::json::object mfa_verification_json(const model::MfaVerification& factor);
boost::json::array mfa_verifications_json(const std::vector<model::MfaVerification>& factors);

}  // namespace latch::management
