#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "management/saml_application_service.hpp"
#include "saml/binding.hpp"
#include "storage/store.hpp"

// Signing in to a SAML app (SAML profiles §4.1, Web Browser SSO, Latch as the IdP). The
// AuthnRequest (or an IdP-initiated start) becomes a short-lived SAML session; the person then
// signs in through Latch's own authorization endpoint, the app being an OIDC client whose
// redirect URI is its callback, so an existing browser session gives single sign-on across OIDC
// and SAML apps; the callback redeems the code internally (with PKCE) and answers the ACS with a
// signed Response by HTTP-POST. Blocks on the database; thread-safe.
namespace latch::management {

// How an AuthnRequest arrived.
enum class SamlBinding { Redirect, Post, IdpInitiated };

struct SamlAuthnInput {
  std::string app_id;
  SamlBinding binding = SamlBinding::Redirect;
  std::string raw_query;                   // Redirect: the query string as received
  std::string saml_request;                // Post: the SAMLRequest form field
  std::optional<std::string> relay_state;  // Post and IdpInitiated (Redirect reads the query)
};

// Where to send the browser next, and the session its cookie names.
struct SamlAuthnStart {
  std::string authorization_url;
  std::string session_id;
  std::int64_t expires_at = 0;  // epoch milliseconds
};

// What the authorization endpoint sent back to the callback.
struct SamlCallbackInput {
  std::string app_id;
  std::optional<std::string> session_id;  // from the cookie
  std::string code, state, error, error_description;
};

class SamlSignIn {
 public:
  SamlSignIn(storage::Store& store, const crypto::SecretBox& secrets, const Clock& clock,
             std::string endpoint)
      : store_(store),
        secrets_(secrets),
        clock_(clock),
        endpoint_(std::move(endpoint)),
        apps_(store, secrets, clock, endpoint_) {}

  // Checks the request and opens a session. Errors (InvalidRequest unless said): those of
  // SamlApplicationService::get; application.saml.entity_id_required / acs_url_required when
  // the app is not configured; application.saml.invalid_saml_request for a message that does
  // not decode or parse, is not fresh (IssueInstant more than 5 minutes old), names another
  // Destination or a RelayState over 512 bytes; application.saml.invalid_signature when the app
  // has an SP certificate and the request is unsigned or not signed by it;
  // application.saml.auth_request_issuer_not_match; application.saml.acs_url_mismatch for an
  // AssertionConsumerServiceURL other than the registered one; application.saml.request_replayed
  // for a request ID seen before.
  [[nodiscard]] Result<SamlAuthnStart> start(const SamlAuthnInput& input);

  // Ends the sign-in: the session must be the cookie's, unused, unexpired and carry `state`;
  // the code must be this app's, for its callback and the session's PKCE verifier. Returns the
  // form that posts the signed Response to the ACS. Errors (InvalidRequest):
  // application.saml.sp_initiated_saml_sso_session_not_found_in_cookies /
  // ..._not_found / state_mismatch; oidc.invalid_request when the authorization failed;
  // oidc.invalid_grant for a bad code; application.saml.missing_email_address /
  // email_address_unverified for an emailAddress NameID; application.saml.no_active_secret
  // (NotFound); application.saml.encryption_not_supported for an app that asks for encrypted
  // assertions.
  [[nodiscard]] Result<saml::PostForm> finish(const SamlCallbackInput& input);

 private:
  Result<SamlAuthnStart> open_session(const SamlAppView& app, std::optional<std::string> request_id,
                                      std::optional<std::string> relay_state, bool force_authn);

  storage::Store& store_;
  const crypto::SecretBox& secrets_;
  const Clock& clock_;
  std::string endpoint_;
  SamlApplicationService apps_;
};

// The path of the script the Response form loads (saml::kAutoSubmitScript).
inline constexpr std::string_view kSamlAutoSubmitPath = "/api/saml/auto-submit.js";

}  // namespace latch::management
