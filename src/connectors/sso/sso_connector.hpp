#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/social/social_connector.hpp"
#include "core/result.hpp"

// Enterprise SSO connectors (Logto's sso/): a provider per kind of identity provider (Logto's
// provider names: OIDC, SAML, AzureAD, AzureAdOidc, GoogleWorkspace, Okta) that validates the
// admin's configuration and builds the connector a sign-in uses. A connector only speaks to its
// IdP: it knows nothing of storage, sessions or users. SAML plugs in as another SsoProvider whose
// connector implements the same two calls.
namespace latch::connectors::sso {

// The person as the IdP vouches for them.
struct SsoUserInfo {
  std::string issuer;   // OIDC issuer or SAML entity ID: with `subject`, the identity's key
  std::string subject;  // the stable id at the IdP
  std::string email;    // only when the IdP vouches for it (or the admin trusts unverified ones)
  std::string name, avatar;
  boost::json::object raw;  // claims or attributes as the IdP sent them
  // SAML: the assertion's ID and when it expires (epoch ms). The caller records it and refuses
  // it again until then (no replay); empty for OIDC, whose nonce binds the ID token instead.
  std::string assertion_id;
  std::int64_t assertion_expires_at = 0;
};

// What one sign-in attempt remembers between the redirect and the callback (server side).
struct SsoSession {
  std::string state;          // the experience client's, sent to the IdP and back
  std::string redirect_uri;   // where the IdP returns the browser
  std::string nonce;          // OIDC, filled by authorization_uri
  std::string code_verifier;  // OIDC PKCE, filled by authorization_uri
  std::string request_id;     // SAML AuthnRequest ID (InResponseTo), filled by authorization_uri
  std::string relay_state;    // SAML RelayState, set by the caller before authorization_uri
};

// Errors carry a phrase key as description (social_connector.hpp lists the connector.* keys):
// InvalidRequest connector.invalid_config for a configuration the IdP refuses, Unavailable for
// an IdP that cannot be reached, InvalidToken for a response that does not verify.
class SsoConnector {
 public:
  virtual ~SsoConnector() = default;
  // Where the browser goes to sign in at the IdP. Fills the parts of `session` the callback
  // needs. Blocking (may fetch the IdP's metadata).
  [[nodiscard]] virtual Result<std::string> authorization_uri(SsoSession& session) const = 0;
  // Checks the IdP's answer (OIDC: the callback's query; SAML: the POSTed form) against
  // `session` and returns who signed in. Blocking.
  [[nodiscard]] virtual Result<SsoUserInfo> verify(const CallbackParams& data,
                                                   const SsoSession& session) const = 0;
};

// Static facts about a provider (Logto's factory details).
struct ProviderInfo {
  std::string_view provider_name;  // OIDC
  std::string_view provider_type;  // oidc or saml
  std::string_view name;           // OIDC, Okta, Microsoft Entra ID (OIDC), ...
  std::string_view description_en, description_ja;
  std::string_view logo_svg, logo_dark_svg;
};

class SsoProvider {
 public:
  virtual ~SsoProvider() = default;
  virtual const ProviderInfo& info() const = 0;
  // Logto's configuration guard: the configuration with unknown members dropped and defaults
  // filled. InvalidRequest keyed connector.invalid_config, naming the field, for a missing or
  // mistyped member.
  [[nodiscard]] virtual Result<boost::json::object> validate(
      const boost::json::object& config) const = 0;
  // What the IdP publishes for this configuration (OIDC: its discovery document), used to check
  // a configuration and shown as providerConfig. REQUIRES: `config` passed validate(). Blocking.
  [[nodiscard]] virtual Result<boost::json::object> provider_config(
      const boost::json::object& config, const ConnectorEnv& env) const = 0;
  // The connector for a sign-in, or nullptr when this provider kind cannot sign in in this
  // build. REQUIRES: `config` passed validate().
  virtual std::unique_ptr<SsoConnector> create(const boost::json::object& config,
                                               const ConnectorEnv& env) const = 0;
};

// Every provider, in Logto's order: OIDC, SAML, AzureAD, AzureAdOidc, GoogleWorkspace, Okta.
const std::vector<const SsoProvider*>& sso_providers();
// By provider name (exact); nullptr when unknown.
const SsoProvider* find_sso_provider(std::string_view provider_name);

// InvalidRequest keyed connector.invalid_config naming `field` (`why`: "is required", ...).
Error invalid_config(std::string_view field, std::string_view why);

}  // namespace latch::connectors::sso
