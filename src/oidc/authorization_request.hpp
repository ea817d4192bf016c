#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"
#include "oidc/catalog.hpp"
#include "oidc/response_mode.hpp"

namespace latch::oidc {

// A validated authorization request (OIDC Core §3.1.2.1, RFC 6749 §4.1.1, RFC 7636, RFC 8707,
// and Logto's extra parameters). Stored with the interaction while the user signs in.
struct AuthorizationRequest {
  std::string client_id;
  std::string redirect_uri;
  ResponseMode response_mode = ResponseMode::Query;
  std::vector<std::string> scopes;
  std::string state;
  std::string nonce;
  std::string code_challenge;  // S256
  // RFC 9449 §10: the JWK thumbprint of the DPoP key the code is bound to ("" = not bound). From
  // the dpop_jkt parameter, or from the DPoP proof sent with a pushed request (§10.1).
  std::string dpop_jkt;
  std::vector<std::string> prompt;  // none, login, consent, select_account
  std::optional<std::int64_t> max_age;
  std::string login_hint;
  std::string ui_locales;
  std::vector<std::string> resources;
  std::string first_screen;  // "sign_in" (default) or "register"
  // Logto's direct_sign_in: "sso:<connectorId>" goes straight to that enterprise IdP.
  std::string direct_sign_in;
  // Logto's organization_id: the hosted pages show that organization's branding ("" = none; an
  // unknown id falls back to the sign-in experience's branding).
  std::string organization_id;
  // Set only on the interactions Latch's invitation page starts (never from a URL): the
  // invitation a sign-in or registration with the invitee's verified email accepts.
  std::string invitation_id;
  // Set only on the interactions the device page (/device) starts (never from a URL): the user
  // code of the device authorization (RFC 8628 §3.3) the sign-in ends in consenting to.
  std::string device_user_code;
  // The user a verified id_token_hint names (OIDC Core §3.1.2.1), "" without one. A browser
  // session of another user does not sign in silently.
  std::string hint_subject;
  // acr_values (OIDC Core §3.1.2.1), in order. Latch acts on kAcrMultiFactor
  // (oidc/authentication_methods.hpp): a session without a second factor signs in again, and the
  // sign-in asks for one.
  std::vector<std::string> acr_values;

  bool has_prompt(std::string_view p) const;
  // Whether the app asked for a multi-factor sign-in (acr_values has kAcrMultiFactor).
  bool wants_multi_factor() const;
};

boost::json::object to_json(const AuthorizationRequest& request);
[[nodiscard]] Result<AuthorizationRequest> authorization_request_from_json(std::string_view json);

// Why a request failed: errors found before the client and redirect URI are trusted are shown
// on a page (never redirected); later ones go back to the redirect URI.
struct AuthorizationFailure {
  Error error;
  bool redirect = false;
  std::string redirect_uri;  // when redirect
  std::string state;
  // The catalog did not know the client, the redirect URI or a resource: a newer snapshot
  // might (see Catalog::newer_than).
  bool catalog_miss = false;
  ResponseMode response_mode = ResponseMode::Query;  // how the error goes back, when redirect
};

// The resources a request names are known to `catalog` and open to `client` (RFC 8707 §2):
// InvalidTarget otherwise. The management API is open to the console's client only.
[[nodiscard]] Result<void> check_resources(const std::vector<std::string>& resources,
                                           const CatalogSnapshot& catalog,
                                           const ClientEntry& client);

// Validates `params` against the client and the catalog, one rule after another.
[[nodiscard]] boost::system::result<AuthorizationRequest, AuthorizationFailure>
parse_authorization_request(const http::Params& params, const CatalogSnapshot& catalog);

}  // namespace latch::oidc
