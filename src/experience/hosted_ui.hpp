#pragma once

#include <string>

#include "core/config.hpp"
#include "core/error_keys.hpp"
#include "experience/config/settings_store.hpp"
#include "experience/experience_service.hpp"
#include "experience/flow/flow_service.hpp"
#include "experience/pages/page_kit.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"
#include "oidc/device_flow.hpp"
#include "oidc/interaction_ui.hpp"

namespace latch::experience {

struct HostedUiDeps {
  const Config& config;
  ExperienceService& service;
  FlowService& flow;
  const SettingsStore& settings;
  MessageConnectors& messages;
  SocialConnectors& social;
  SsoConnectors& sso;
  const http::Pools& pools;
  std::string csrf_key;                     // 32 bytes derived from the master key
  http::RateLimiter& sign_in_attempts;      // POSTs to /sign-in and /register per client address
  oidc::DeviceFlowService& device;          // the user's side of the device authorization grant
  http::RateLimiter& device_code_failures;  // wrong user codes on /device per client address
  std::string cookie_key;  // the session cookie's signature key (oidc/session_cookie.hpp)
};

// The hosted sign-in pages: /sign-in, /register, /verification-code, /forgot-password(/reset),
// /continue, /account-suspended, /consent, and social sign-in: /social/:connectorId (POST: off to
// the provider), /callback/:connectorId (back from it), /social/link (link to an existing
// account). Server-rendered forms that work without JavaScript,
// in the visitor's language; every form carries a CSRF token bound to the interaction cookie.
// Each page calls the same FlowService as the experience API, on the pool its step needs
// (page_lanes.hpp): a page that waits on a provider holds no database-pool thread, and when the
// outbound pool is full it answers 503 "not answering, try again" at once. POSTs to /sign-in and
// /register count against sign_in_attempts per client address; over it, and when the code limit
// refuses to send a code, the visitor gets a 429 page saying how long to wait (Retry-After).
// The device pages /device and /device/consent (device_pages.cpp) let a signed-in user approve a
// device's sign-in (RFC 8628 §3.3); wrong user codes count against device_code_failures.
// For the admin console: /console/preview/sign-in, /console/preview/register and
// /console/preview/brand.css render those pages for a draft of the sign-in experience, without
// an interaction (preview_page.cpp).
// Latch's invitation pages /invitation/:id(/start|/done) (invitation_page.cpp); an
// authorization request with Logto's organization_id shows that organization's branding.
class HostedUi final : public oidc::InteractionUi {
 public:
  explicit HostedUi(HostedUiDeps deps) : deps_(std::move(deps)) {}
  void mount(http::Router& router);

  std::string entry_url(const oidc::AuthorizationRequest& request) const override;
  std::string consent_url(const oidc::AuthorizationRequest& request) const override;
  http::Response error_page(const http::Request& request, const Error& error) const override;
  http::Response signed_out_page(const http::Request& request) const override;
  http::Response logout_prompt_page(const http::Request& request,
                                    const oidc::LogoutPrompt& prompt) const override;
  http::Response still_signed_in_page(const http::Request& request) const override;
  oidc::FormPostWords form_post_words(const http::Request& request) const override;

  using PageFn = http::Response (HostedUi::*)(PageRequest&);
  // A page's handler, whether it needs a live interaction, which pool a request runs on, and
  // whether its POSTs count against sign_in_attempts.
  struct PageRoute {
    PageFn fn;
    bool needs_session = true;
    http::Lane (*lane)(const http::Request&) = nullptr;  // nullptr: the database pool
    bool counted = false;
    // A step that can end the sign-in (it submits the flow). Posted again once the sign-in has
    // ended, it goes on to the authorization instead of failing on a flow that has moved on.
    bool final_step = false;
    // The page's forms carry a token bound to the browser's device cookie, not to an
    // interaction (/device, which a browser reaches before it has one).
    bool device_csrf = false;
  };

 private:
  http::asio::awaitable<http::Response> serve(http::Request& req, const PageRoute& route);
  http::Response prepare_and_run(http::Request& req, const PageRoute& route);
  // FlowService::send_code for a page; a refusal by the code limit is kept in p.refusal, which
  // then answers the request.
  Result<std::string> send_code(PageRequest& p, const Identifier& id);
  PageRequest bare_request(const http::Request& req) const;

  enum class PreviewOf { SignIn, Register };
  http::asio::awaitable<http::Response> serve_preview(http::Request& req, PreviewOf page);
  http::Response preview(const http::Request& req, PreviewOf page);
  http::Response preview_stylesheet(const http::Request& req) const;
  // POST /callback/:connectorId: a provider's answer posted back (response_mode=form_post),
  // turned into the GET callback (social_pages.cpp).
  http::Response social_form_post(const http::Request& req) const;

  http::Response sign_in(PageRequest& p);
  http::Response sign_up(PageRequest& p);
  http::Response code(PageRequest& p);
  http::Response forgot(PageRequest& p);
  http::Response reset(PageRequest& p);
  http::Response continue_step(PageRequest& p);
  http::Response suspended(PageRequest& p);
  http::Response consent(PageRequest& p);
  http::Response social_start(PageRequest& p);
  http::Response social_callback(PageRequest& p);
  http::Response social_link(PageRequest& p);
  // Enterprise SSO (sso_pages.cpp): /sso asks for the work email and goes to its IdP (or lets
  // the person choose among several), /sso/:connectorId starts at one, /direct/sso/:connectorId
  // serves direct_sign_in=sso:<id>, /callback/sso/:connectorId comes back from the IdP.
  http::Response sso(PageRequest& p);
  http::Response sso_start(PageRequest& p);
  http::Response sso_direct(PageRequest& p);
  http::Response sso_callback(PageRequest& p);
  // Test connection (sso_test_page.cpp): /sso/test/:ticket starts a test sign-in at the IdP for
  // the admin who opened the link; the callback above hands it to sso_test_result, which shows
  // what the IdP sent.
  http::Response sso_test(PageRequest& p);
  http::Response sso_test_result(PageRequest& p, const SsoTest& test);
  // An IdP-initiated SAML session (the ACS's cookie) signs its person in (sso_pages.cpp).
  http::Response idp_initiated_sign_in(PageRequest& p, const std::string& connector_id,
                                       const std::string& session_id);
  // After a verified EnterpriseSso record: sign in the person it identifies, or register them
  // when sign-up is open and they are new.
  http::Response sign_in_or_register(PageRequest& p, const std::string& verified);
  http::Response sso_redirect(PageRequest& p, const std::string& connector_id);
  // The IdP for `email`'s domain: a redirect there, a choice among several, or the /sso page
  // saying none.
  http::Response sso_for_email(PageRequest& p, const std::string& email);
  // Latch's invitation page (invitation_page.cpp): /invitation/:id explains the invitation,
  // /invitation/:id/start begins a sign-in or registration for it (?screen=register), and
  // /invitation/:id/done tells the outcome once the flow ends.
  http::Response invitation(PageRequest& p);
  http::Response invitation_start(PageRequest& p);
  http::Response invitation_done(PageRequest& p);
  // The device authorization grant's pages (device_pages.cpp, RFC 8628 §3.3): /device asks for
  // the user code, /device/consent names the device's app and records the decision.
  http::Response device_entry(PageRequest& p);
  http::Response device_consent(PageRequest& p);
  http::Response start_device_sign_in(PageRequest& p, const model::DeviceCode& code);
  // The CSRF token of the /device form for the browser's device cookie; "" without one.
  std::string device_csrf_token(const http::Request& req) const;
  // Dresses the page in organization `id`'s branding (nothing when it does not exist).
  void brand_for(PageRequest& p, const std::string& organization_id);
  http::Response brand_stylesheet_for(const http::Request& req);
  // Second factors (mfa_pages.cpp, mfa_enrol_pages.cpp): /sign-in/mfa asks for one,
  // /sign-in/mfa/enroll offers to add one (totp, webauthn, backup-codes pages), and
  // /sign-in/passkey signs in with the passkey button of the first screen.
  http::Response mfa_verify(PageRequest& p);
  http::Response mfa_enroll(PageRequest& p);
  http::Response mfa_totp(PageRequest& p);
  http::Response mfa_totp_qr(PageRequest& p);
  http::Response mfa_webauthn(PageRequest& p);
  http::Response mfa_backup_codes(PageRequest& p);
  http::Response mfa_address(PageRequest& p);
  http::Response passkey_sign_in(PageRequest& p);
  // The "Sign in with a passkey" form of the first screen (nothing when passkeys are off).
  http::Html passkey_button(PageRequest& p);
  // The email or phone code part of /sign-in/mfa: "send a code", then the code field.
  http::Html mfa_code_fields(PageRequest& p, const MfaStatus& status, model::MfaFactor factor);
  http::Html totp_body(const PageRequest& p, const std::string& vid, const std::string& secret,
                       const std::string& error);
  // After a verified Social record: sign in, offer to link, or create the account.
  http::Response social_continue(PageRequest& p, const std::string& verification_id);
  // After a verified step: submit, or go where the flow needs the browser next.
  http::Response finish(PageRequest& p);

  // Fills p.social with the sign-in experience's connectors: only the pages that show social
  // buttons or name a provider pay for reading them.
  void load_social(PageRequest& p);
  std::string csrf_token(const std::string& uid) const;
  bool csrf_ok(const std::string& uid, std::string_view token) const;

  HostedUiDeps deps_;
};

// The pages' decisions on a failed step, made on the error's key (never its words):

// Where the browser goes when submit failed with `error`: user.suspended → /account-suspended,
// user.missing_profile → /continue, session.mfa.require_mfa_verification → /sign-in/mfa,
// user.missing_mfa → /sign-in/mfa/enroll, session.mfa.backup_code_required →
// /sign-in/mfa/backup-codes; "" when the page shows the error.
std::string page_after_submit_failure(const Error& error);

// identify found no account for a verified identifier or social identity
// (user.identity_not_exist): the page may offer to create one.
inline bool no_account_yet(const Error& error) { return error.key == keys::kIdentityNotExist; }

// What the callback page makes of a failed social verification.
enum class SocialFailure {
  Denied,           // connector.authorization_failed: back to sign-in with a notice
  CallbackRefused,  // connector.redirect_uri_mismatch: a page naming the callback URL to register
  Misconfigured,    // connector.invalid_config: the provider refused Latch's credentials (logged)
  ProviderFailed,   // any other connector.* or Unavailable error (logged as a warning)
  Other,            // the interaction's own errors
};
SocialFailure social_failure_of(const Error& error);

// The phrase the error page of the OP (HostedUi::error_page) explains `error` with: the
// experience's own keyed errors explain themselves ("": error_response); errors of the OP (no key,
// or Logto's oidc.* codes) get error.oauth.invalid_client for an unknown client, the phrase of
// their key (oidc.invalid_redirect_uri), or error.oauth.invalid_request.
std::string op_error_phrase(const Error& error, Lang lang);

// The Social record waiting to be linked to the account with `email` (proved by a code sent
// there), or "".
std::string pending_link(const FlowState& s, const std::string& email);

// What a person typed into an identifier field looks like: an email (has @), a phone (digits,
// optional leading +), else a username.
IdentifierType identifier_type_of(std::string_view value);

}  // namespace latch::experience
