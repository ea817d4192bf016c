#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "support/browser_session.hpp"
#include "support/http_test_client.hpp"
#include "support/provisioning.hpp"
#include "support/test_server.hpp"

// Helpers for the authorization code flow (RFC 6749 §4.1, OIDC Core §3.1) against the real
// binary: authorization requests, the hosted sign-in driven by a BrowserSession, and the token,
// userinfo, introspection and revocation calls a client makes afterwards.
namespace latch::test {

// RFC 7636 §4.1–4.2: a fresh random verifier and its S256 challenge.
struct Pkce {
  std::string verifier;
  std::string challenge;
};
Pkce make_pkce();

// The query of GET /oidc/auth. Empty members are left out; `extra` is appended as given (a
// name may repeat).
struct AuthorizeRequest {
  std::string client_id;
  std::string redirect_uri;
  std::string response_type = "code";
  std::string scope = "openid profile offline_access";
  std::string state = "state-1";
  std::string nonce = "nonce-1";
  std::string code_challenge;  // sent with code_challenge_method=S256
  http::Params extra;

  // "/oidc/auth?..."
  std::string target() const;
};

// The query parameters of a response's Location header (empty when there is none).
http::Params location_query(const HttpResponse& response);
// The Location header without its query.
std::string location_base(const HttpResponse& response);
// Success when `response` redirects (302 or 303) to `redirect_uri` with a code, the given state and
// the issuer (RFC 9207).
::testing::AssertionResult is_code_redirect(const HttpResponse& response,
                                            const std::string& redirect_uri,
                                            const std::string& state, const std::string& issuer);
// Success when `response` redirects to `redirect_uri` with `error` (and state and iss).
::testing::AssertionResult is_error_redirect(const HttpResponse& response,
                                             const std::string& redirect_uri,
                                             std::string_view error, const std::string& state,
                                             const std::string& issuer);
// Success when `response` is an HTML page (no redirect, no Location header) with a 4xx status:
// how /oidc/auth refuses requests before the redirect URI is trusted.
::testing::AssertionResult is_error_page(const HttpResponse& response);
// Success when `response` is the hosted sign-in page (a form with csrf, identifier, password).
::testing::AssertionResult is_sign_in_page(const HttpResponse& response);

// Runs the request in `browser`: authorize, then the sign-in form with `identifier` and
// `password` when the server asks for it. Returns the last answer (a redirect to the client on
// success, or the page the browser stopped at).
HttpResponse authorize_and_sign_in(BrowserSession& browser, const AuthorizeRequest& request,
                                   const std::string& identifier, const std::string& password);
// The code of a redirect to the client, or "".
std::string code_of(const HttpResponse& response);

// A user, created with `latch user create`; returns the user's id.
struct UserSpec {
  std::string username;
  std::string password = "correct horse battery";
  std::string email;
  std::string name;
};
std::string create_user(const TestServer& server, const UserSpec& user);

// `latch app create --type TYPE --redirect-uri ... --post-logout-redirect-uri ...`.
struct AppSpec {
  std::string type = "traditional";
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  bool third_party = false;
};
AppCredentials create_user_app(const TestServer& server, const AppSpec& spec);
// True once the running server has loaded `app` (its catalog reloads every ~250 ms): an
// authorization request with `redirect_uri` no longer answers with an error page.
bool wait_until_client_known(const TestServer& server, const AppCredentials& app,
                             const std::string& redirect_uri);

// POST /oidc/token as `app`: HTTP Basic for a client with a secret, client_id in the body for a
// public one. `params` is the grant's form (grant_type included).
HttpResponse token_request(const TestServer& server, const AppCredentials& app,
                           http::Params params);
// grant_type=authorization_code; `verifier` is left out when empty.
HttpResponse redeem_code(const TestServer& server, const AppCredentials& app,
                         const std::string& code, const std::string& redirect_uri,
                         const std::string& verifier = "");
// grant_type=refresh_token with optional extra parameters (scope, resource).
HttpResponse refresh(const TestServer& server, const AppCredentials& app,
                     const std::string& refresh_token, http::Params extra = {});
// GET /oidc/me with a Bearer token.
HttpResponse userinfo(const TestServer& server, const std::string& access_token);
// POST /oidc/token/introspection and /oidc/token/revocation as `app` (as token_request does).
HttpResponse introspect(const TestServer& server, const AppCredentials& app,
                        const std::string& token);
HttpResponse revoke(const TestServer& server, const AppCredentials& app, const std::string& token);

// The whole flow in a fresh browser: authorize (with a PKCE challenge for public apps), sign in as
// `user`, redeem the code. Returns the token response; an empty object after a test failure.
boost::json::object sign_in_and_redeem(const TestServer& server, const AppCredentials& app,
                                       AuthorizeRequest request, const UserSpec& user);

// The payload of the compact JWS `jwt` once its signature verifies with a key of the server's
// /oidc/jwks; an empty object (and a test failure) otherwise.
boost::json::object verified_payload(const TestServer& server, const std::string& jwt);
// Seconds since the epoch, now.
std::int64_t unix_now();

// A JSON member as a string ("" when absent or not a string).
std::string json_text(const boost::json::value& value, std::string_view name);

}  // namespace latch::test
