#pragma once

#include <optional>
#include <string>

#include "account/account_service.hpp"
#include "account/verification_service.hpp"
#include "core/config.hpp"
#include "experience/pages/page_kit.hpp"
#include "experience/social/social_connectors.hpp"
#include "http/cookies.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"
#include "oidc/catalog.hpp"

// The hosted account page /account: the signed-in user's own account, server-rendered in the
// visitor's language, without JavaScript, over the same AccountService and VerificationService
// as the Account API. The page knows the user by Latch's browser session (the OP's
// _latch_session cookie); without one it signs the user in through the built-in client
// latch-account (/oidc/auth, PKCE) and comes back to /account/callback, which checks and spends
// the code. Changes that Logto's Account API guards with a verification record need one here
// too: "Verify it's you" asks for the password and keeps the record's id in a cookie for its
// 10 minutes. Every form carries a CSRF token bound to the browser session. Apps link to
// /account?redirect=<url>; the page offers a way back only to a URL registered as one of an
// app's redirect or post sign-out URIs (docs/account.md).
namespace latch::account {

struct AccountPagesDeps {
  const Config& config;
  AccountService& account;
  VerificationService& verifications;
  const experience::SettingsStore& settings;
  experience::SocialConnectors& social;
  const oidc::Catalog& catalog;
  storage::Store& store;
  const Clock& clock;
  const http::Pools& pools;
  std::string csrf_key;
  std::string cookie_key;  // the session cookie's signature key (oidc/session_cookie.hpp)
};

// What every page handler works with: the page kit's request (language, form, CSRF token), the
// user behind the browser session, and where "Back to the app" goes.
struct AccountRequest {
  experience::PageRequest page;
  AccountCaller caller;
  model::User user;
  std::string back_url, back_app;  // "" when the page was not opened from an app
  std::string new_cookie;          // a Set-Cookie to send with the answer (the verification)
};

class AccountPages {
 public:
  explicit AccountPages(AccountPagesDeps deps) : deps_(std::move(deps)) {}
  void mount(http::Router& router);

  using Action = http::Response (AccountPages::*)(AccountRequest&);
  struct Route {
    Action fn;
    http::Lane lane = http::Lane::Database;
  };

 private:
  http::asio::awaitable<http::Response> serve(http::Request& req, Route route);
  http::Response prepare_and_run(http::Request& req, Route route);
  http::Response sign_in_redirect(const http::Request& req, const experience::PageRequest& p);
  http::Response callback(const http::Request& req);
  // The user behind the browser session, with the verification cookie's proof; nullopt when the
  // browser has no live session.
  Result<std::optional<AccountRequest>> load(const http::Request& req);
  std::string csrf_token(const std::string& session_hash) const;
  // `url` when it is one of a registered app's redirect or post sign-out URIs, with the app's
  // name; nullopt otherwise.
  std::optional<std::pair<std::string, std::string>> registered_return(std::string_view url) const;

  // The page and its sections (account_view.cpp).
  http::Response show(AccountRequest& r, http::bhttp::status status = http::bhttp::status::ok,
                      const std::string& notice = {}, const std::string& error = {});
  http::Response show_error(AccountRequest& r, const Error& error);
  // GET /account, with the notice ?done=<what> names.
  http::Response view(AccountRequest& r);
  // "Add an authenticator app": a fresh secret as a QR code and as text, and the code field.
  http::Response totp_page(AccountRequest& r, const std::string& error);
  http::Response totp_form(AccountRequest& r) { return totp_page(r, {}); }
  // "Add a passkey": the WebAuthn registration ceremony (/static/webauthn.js).
  http::Response passkey_page(AccountRequest& r, const std::string& error);
  http::Response passkey_form(AccountRequest& r) { return passkey_page(r, {}); }
  // "Enter the code we sent to <value>" for a new email or phone.
  http::Response code_page(AccountRequest& r, const std::string& record, const std::string& kind,
                           const std::string& value, const std::string& error = {});

  // The forms (account_actions.cpp).
  http::Response verify(AccountRequest& r);
  http::Response save_name(AccountRequest& r);
  http::Response save_username(AccountRequest& r);
  http::Response send_contact_code(AccountRequest& r);
  http::Response confirm_contact(AccountRequest& r);
  http::Response change_password(AccountRequest& r);
  http::Response add_totp(AccountRequest& r);
  http::Response add_passkey(AccountRequest& r);
  http::Response new_backup_codes(AccountRequest& r);
  http::Response remove_factor(AccountRequest& r);
  http::Response start_link(AccountRequest& r);
  http::Response finish_link(AccountRequest& r);
  http::Response unlink(AccountRequest& r);
  http::Response revoke_session(AccountRequest& r);
  // After a change: back to the page with a notice (`done` names it: ?done=name).
  http::Response done(const AccountRequest& r, std::string_view what);

  AccountPagesDeps deps_;
};

// The cookies of the page: the verification record's id (10 minutes) and the sign-in in
// progress (state and PKCE verifier), both on path /account.
inline constexpr std::string_view kVerifiedCookie = "_latch_account_verified";
inline constexpr std::string_view kSignInCookie = "_latch_account_signin";
inline constexpr std::string_view kReturnCookie = "_latch_account_return";

// A cookie of the page: path /account, HttpOnly, SameSite=Lax, Secure on an https endpoint.
http::CookieOptions page_cookie(const Config& config, std::int64_t max_age);

}  // namespace latch::account
