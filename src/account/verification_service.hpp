#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "account/account_caller.hpp"
#include "account/verification_data.hpp"
#include "core/clock.hpp"
#include "experience/config/settings_store.hpp"
#include "experience/flow/flow_service.hpp"
#include "experience/messaging/message_connectors.hpp"
#include "experience/social/social_connectors.hpp"
#include "http/rate_limiter.hpp"
#include "management/mfa_service.hpp"

// Verification records of the account center (Logto's routes/verification and
// libraries/verification): the proofs a signed-in user makes before a sensitive change. A
// record lives 10 minutes; its id is what the client sends back (header logto-verification-id
// to prove who they are, or a body member naming a new email, phone, social identity or
// passkey). Every record belongs to the user who made it and works for no one else.
//
// Errors (keys as Logto's): InvalidGrant session.invalid_credentials (a wrong password, counted
// by the sign-in lockout, which answers Forbidden session.too_many_attempts); InvalidRequest
// user.invalid_email / user.invalid_phone / guard.invalid_input, and
// verification_record.not_found (unknown, expired, another user's, of another type);
// InvalidRequest verification_code.code_mismatch / used / exceed_max_try; Forbidden
// verification_code.rate_limited and TooManyRequests request.too_many_requests (code sends);
// NotFound connector.not_found / connector.social_not_found; the connector's errors.
// Blocking; thread-safe. verify_password belongs on the hashing pool, send_code, start_social
// and verify_social on the outbound pool (their database work is short transactions around the
// slow part).
namespace latch::account {

inline constexpr std::int64_t kRecordTtl = 600;  // seconds (Logto's expirationTime)
inline constexpr int kMaxCodeAttempts = 5;       // as the sign-in flow's codes

struct NewRecord {
  std::string id;
  std::int64_t expires_at = 0;  // epoch seconds
};

struct SocialRecord {
  NewRecord record;
  std::string authorization_uri;
};

struct WebAuthnRecord {
  NewRecord record;
  boost::json::object options;  // PublicKeyCredentialCreationOptionsJSON
};

// A code for an email or phone: `templ` is Logto's templateType ("" picks it: an address of the
// user's own proves who they are, another one is a new address to bind).
struct CodeRequest {
  experience::IdentifierType type = experience::IdentifierType::Email;
  std::string value;
  std::string templ;
  experience::Lang lang = experience::Lang::En;
  std::string ip;
};

struct VerificationDeps {
  storage::Store& store;
  const experience::SettingsStore& settings;
  experience::MessageConnectors& messages;
  experience::SocialConnectors& social;
  const management::MfaService& mfa;
  const Clock& clock;
  http::RateLimiter& code_sends;  // per client address, shared with the sign-in flow
};

class VerificationService {
 public:
  explicit VerificationService(VerificationDeps deps) : deps_(std::move(deps)) {}

  // The user's current password.
  [[nodiscard]] Result<NewRecord> verify_password(const AccountCaller& caller,
                                                  const std::string& password,
                                                  const std::string& ip);
  // Sends a 6-digit code (at most 5 per address per 10 minutes).
  [[nodiscard]] Result<NewRecord> send_code(const AccountCaller& caller, const CodeRequest& code);
  // Checks the code of record `id` for the address it went to.
  [[nodiscard]] Result<void> verify_code(const AccountCaller& caller, const std::string& id,
                                         experience::IdentifierType type, const std::string& value,
                                         const std::string& code);
  // Begins a sign-in at social connector `connector_id`; `state` and `redirect_uri` go to the
  // provider and come back on its callback.
  [[nodiscard]] Result<SocialRecord> start_social(const AccountCaller& caller,
                                                  const std::string& connector_id,
                                                  const std::string& state,
                                                  const std::string& redirect_uri);
  // Completes it with the provider's callback parameters (the state must match, once).
  [[nodiscard]] Result<void> verify_social(const AccountCaller& caller, const std::string& id,
                                           const connectors::CallbackParams& callback);
  // A passkey registration for the user at `rp`.
  [[nodiscard]] Result<WebAuthnRecord> start_webauthn(const AccountCaller& caller,
                                                      const management::RelyingParty& rp);
  // Keeps the browser's RegistrationResponseJSON; the credential is checked and stored when the
  // record is bound (AccountService::add_mfa). InvalidRequest guard.invalid_input for a payload
  // without the response's members.
  [[nodiscard]] Result<void> finish_webauthn(const AccountCaller& caller, const std::string& id,
                                             const boost::json::object& payload);

 private:
  Result<NewRecord> insert(storage::VerificationRecord record);
  // The caller's live record `id` of `type`, in `tx`.
  Result<storage::VerificationRecord> own_record(storage::Tx& tx, const AccountCaller& caller,
                                                 const std::string& id, RecordType type) const;

  VerificationDeps deps_;
};

// The caller's verified, live record `id` of `type`, for binding what it proved (a new email,
// phone, social identity or passkey). InvalidRequest verification_record.not_found otherwise.
[[nodiscard]] Result<storage::VerificationRecord> verified_record(storage::Tx& tx,
                                                                  const std::string& user_id,
                                                                  const std::string& id,
                                                                  RecordType type,
                                                                  std::int64_t now);

// InvalidRequest verification_record.not_found (Logto answers 400).
Error record_not_found(std::string detail = {});

// Whether `a` and `b` are the same address of `type` (emails without ASCII case, as the users
// table compares them).
bool same_address(experience::IdentifierType type, std::string_view a, std::string_view b);

}  // namespace latch::account
