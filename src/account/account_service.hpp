#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "account/account_caller.hpp"
#include "account/verification_service.hpp"
#include "management/account_center.hpp"
#include "management/mfa_service.hpp"
#include "model/mfa.hpp"
#include "model/oidc_artifacts.hpp"
#include "model/user.hpp"

// A signed-in user's own account (Logto's routes/account): profile, username, email and phone,
// password, social identities, second factors and browser sessions. The Account API and the
// /account page both go through it, so they refuse and allow the same things. Each operation
// checks what Logto's route checks, in Logto's order: the account center's setting for the
// field, the token's scope, a verification record proving the user (AccountCaller::
// identity_verified) where the change is sensitive, and that the token's app is first-party.
//
// Errors (Error::key, Logto's codes; the Errc picks the status): InvalidRequest
// account_center.not_enabled / field_not_editable / field_not_enabled (400); Unauthorized
// verification_record.permission_denied and auth.unauthorized (401; some of Logto's routes
// answer auth.unauthorized with 400, InvalidRequest here too); Forbidden
// auth.third_party_application_forbidden (403); InvalidRequest verification_record.not_found
// for a record that does not prove what it is used for; Conflict user.*_already_in_use,
// user.same_password (422); InvalidRequest user.last_sign_in_method_required; NotFound
// user.identity_not_exist, oidc.session_not_found; password policy keys (password.*);
// management::MfaService's errors. Blocking; thread-safe; set_password belongs on the hashing
// pool.
namespace latch::account {

// PATCH /api/my-account: absent members are left alone, null clears.
struct BasicsPatch {
  std::optional<std::optional<std::string>> name, avatar, username;
  std::optional<std::string> custom_data_json;  // a whole JSON object
};

// A second factor to add (POST /api/my-account/mfa-verifications).
struct NewFactor {
  model::MfaFactor type = model::MfaFactor::Totp;
  std::string secret, code;                       // Totp: the secret, and a code when given
  std::optional<std::vector<std::string>> codes;  // BackupCode: the codes generate() made
  std::string record_id, name, agent;             // WebAuthn: the registration record
};

// One of the user's live browser sessions, with the grants made in it.
struct AccountSession {
  std::string uid;  // public id (session_uid)
  model::BrowserSession session;
  std::vector<model::Grant> grants;
  bool current = false;
};

// Which grants revoking a session takes with it (Logto's SessionGrantRevokeTarget): none (the
// API's default, as Logto), every one, or only those of first-party apps.
enum class GrantRevocation { None, All, FirstParty };

// A public id of the session whose cookie hashes to `id_hash` (never the stored hash itself).
std::string session_uid(const std::string& id_hash);

class AccountService {
 public:
  AccountService(storage::Store& store, const experience::SettingsStore& settings,
                 const management::MfaService& mfa, const Clock& clock)
      : store_(store), settings_(settings), mfa_(mfa), clock_(clock) {}

  const management::MfaService& mfa() const { return mfa_; }

  // The account center's settings; InvalidRequest account_center.not_enabled when it is off.
  [[nodiscard]] Result<management::AccountCenter> center();
  [[nodiscard]] Result<model::User> user(const AccountCaller& caller);

  // Logto's GET /api/my-account: the user as the token's scopes and the account center allow.
  [[nodiscard]] Result<boost::json::object> profile_json(const AccountCaller& caller);
  [[nodiscard]] Result<boost::json::object> update_basics(const AccountCaller& caller,
                                                          const BasicsPatch& patch);
  // Merges `profile` (OIDC standard claims, Logto's userProfileGuard) into the user's profile;
  // returns the whole profile.
  [[nodiscard]] Result<boost::json::object> update_profile(const AccountCaller& caller,
                                                           const boost::json::object& profile);
  [[nodiscard]] Result<void> set_password(const AccountCaller& caller, const std::string& password);

  // Email or phone (`type`): sets the address a verified code record `record_id` proved, or
  // (set_primary with nullopt) removes it.
  [[nodiscard]] Result<void> set_primary(const AccountCaller& caller,
                                         experience::IdentifierType type, const std::string& value,
                                         const std::string& record_id);
  [[nodiscard]] Result<void> remove_primary(const AccountCaller& caller,
                                            experience::IdentifierType type);

  // Links the identity a verified Social record proved; `replace` lets it take the place of the
  // user's identity at the same target.
  [[nodiscard]] Result<void> link_identity(const AccountCaller& caller,
                                           const std::string& record_id, bool replace);
  [[nodiscard]] Result<void> unlink_identity(const AccountCaller& caller,
                                             const std::string& target);

  [[nodiscard]] Result<std::vector<model::MfaVerification>> factors(const AccountCaller& caller);
  // `rp` is who WebAuthn credentials are for.
  [[nodiscard]] Result<void> add_factor(const AccountCaller& caller, const NewFactor& factor,
                                        const management::RelyingParty& rp);
  // PUT /mfa-verifications/totp: a new TOTP secret, confirmed by `code`, replaces the user's.
  [[nodiscard]] Result<void> replace_totp(const AccountCaller& caller, const std::string& secret,
                                          const std::string& code);
  // The /account page's "new backup codes": replaces the set and returns the codes.
  [[nodiscard]] Result<std::vector<std::string>> regenerate_backup_codes(
      const AccountCaller& caller);
  // The user's backup code factor (NotFound verification_record.not_found without one).
  [[nodiscard]] Result<model::MfaVerification> backup_codes(const AccountCaller& caller);
  [[nodiscard]] Result<void> rename_factor(const AccountCaller& caller, const std::string& id,
                                           const std::string& name);
  [[nodiscard]] Result<void> remove_factor(const AccountCaller& caller, const std::string& id);

  [[nodiscard]] Result<std::vector<AccountSession>> sessions(const AccountCaller& caller);
  [[nodiscard]] Result<void> revoke_session(const AccountCaller& caller, const std::string& uid,
                                            GrantRevocation grants);

 private:
  using Edit = std::function<Result<void>(storage::Tx&, model::User&)>;
  // Logto's scoped and account-center-filtered profile of `user`, with their enterprise SSO
  // identities when the token may see identities.
  Result<boost::json::object> profile_of(const AccountCaller& caller, const model::User& user,
                                         const management::AccountCenter& center);
  // Loads the user, applies `edit` and stores the result, in one transaction, with Logto's
  // User.Data.Updated event.
  Result<model::User> change(const AccountCaller& caller, const Edit& edit);
  // Queues User.Data.Updated about `user` (after the change) in `tx`, as every change Logto's
  // account routes make does.
  Result<void> raise_updated(storage::Tx& tx, const AccountCaller& caller,
                             const model::User& user) const;
  // A second factor of the caller's added, replaced or removed in `tx`: writes its audit entry
  // (`key`: Account.Mfa.<Factor>.<Create|Update|Delete>) and raises User.Data.Updated, both in
  // `tx`, so they exist exactly when the change does.
  Result<void> factor_changed(storage::Tx& tx, const AccountCaller& caller, model::MfaFactor factor,
                              std::string_view action) const;
  // `result` of adding a factor; a refusal of what the caller sent (a wrong code, a factor the
  // user has) is written to the audit log as a failure of `key`'s Create, in its own
  // transaction, since the change's was rolled back.
  Result<void> audit_refusal(const AccountCaller& caller, model::MfaFactor factor,
                             Result<void> result) const;

  storage::Store& store_;
  const experience::SettingsStore& settings_;
  const management::MfaService& mfa_;
  const Clock& clock_;
};

// Logto's response shapes.
boost::json::object session_json(const AccountSession& session, const std::string& user_id);

}  // namespace latch::account
