#pragma once

#include <string>

#include "core/error.hpp"
#include "http/form.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "oidc/authorization_request.hpp"
#include "oidc/response_mode.hpp"

namespace latch::oidc {

// OIDC RP-Initiated Logout §2: what the person is asked before their session ends.
struct LogoutPrompt {
  std::string app_name;  // the app that asked, "" when unknown
  std::string action;    // where the confirmation form posts
  http::Params fields;   // hidden fields to post back (the CSRF token among them)
};

// The browser-facing side the OP hands off to (the hosted sign-in experience implements it). The
// OP never renders a login form: it stores an interaction and sends the browser to entry_url().
class InteractionUi {
 public:
  virtual ~InteractionUi() = default;
  // Where the browser goes to sign in for `request` ("/sign-in", "/register", ...). The
  // interaction itself travels in a cookie.
  virtual std::string entry_url(const AuthorizationRequest& request) const = 0;
  // Where a signed-in user consents to `request` (a page that consents by itself for a first-party
  // app), relative to the endpoint.
  virtual std::string consent_url(const AuthorizationRequest& request) const = 0;
  // A page that explains `error` to a person (unknown client, bad redirect URI, expired
  // sign-in). Never redirects.
  virtual http::Response error_page(const http::Request& request, const Error& error) const = 0;
  // Shown after sign-out when there is no registered place to return to.
  virtual http::Response signed_out_page(const http::Request& request) const = 0;
  // Asks whether to sign out: a form posting `prompt.fields` to `prompt.action` with a submit
  // named "logout" whose value is "yes" (sign out) or "no" (stay signed in).
  virtual http::Response logout_prompt_page(const http::Request& request,
                                            const LogoutPrompt& prompt) const = 0;
  // Shown when the person chose to stay signed in and there is no place to return to.
  virtual http::Response still_signed_in_page(const http::Request& request) const = 0;
  // The words of the form_post page (response_mode.hpp) in the language of `request`'s person.
  virtual FormPostWords form_post_words(const http::Request& request) const = 0;
};

}  // namespace latch::oidc
