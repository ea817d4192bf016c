#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "experience/flow/flow_types.hpp"

// The experience engine's progress, stored on the interaction (state_json["experience"]), so a
// step survives across nodes and a step of one interaction cannot touch another.
namespace latch::experience {

struct VerificationRecord {
  std::string id;
  VerificationType type = VerificationType::Password;
  std::optional<IdentifierType> identifier_type;  // every type but Social has one
  std::string identifier;
  std::string code_id;  // VerificationCode: the stored code
  bool verified = false;
  std::string user_id;        // Password: the user it proved
  std::string password_hash;  // NewPasswordIdentity
  // Social: the connector, the identity key (github, ...), what the sign-in at the provider
  // remembers until its callback (the state is cleared once a callback used it), and then the
  // profile the provider returned (JSON: id, email, phone, name, avatar, rawData).
  // EnterpriseSso: the same members; target is the IdP's issuer once verified, and social_user
  // the IdP's user info (JSON: id, issuer, email, name, avatar, rawData).
  std::string connector_id, target;
  std::string state, redirect_uri, nonce, code_verifier;
  std::string social_user;
  // EnterpriseSso over SAML: the AuthnRequest's ID (the Response's InResponseTo must be it) and
  // the RelayState that names the sign-in at the ACS (storage::SamlRelay).
  std::string saml_request_id, relay_state;
  // Second factors and passkeys. `bind`: the record enrols a new factor for user_id (a TOTP secret
  // offered, a WebAuthn credential registered, backup codes generated) rather than using one;
  // `bound`: POST /profile/mfa accepted it, so submit stores it. A TOTP enrolment keeps its
  // secret, the otpauth URI (for the QR code) and, once a code confirmed it, the step of that
  // code; WebAuthn and SignInPasskey keep their ceremony's challenge, and a registered credential
  // its stored factor id; generated backup codes stay here until submit stores their hashes.
  // `amr`: the RFC 8176 method a verified record stands for; `user_verified`: the authenticator
  // verified the user (WebAuthn UV flag).
  bool bind = false, bound = false;
  std::string secret, otpauth_uri;
  std::int64_t step = -1;
  std::string challenge, factor_id;
  std::vector<std::string> codes;
  std::string amr;
  bool user_verified = false;
};

struct FlowState {
  std::optional<InteractionEvent> event;  // none before PUT /api/experience
  std::vector<VerificationRecord> verifications;
  std::string user_id;  // identified user (SignIn, ForgotPassword)
  // Profile collected for a new user or a missing identifier.
  std::string username, email, phone, password_hash;
  std::string name, avatar;  // from a social provider, for a new account
  // The verified Social record whose identity the submit attaches to the user (a new account,
  // a sign-in that refreshes the identity, or a link to an existing account).
  std::string social_verification;
  // The verified EnterpriseSso record whose identity submit attaches to the user (a new account,
  // a returning one, or an account linked by its verified email).
  std::string sso_verification;
  bool password_reset = false;
  // Register: submit created the account user_id, and the flow goes on for its second factor.
  bool registered = false;
  // The user chose to skip adding a factor (a prompting MFA policy); submit remembers it.
  bool mfa_skipped = false;
  // The user asked to have this browser remembered after their second factor.
  bool trust_device = false;
  // The challenge of the usernameless passkey sign-in offered on the first screen.
  std::string passkey_challenge;

  VerificationRecord* find(const std::string& id);
  // The latest verified record that can identify a user (second factors cannot).
  const VerificationRecord* latest_verified() const;
};

// Reads and writes the "experience" member of an interaction's state JSON, keeping the rest. The
// JSON spells the enums with their names (flow_types.hpp), so state stored by any version loads;
// a record of an unknown type, or of a type that needs an identifier type without a known one,
// is dropped on reading, and an unknown event reads as none.
//
// What would let someone else finish an enrolment (an offered TOTP secret and its otpauth URI,
// generated backup codes) is sealed with `box` (the master key), bound to its record's id, so
// the interactions table never holds them in the clear; a value that does not open reads as
// empty, which fails the step that needs it.
FlowState read_flow_state(const std::string& state_json, const crypto::SecretBox& box);
std::string write_flow_state(const std::string& state_json, const FlowState& state,
                             const crypto::SecretBox& box);

}  // namespace latch::experience
