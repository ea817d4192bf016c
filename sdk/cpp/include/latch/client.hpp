#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "latch/claims.hpp"
#include "latch/config.hpp"
#include "latch/error.hpp"
#include "latch/organizations.hpp"
#include "latch/storage.hpp"

namespace latch {

// The guide's LogtoClient for C++: signs a user in to a web app with the authorization code
// flow (PKCE S256, state and nonce checked, ID token verified against the JWKS), keeps the
// tokens only in the given Storage, refreshes access tokens, signs out.
//
// Every method throws latch::Error (see error.hpp) on failure. Each blocking method has an
// `async_` twin for Asio coroutines, which never blocks the calling executor's thread.
// A Client is cheap: make one per request with that visitor's Storage. Discovery documents and
// JWKS are cached per endpoint for the whole process (thread-safe), and a JWKS is refetched
// once when a token names an unknown key (key rotation).
class Client {
 public:
  // REQUIRES: `storage` outlives the Client.
  Client(Config config, Storage& storage);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // The URL to redirect the visitor to; remembers state, verifier and nonce in the storage.
  std::string sign_in(const std::string& redirect_uri, const SignInOptions& options = {});
  boost::asio::awaitable<std::string> async_sign_in(std::string redirect_uri,
                                                    SignInOptions options = {});

  // Completes the sign-in from the full callback URL (or its path and query) the visitor
  // arrived at: checks state, redeems the code, verifies the ID token, stores the tokens.
  void handle_sign_in_callback(std::string_view callback_url);
  boost::asio::awaitable<void> async_handle_sign_in_callback(std::string callback_url);

  // Forgets the tokens (revoking the refresh token at the server) and returns the end-session
  // URL to redirect to (with post_logout_redirect_uri when given).
  std::string sign_out(const std::string& post_logout_redirect_uri = {});
  boost::asio::awaitable<std::string> async_sign_out(std::string post_logout_redirect_uri = {});

  // True when the storage holds an ID token (it was verified when stored).
  bool is_authenticated();
  // The stored ID token's claims. Errc::not_authenticated without one.
  IdTokenClaims id_token_claims();

  // GET /oidc/me with an access token for the user (refreshed when needed).
  boost::json::object fetch_user_info();
  boost::asio::awaitable<boost::json::object> async_fetch_user_info();

  // An access token for `resource` ("" = the userinfo token): the stored one while it is valid,
  // else a new one through the refresh token (rotated and stored). Errc::refresh_failed when
  // that is impossible: sign in again.
  std::string access_token(const std::string& resource = {});
  boost::asio::awaitable<std::string> async_access_token(std::string resource = {});

  // An organization token (Logto's getOrganizationToken, RFC 0001): a JWT whose `aud` is
  // "urn:logto:organization:<organization_id>" and whose `scope` holds what the user's roles in
  // that organization grant of the scopes this app asked for at sign-in. The stored one while
  // it has more than a minute left, else the refresh grant with `organization_id` (and no
  // resource); cached per organization. REQUIRES: Config::scopes holds kOrganizationsScope (the
  // sign-in must ask for it; Errc::invalid_config otherwise, Logto's
  // missing_scope_organizations) and `organization_id` is not empty (Errc::invalid_config).
  // Errc::organization_access_denied when Latch refuses (not a member, MFA required by the
  // organization, a refresh token from a sign-in without the scope); Errc::refresh_failed when
  // the refresh token itself is refused (sign in again).
  std::string organization_token(const std::string& organization_id);
  boost::asio::awaitable<std::string> async_organization_token(std::string organization_id);

  // The organizations the stored ID token lists (organizations_from_claims): ids with, when the
  // sign-in asked for kOrganizationRolesScope, the user's roles in each. {} when the sign-in
  // did not ask for kOrganizationsScope. As of the last sign-in or refresh: a membership
  // changed since shows after the next refresh (or in fetch_user_info(), which is current).
  // Errc::not_authenticated without an ID token.
  std::vector<UserOrganization> organizations();

  // Forgets the stored access tokens, organization tokens included (Logto's clearAccessToken),
  // keeping the sign-in: the next access_token() or organization_token() gets a new one through
  // the refresh token. An access token's scopes are fixed when it is issued, so this is how a
  // signed-in user picks up a role (or a membership) an operator just gave or took away without
  // signing in again.
  void clear_access_tokens();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace latch
