#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "experience/config/settings_store.hpp"
#include "experience/experience_service.hpp"
#include "experience/flow/flow_state.hpp"
#include "experience/messaging/message_connectors.hpp"
#include "experience/social/social_connectors.hpp"
#include "experience/sso/sso_connectors.hpp"
#include "http/rate_limiter.hpp"
#include "management/mfa_service.hpp"

namespace latch::experience {

struct Identifier {
  IdentifierType type = IdentifierType::Username;
  std::string value;
};

// Who is calling: the interaction bound to the browser and where the request came from.
struct FlowContext {
  std::string uid;
  std::string ip;
  Lang lang = Lang::En;
  std::string user_agent;      // remembered with a trusted device and a WebAuthn credential
  std::string trusted_device;  // the browser's trusted-device cookie (kTrustedDeviceCookie), or ""
};

// The cookie that remembers a browser after a second factor ("remember this device"): the token
// MfaService::trust_device returned, checked with MfaService::is_trusted for the signing-in user.
inline constexpr std::string_view kTrustedDeviceCookie = "_latch_trusted_device";

// Where the browser goes to sign in at a social provider, and the record that waits for it.
struct SocialStart {
  std::string authorization_uri;
  std::string verification_id;
};

// An existing account that has the verified email a social provider returned: the user can
// link the social identity to it after proving they own it.
struct RelatedAccount {
  std::string user_id;
  std::string email;
  bool has_password = false;
};

// The outcome of submit: where the browser goes next.
struct Submitted {
  std::string redirect_to;      // "/oidc/auth/<uid>" (SignIn, Register)
  bool password_reset = false;  // ForgotPassword: back to sign-in
  // The browser is now trusted for `trusted_device_days`: set kTrustedDeviceCookie to this token.
  std::string trusted_device_token;
  int trusted_device_days = 0;
  std::vector<std::string> amr;  // RFC 8176 methods the sign-in used
};

// A new TOTP secret offered for enrolment (POST /verification/totp/secret): the record that keeps
// it until a code confirms it, the base32 secret, the otpauth:// URI and that URI as a QR code.
struct TotpEnrolment {
  std::string verification_id, secret, otpauth_uri, qr_svg;
};

// Backup codes generated for enrolment: shown once, stored (hashed) at submit.
struct BackupCodes {
  std::string verification_id;
  std::vector<std::string> codes;
};

// A WebAuthn ceremony begun: its record and the options for navigator.credentials (JSON).
struct WebAuthnStart {
  std::string verification_id;
  boost::json::object options;
};

// What the identified user can do about second factors now (the hosted MFA pages).
struct MfaStatus {
  std::vector<model::MfaFactor> available;  // factors they can verify with, in display order
  std::vector<model::MfaFactor> enabled;    // factors the sign-in experience lets them add
  bool trusted_device = false;              // "remember this device" is offered
  int trusted_device_days = 0;
  bool skippable = false;    // adding a factor may be skipped now (the policy, the organizations)
  std::string email, phone;  // where an email or phone code would go
};

// The data of Logto's MFA refusals: 403 session.mfa.require_mfa_verification and 422
// user.missing_mfa carry the factors (availableFactors) and whether the step may be skipped.
struct MfaRefusal {
  std::vector<model::MfaFactor> factors;
  bool skippable = false;
};
Error mfa_refusal(Errc code, std::string_view key, const MfaRefusal& refusal);
// The refusal `error` carries, nullopt for other errors.
std::optional<MfaRefusal> mfa_refusal_of(const Error& error);

// The experience engine behind both the JSON API and the server-rendered pages: start, verify
// (password, code), identify, profile, submit, each validated against the configuration and the
// interaction's stored progress. Errors carry a phrase key as description (see i18n.hpp):
// NotFound session.not_found / session.verification_session_not_found, InvalidRequest for bad
// input and out-of-order steps, InvalidGrant session.invalid_credentials, Forbidden
// user.suspended / session.too_many_attempts, Conflict user.*_already_in_use,
// Unauthorized-free. Blocking; thread-safe. Steps that hash a password (verify_password,
// new_password_identity, add_profile of a password, reset_password) belong on the hashing pool
// and steps that call a provider (send_code, start_social, verify_social) on the outbound pool
// (http::Lane); their database work is short transactions around the slow part.
class FlowService {
 public:
  // `code_sends` limits the verification codes sent per client address (FlowContext::ip).
  // `endpoint` (the server's public URL) makes the WebAuthn relying party: its host is the RP ID,
  // its scheme://host[:port] the origin browsers must report.
  FlowService(storage::Store& store, const SettingsStore& settings, ExperienceService& experience,
              MessageConnectors& messages, SocialConnectors& social, SsoConnectors& sso,
              const Clock& clock, http::RateLimiter& code_sends, const management::MfaService& mfa,
              std::string endpoint)
      : store_(store),
        settings_(settings),
        experience_(experience),
        messages_(messages),
        social_(social),
        sso_(sso),
        clock_(clock),
        code_sends_(code_sends),
        mfa_(mfa),
        endpoint_(std::move(endpoint)) {}

  // start begins the flow afresh for `event`; set_event switches the event of a started flow
  // (InvalidRequest session.not_started before start), clearing the verifications to or from
  // ForgotPassword. Forbidden user.sign_up_method_not_enabled (Register while sign-up is off)
  // or session.sign_in_disabled (SignIn when the sign-in mode is Register).
  [[nodiscard]] Result<void> start(const FlowContext& ctx, InteractionEvent event);
  [[nodiscard]] Result<void> set_event(const FlowContext& ctx, InteractionEvent event);
  [[nodiscard]] Result<FlowState> state(const FlowContext& ctx);

  [[nodiscard]] Result<std::string> verify_password(const FlowContext& ctx, const Identifier& id,
                                                    const std::string& password);
  // Sends a 6-digit code (10 minutes, single use, 5 attempts) to an email or phone. At most 5
  // per identifier per 10 minutes (Forbidden verification_code.rate_limited) and the
  // code_sends limit per address (TooManyRequests request.too_many_requests, retry_after set).
  [[nodiscard]] Result<std::string> send_code(const FlowContext& ctx, const Identifier& id);
  [[nodiscard]] Result<std::string> verify_code(const FlowContext& ctx,
                                                const std::string& verification_id,
                                                const std::string& code);
  [[nodiscard]] Result<std::string> new_password_identity(const FlowContext& ctx,
                                                          const Identifier& id,
                                                          const std::string& password);

  // Starts a sign-in at an enabled social connector: `state` and `redirect_uri` go to the
  // provider and must come back on its callback. Forbidden session.sign_in_method_not_enabled
  // for a connector the sign-in experience does not list.
  [[nodiscard]] Result<SocialStart> start_social(const FlowContext& ctx,
                                                 const std::string& connector_id,
                                                 const std::string& state,
                                                 const std::string& redirect_uri);
  // Completes it with the provider's callback parameters: the record is `verification_id`, or
  // the one whose state the callback carries when that is empty. A state is good for one
  // callback of the interaction that started it (InvalidRequest session.social_state_invalid
  // otherwise). Provider errors as SocialConnector documents (connector.*). Blocking: one or
  // more requests to the provider.
  [[nodiscard]] Result<std::string> verify_social(const FlowContext& ctx,
                                                  const std::string& connector_id,
                                                  const connectors::CallbackParams& callback,
                                                  const std::string& verification_id);
  // The account that has the email of the verified Social record `verification_id`, when no
  // account has its identity yet.
  [[nodiscard]] Result<std::optional<RelatedAccount>> related_account(
      const FlowContext& ctx, const std::string& verification_id);

  // ----- enterprise SSO (flow_sso.cpp). Forbidden session.sign_in_method_not_enabled while
  // singleSignOnEnabled is off; NotFound connector.not_found for an unknown connector or one that
  // cannot sign in (no valid configuration, or a kind this build cannot sign in with).
  // Starts a sign-in at the connector's IdP: `state` and `redirect_uri` go there and come back.
  [[nodiscard]] Result<SocialStart> start_sso(const FlowContext& ctx,
                                              const std::string& connector_id,
                                              const std::string& state,
                                              const std::string& redirect_uri);
  // Completes it with the IdP's answer (OIDC: the callback's query): the record is
  // `verification_id`, or the one whose state the answer carries when that is empty. A state is
  // good for one answer (InvalidRequest session.social_state_invalid otherwise). The IdP's errors
  // as SsoConnector documents (connector.*). Blocking: requests to the IdP.
  [[nodiscard]] Result<std::string> verify_sso(const FlowContext& ctx,
                                               const std::string& connector_id,
                                               const connectors::CallbackParams& data,
                                               const std::string& verification_id);
  // ----- test connection (flow_sso.cpp): a sign-in at `connector_id`'s IdP outside any
  // interaction, for the admin who opened the connector's test link. It works while
  // singleSignOnEnabled is off and for a connector without domains, and creates or changes no
  // one; errors as start_sso and verify_sso. Blocking.
  // Starts it: where the browser goes, and the test, which rides in kSsoTestCookie.
  struct SsoTestStart {
    std::string uri;
    SsoTest test;
  };
  [[nodiscard]] Result<SsoTestStart> start_sso_test(const std::string& connector_id,
                                                    const std::string& redirect_uri);
  // Completes it with the IdP's answer: who the IdP says signed in, every check made (a SAML
  // assertion is spent as a sign-in's is). InvalidRequest session.social_state_invalid for an
  // answer to another sign-in.
  [[nodiscard]] Result<connectors::sso::SsoUserInfo> verify_sso_test(
      const SsoTest& test, const connectors::CallbackParams& data);
  // The connectors that may sign in `email` (none while singleSignOnEnabled is off).
  [[nodiscard]] Result<std::vector<SsoConnectorInfo>> sso_connectors_for(const std::string& email);
  // ----- IdP-initiated SAML SSO (flow_saml_idp.cpp; Logto's unsolicited Response branch).
  // An unsolicited SAML Response at the ACS: accepted only when the connector has an
  // IdP-initiated auth config. Verifies it (no InResponseTo allowed), refuses a replay, and
  // keeps the person's info as an IdP-initiated session until the assertion expires (at most
  // ten minutes). NotFound session.connector_validation_session_not_found when IdP-initiated
  // SSO is off for the connector; the Response's errors as verify_sso. Blocking.
  struct IdpInitiatedLanding {
    std::string session_id;
    std::int64_t expires_at = 0;  // epoch ms
    storage::IdpInitiatedAuthConfig config;
  };
  [[nodiscard]] Result<IdpInitiatedLanding> idp_initiated_saml(const std::string& connector_id,
                                                               const std::string& xml);
  // Turns the IdP-initiated session `session_id` of `connector_id` into a verified EnterpriseSso
  // record of the interaction (direct_sign_in=sso:<connector> lands here); returns its id.
  // NotFound session.connector_session_not_found when the session is unknown, used or expired.
  [[nodiscard]] Result<std::string> use_idp_initiated_session(const FlowContext& ctx,
                                                              const std::string& connector_id,
                                                              const std::string& session_id);
  // InvalidRequest (422 in the API) session.sso_enabled when `email`'s domain belongs to a usable
  // SSO connector and single sign-on is on: that person signs in at their IdP.
  [[nodiscard]] Result<void> refuse_sso_email(const std::string& email);

  // Identifies the user from a verified record (latest when `verification_id` is empty).
  // A Social record signs in the account that has its identity; with none, NotFound
  // user.identity_not_exist (SignIn: switch to Register to create the account). With
  // `link_social`, the identity is linked to the related account, which another verified
  // record of this interaction (its password, or a code sent to its email) must prove
  // (Forbidden user.link_proof_required otherwise).
  [[nodiscard]] Result<void> identify(const FlowContext& ctx, const std::string& verification_id,
                                      bool link_social = false);
  // Fills a missing profile field: username or password by value, email/phone by verification.
  [[nodiscard]] Result<void> add_profile(const FlowContext& ctx, ProfileField field,
                                         const std::string& value);
  [[nodiscard]] Result<void> reset_password(const FlowContext& ctx, const std::string& password);
  // Finishes the step. InvalidRequest user.missing_profile lists what is missing in detail
  // (comma-separated profile_field_name()s: username, email, phone, password). The MFA gate
  // (flow_mfa.cpp) runs again at every submit: a SignIn whose user has a second factor needs one
  // verified in this interaction (or a trusted device): Forbidden
  // session.mfa.require_mfa_verification; a user the policy asks to add a factor: Conflict
  // user.missing_mfa (MfaRefusal::skippable under a prompting policy, asked once); with backup
  // codes enabled and none left: Conflict session.mfa.backup_code_required. Register creates the
  // account at its first submit and then asks for the factor the same way.
  [[nodiscard]] Result<Submitted> submit(const FlowContext& ctx);

  // ----- second factors (flow_mfa_steps.cpp, flow_webauthn.cpp). Each needs an identified user
  // (NotFound session.identifier_not_found). Enrolment steps (totp_secret,
  // generate_backup_codes, webauthn_registration) and bind_mfa/skip_mfa/trust_device first need
  // the user's existing second factor verified (the submit gate's 403), so a password alone
  // cannot add a factor to an account that has one. Wrong codes and assertions count against the
  // sentinel per user (its max attempts in its lockout window); past it, InvalidRequest
  // session.verification_blocked_too_many_attempts until the window passes.
  [[nodiscard]] Result<TotpEnrolment> totp_secret(const FlowContext& ctx);
  // Checks `code` against the offered secret of record `verification_id`, or, when that is
  // empty, against the user's TOTP factor (a time step is accepted once). InvalidRequest
  // session.mfa.invalid_totp_code.
  [[nodiscard]] Result<std::string> verify_totp(const FlowContext& ctx,
                                                const std::string& verification_id,
                                                const std::string& code);
  [[nodiscard]] Result<BackupCodes> generate_backup_codes(const FlowContext& ctx);
  // Uses one of the user's backup codes. InvalidRequest session.mfa.invalid_backup_code.
  [[nodiscard]] Result<std::string> verify_backup_code(const FlowContext& ctx,
                                                       const std::string& code);
  [[nodiscard]] Result<WebAuthnStart> webauthn_registration(const FlowContext& ctx);
  // Verifies a RegistrationResponseJSON and stores the credential (InvalidRequest
  // session.mfa.webauthn_verification_failed).
  [[nodiscard]] Result<std::string> verify_webauthn_registration(
      const FlowContext& ctx, const std::string& verification_id,
      const boost::json::object& payload);
  [[nodiscard]] Result<WebAuthnStart> webauthn_authentication(const FlowContext& ctx);
  [[nodiscard]] Result<std::string> verify_webauthn_authentication(
      const FlowContext& ctx, const std::string& verification_id,
      const boost::json::object& payload);
  // Marks the verified enrolment record `verification_id` for submit to store (for an email or
  // phone code factor: a verified code sent to the user's new address, see bind_address).
  // InvalidRequest
  // session.mfa.mfa_factor_not_enabled, NotFound session.verification_session_not_found,
  // InvalidRequest session.verification_required (not verified yet), Conflict
  // user.totp_already_in_use, session.mfa.backup_code_can_not_be_alone.
  [[nodiscard]] Result<void> bind_mfa(const FlowContext& ctx, model::MfaFactor type,
                                      const std::string& verification_id);
  // Skips adding a factor. Conflict session.mfa.mfa_policy_not_user_controlled when the policy
  // (or an organization of the user) makes one mandatory.
  [[nodiscard]] Result<void> skip_mfa(const FlowContext& ctx);
  // Asks submit to trust this browser (when trustedDevice is enabled and a second factor other
  // than a backup code was used); otherwise submit ignores the request.
  [[nodiscard]] Result<void> trust_device(const FlowContext& ctx);
  [[nodiscard]] Result<MfaStatus> mfa_status(const FlowContext& ctx);
  // A code to the identified user's primary email (IdentifierType::Email) or phone as their
  // second factor (Logto's /verification/mfa-verification-code): InvalidRequest
  // session.mfa.mfa_factor_not_enabled unless that factor is on and the user has the address;
  // the limits of send_code. Blocking: sends the message.
  [[nodiscard]] Result<std::string> send_mfa_code(const FlowContext& ctx, IdentifierType type);
  // Checks it (verify_code's rules), counted by the sentinel like every second factor.
  [[nodiscard]] Result<std::string> verify_mfa_code(const FlowContext& ctx,
                                                    const std::string& verification_id,
                                                    const std::string& code);

  // ----- passkey sign-in (flow_webauthn.cpp): usernameless with a discoverable credential, or for
  // the account an identifier names. Forbidden session.sign_in_method_not_enabled unless
  // passkeySignIn is enabled. The verified record names the user; identify() then signs them
  // in, and no second factor is asked (amr hwk, plus mfa when the authenticator verified the
  // user).
  [[nodiscard]] Result<boost::json::object> passkey_options(const FlowContext& ctx);
  [[nodiscard]] Result<WebAuthnStart> passkey_authentication(const FlowContext& ctx,
                                                             const Identifier& id);
  // `verification_id` empty: the usernameless ceremony of passkey_options.
  [[nodiscard]] Result<std::string> verify_passkey(const FlowContext& ctx,
                                                   const std::string& verification_id,
                                                   const boost::json::object& payload);

  // Profile fields the configuration requires that the flow does not have yet.
  [[nodiscard]] Result<std::vector<ProfileField>> missing_profile(const FlowContext& ctx);

  using Step = std::function<Result<void>(storage::Tx&, model::Interaction&, FlowState&)>;

  // Writes an audit log entry (Logto's log keys: Interaction.SignIn.Submit, ...) for the
  // interaction's app and the caller's IP. A failure to write is logged, never raised: the
  // sign-in it describes has already happened.
  void audit(const FlowContext& ctx, const std::string& key, bool success,
             const std::string& user_id, boost::json::object payload = {});

  // Brings the sign-in experience up to the database's (SettingsStore::ensure_current), so a
  // change made a moment ago elsewhere applies to this request; a failure keeps the cached one
  // and is logged. Call at the start of each request's work, on the blocking pool.
  void catch_up_settings() const;

 private:
  Result<void> bind_address(storage::Tx& tx, FlowState& s, const model::User& user,
                            model::MfaFactor factor, IdentifierType type,
                            const std::string& verification_id) const;
  // Whether the identified user may prove a new address of `type` in this flow to add it as their
  // email or phone code factor (the factor is enabled and they have no such address).
  bool may_add_address(storage::Tx& tx, const FlowState& s, IdentifierType type) const;
  Result<bool> save_bound_address(storage::Tx& tx, const FlowState& s) const;
  Result<void> mutate(const FlowContext& ctx, const Step& step);
  Result<void> check_new_password(const std::string& password,
                                  const std::vector<std::string>& user_info) const;
  Result<std::vector<ProfileField>> missing_for(storage::Tx& tx, const FlowState& s) const;
  // InvalidRequest user.missing_profile (detail: the fields) unless the profile is complete.
  Result<void> profile_complete(storage::Tx& tx, const FlowState& s) const;
  Result<bool> update_signed_in(storage::Tx& tx, const model::Interaction& interaction,
                                const FlowState& s);
  Result<std::string> create_user(storage::Tx& tx, const FlowState& s) const;
  // Webhook events (flow_hooks.cpp), queued in submit's transaction: PostSignIn, PostRegister
  // or PostResetPassword for `event`, about `user_id` and the interaction's app; User.Created
  // for an account the flow made; User.Data.Updated for one it changed.
  Result<void> raise_interaction_hook(storage::Tx& tx, const FlowContext& ctx,
                                      const model::Interaction& interaction, InteractionEvent event,
                                      const std::string& user_id) const;
  Result<void> raise_user_created(storage::Tx& tx, const FlowContext& ctx,
                                  const std::string& user_id) const;
  // User.Data.Updated about `user_id`: a reset password, or data or factors a submit added.
  Result<void> raise_user_updated(storage::Tx& tx, const FlowContext& ctx,
                                  const std::string& user_id) const;
  // After submit identified or created `user_id` (flow_organizations.cpp): a new account whose
  // email the flow proved joins the organizations with a JIT rule for its domain; the
  // invitation the interaction was started for is accepted when that email is the invitee.
  Result<void> join_organizations(storage::Tx& tx, const model::Interaction& interaction,
                                  const FlowState& s, const std::string& user_id, bool registered);
  Result<void> identify_social(storage::Tx& tx, FlowState& s, const VerificationRecord& v,
                               bool link);
  // What social and SSO sign-ins share (flow_social.cpp). add_pending keeps a started record
  // (and only the newest few unverified ones of its connector). take_pending takes the state of
  // the `type` record of `connector_id` that `state` (or `verification_id`) names, so that a
  // replayed answer finds it gone; mark_verified stores what the provider said of the person.
  Result<void> add_pending(const FlowContext& ctx, const VerificationRecord& record);
  Result<VerificationRecord> take_pending(const FlowContext& ctx, VerificationType type,
                                          const std::string& connector_id, const std::string& state,
                                          const std::string& verification_id);
  Result<void> mark_verified(const FlowContext& ctx, const std::string& verification_id,
                             const std::string& profile_json, const std::string& target);
  // An EnterpriseSso record: the account with its identity, else the account with its verified
  // email (linked at submit), else (Register) a new account; SignIn with neither: NotFound
  // user.sso_identity_not_exist.
  Result<void> identify_sso(storage::Tx& tx, FlowState& s, const VerificationRecord& v);
  // The first half of an SSO sign-in (flow_sso.cpp): the connector's redirect to its IdP and
  // the session its answer is checked against (for SAML, with the relay stored). NotFound
  // connector.not_found for a connector that cannot sign in.
  struct SsoBegun {
    std::string uri;
    connectors::sso::SsoSession session;
  };
  Result<SsoBegun> begin_at_idp(const std::string& connector_id, const std::string& state,
                                const std::string& redirect_uri);
  // The second half: the IdP's answer checked against `session` (SAML: the Response the ACS
  // kept for it, its assertion recorded against replay). Unavailable connector.invalid_response
  // for an answer that names no one.
  Result<connectors::sso::SsoUserInfo> verify_at_idp(const std::string& connector_id,
                                                     const connectors::sso::SsoSession& session,
                                                     const connectors::CallbackParams& data);
  // SAML (flow_sso.cpp): stores the relay the ACS finds the sign-in by; takes the Response the
  // ACS kept into answer["SAMLResponse"] (InvalidRequest session.connector_session_not_found
  // when none arrived); records the assertion's ID, InvalidRequest saml.replayed when the
  // connector accepted it before.
  Result<void> remember_saml_relay(const connectors::sso::SsoSession& session,
                                   const std::string& connector_id);
  Result<connectors::sso::SsoUserInfo> saml_response_of(const std::string& relay_state,
                                                        const std::string& connector_id,
                                                        connectors::CallbackParams& answer);
  Result<connectors::sso::SsoUserInfo> refuse_replay(const std::string& connector_id,
                                                     connectors::sso::SsoUserInfo user);
  // At submit, for `user_id` (just created when `created`): records or refreshes the SSO identity
  // of the flow's EnterpriseSso record, syncs the profile when the connector says so, and joins
  // the connector's JIT organizations the first time the identity is seen.
  Result<void> save_sso_identity(storage::Tx& tx, const FlowState& s, const std::string& user_id,
                                 bool created) const;
  // Writes the Social record's identity onto `user` (and its profile when the connector syncs).
  Result<void> attach_identity(storage::Tx& tx, model::User& user, const FlowState& s,
                               bool created) const;
  std::shared_ptr<const SignInExperience> config() const { return settings_.get(); }
  // The MFA gate of submit (flow_mfa.cpp): verification, enrolment, then storing what the flow
  // bound and what the user chose. Fills `out` (amr, trusted device).
  Result<void> mfa_at_submit(storage::Tx& tx, const FlowContext& ctx, FlowState& s,
                             Submitted& out) const;
  // Forbidden session.mfa.require_mfa_verification unless the identified user of a SignIn has no
  // second factor, verified one in this flow, signed in with a passkey or uses a trusted device.
  Result<void> require_verified(storage::Tx& tx, const FlowContext& ctx, const FlowState& s) const;
  // The identified user for a second-factor step (NotFound session.identifier_not_found).
  Result<model::User> identified_user(storage::Tx& tx, const FlowState& s) const;
  management::RelyingParty relying_party() const;
  // What a code about to be sent creates (its record's type and user), after the check that the
  // flow may send it.
  struct CodeRecord {
    VerificationType type;
    std::string user_id;
  };
  using CodeCheck = std::function<Result<CodeRecord>(storage::Tx&, const FlowState&)>;
  // Sends a code to `id` (flow_verify.cpp): the limits per address and identifier, a record in
  // the flow, the message.
  Result<std::string> deliver_code(const FlowContext& ctx, const Identifier& id,
                                   const CodeCheck& check);
  // Checks `code` against record `v`'s stored code; InvalidRequest
  // verification_code.code_mismatch after counting the attempt in `tx`.
  Result<void> consume_code(storage::Tx& tx, const FlowContext& ctx, FlowState& s,
                            VerificationRecord& v, const std::string& code) const;
  // A guarded second-factor check (flow_mfa_steps.cpp): `check` runs for the identified user
  // while the sentinel lets them try; an InvalidRequest from it is a wrong guess, counted (and
  // committed) before it is returned. Returns what `check` returned (the record's id).
  using FactorCheck =
      std::function<Result<std::string>(storage::Tx&, FlowState&, const model::User&)>;
  Result<std::string> guarded_check(const FlowContext& ctx, std::string_view what,
                                    const FactorCheck& check);

  storage::Store& store_;
  const SettingsStore& settings_;
  ExperienceService& experience_;
  MessageConnectors& messages_;
  SocialConnectors& social_;
  SsoConnectors& sso_;
  const Clock& clock_;
  http::RateLimiter& code_sends_;
  const management::MfaService& mfa_;
  std::string endpoint_;
};

// Phrase-key errors used across the flow.
Error flow_error(Errc code, std::string_view key, std::string detail = {});
// TooManyRequests request.too_many_requests: a rate limit refused the step for `retry_after`
// more seconds.
Error too_many_requests(std::int64_t retry_after);

}  // namespace latch::experience
