#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/sso/saml_sso_connector.hpp"
#include "connectors/sso/sso_connector.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "storage/store.hpp"

// Enterprise SSO connectors as stored (Logto's libraries/sso-connector.ts and the rules of
// routes/sso-connector/): add, edit, remove, list, pick by email domain, build for a sign-in.
namespace latch::experience {

// A link to /sso/test/<ticket> (test connection), and when it stops working (epoch ms).
struct SsoTestLink {
  std::string ticket;
  std::int64_t expires_at = 0;
};

// What a test sign-in remembers between the redirect to the IdP and the callback: the sign-in's
// session and the connector it tests. It rides in the browser, sealed (kSsoTestCookie).
struct SsoTest {
  std::string connector_id;
  connectors::sso::SsoSession session;
  std::int64_t expires_at = 0;  // epoch ms
};

// One stored SSO connector with its configuration opened.
struct SsoConnectorInfo {
  storage::SsoConnectorRecord record;
  const connectors::sso::SsoProvider* provider = nullptr;
  boost::json::object config;  // as validated, secrets in clear; {} until the admin sets one
  std::vector<std::string> domains;
  boost::json::object branding;
};

// What an admin sets (POST and PATCH /api/sso-connectors). Absent members stay as they are.
struct SsoConnectorChange {
  std::string provider_name;  // create only
  std::optional<std::string> connector_name;
  std::optional<boost::json::object> config;
  std::optional<std::vector<std::string>> domains;
  std::optional<boost::json::object> branding;
  std::optional<bool> sync_profile;
  std::optional<bool> enable_token_storage;
};

// Blocking; thread-safe. The configuration is sealed with the master key, bound to the
// connector's id. Errors (Logto's codes): NotFound connector.not_found (404); InvalidRequest
// connector.not_found for an unknown provider (422 in Logto, here through Conflict); Conflict
// single_sign_on.duplicate_connector_name (409), single_sign_on.forbidden_domains and
// single_sign_on.duplicated_domains (422); InvalidRequest connector.invalid_config for a
// configuration the provider's guard refuses or whose IdP cannot be reached (400);
// InvalidRequest single_sign_on.active_signing_key_required for a signed AuthnRequest;
// Unprocessable request.feature_not_supported for token storage (not in this build).
class SsoConnectors {
 public:
  // `endpoint`: Latch's public URL, from which a SAML connector's entity ID and ACS URL derive.
  SsoConnectors(storage::Store& store, const crypto::SecretBox& secrets, const Clock& clock,
                std::chrono::milliseconds timeout, std::string endpoint = {})
      : store_(store),
        secrets_(secrets),
        clock_(clock),
        timeout_(timeout),
        endpoint_(std::move(endpoint)) {}

  // REQUIRES: change.connector_name is set. A configuration, when given, is checked against
  // the IdP (OIDC: its discovery document must load).
  [[nodiscard]] Result<SsoConnectorInfo> create(const SsoConnectorChange& change);
  // A new configuration replaces the stored one as a whole (Logto's PATCH).
  [[nodiscard]] Result<SsoConnectorInfo> update(std::string_view id,
                                                const SsoConnectorChange& change);
  // ---- test connection (sso_test.cpp): an admin's dry run of a sign-in at the connector's
  // IdP, which checks everything a sign-in checks and then shows what the IdP sent, creating
  // and changing no one. The link works for kSsoTestTtl for whoever opens it (a link preview
  // that opens it first does not spend it): it starts a sign-in at the IdP and shows the claims
  // of the person who signs in there, to that browser only.
  // A test link: the connector's id and an expiry, sealed with the master key. NotFound
  // connector.not_found; InvalidRequest connector.invalid_config when the connector has no
  // configuration its provider can sign in with.
  [[nodiscard]] Result<SsoTestLink> test_link(std::string_view id);
  // The connector a test link names. InvalidRequest single_sign_on.test_link_expired for a link
  // that is forged, for another master key, or older than kSsoTestTtl.
  [[nodiscard]] Result<std::string> open_test_link(std::string_view ticket) const;
  // The test sign-in sealed for kSsoTestCookie, and back; nullopt for a value that is forged or
  // expired.
  std::string seal_test(const SsoTest& test) const;
  std::optional<SsoTest> open_test(std::string_view sealed) const;

  // Its SSO identities and JIT links go with it.
  [[nodiscard]] Result<void> remove(std::string_view id);
  [[nodiscard]] Result<SsoConnectorInfo> find(std::string_view id);
  [[nodiscard]] Result<std::vector<SsoConnectorInfo>> list();

  // The connectors that may sign people in (Logto's getAvailableSsoConnectors): a configuration
  // their provider accepts and at least one domain. Oldest first.
  [[nodiscard]] Result<std::vector<SsoConnectorInfo>> usable();
  // The usable connectors with `email`'s domain among theirs. Oldest first.
  [[nodiscard]] Result<std::vector<SsoConnectorInfo>> for_email(std::string_view email);
  // Whether any usable connector has `email`'s domain (password sign-in is refused for it).
  [[nodiscard]] Result<bool> is_sso_email(std::string_view email);

  // ---- organizations' JIT links (Logto's organization_jit_sso_connectors).
  // The organization's linked connectors, oldest first. NotFound entity.not_exists_with_id for
  // an unknown organization.
  [[nodiscard]] Result<std::vector<SsoConnectorInfo>> jit_connectors(
      std::string_view organization_id);
  // Adds (or with `replace`, makes the whole set) the links. NotFound as jit_connectors;
  // Conflict entity.relation_foreign_key_not_found (422) for an unknown connector.
  [[nodiscard]] Result<void> set_jit(std::string_view organization_id,
                                     const std::vector<std::string>& connector_ids, bool replace);
  // NotFound entity.not_found when the link is absent.
  [[nodiscard]] Result<void> remove_jit(std::string_view organization_id,
                                        std::string_view connector_id);
  // The users' SSO identities as Logto shows them (UserSsoIdentity), oldest first.
  [[nodiscard]] Result<boost::json::array> identities_of(std::string_view user_id);

  // What the IdP publishes for the connector (providerConfig), or nullopt when it cannot be had
  // (no configuration, IdP unreachable, SAML in this build). Blocking.
  std::optional<boost::json::object> provider_config(const SsoConnectorInfo& info) const;
  // The connector for a sign-in; nullptr when the configuration is incomplete or the provider
  // cannot sign in in this build.
  std::unique_ptr<connectors::sso::SsoConnector> build(const SsoConnectorInfo& info) const;

  // ---- SAML connectors (saml_sso.cpp).
  // Whether the connector speaks SAML (providers SAML and AzureAD).
  static bool is_saml(const SsoConnectorInfo& info);
  // The SP the connector is: entity ID, ACS URL and its active signing key (if any).
  connectors::sso::SamlSp saml_sp(const SsoConnectorInfo& info) const;
  // The SP metadata XML. NotFound connector.not_found for a connector that is not SAML.
  [[nodiscard]] Result<std::string> sp_metadata(std::string_view id);
  // Logto's signing keys (SamlSsoConnectorSigningKey without the private key: id, certificate,
  // fingerprints, active, createdAt, expiresAt), oldest first. NotFound connector.not_found
  // for an unknown or non-SAML connector.
  [[nodiscard]] Result<boost::json::array> signing_keys(std::string_view id);
  // A fresh RSA key with a self-signed certificate; an active one deactivates the others.
  [[nodiscard]] Result<boost::json::object> create_signing_key(std::string_view id, bool active);
  // InvalidRequest single_sign_on.can_not_deactivate_signing_key_in_use to deactivate the
  // active key while signAuthnRequest is on; NotFound entity.not_found for an unknown key.
  [[nodiscard]] Result<boost::json::object> set_signing_key_active(std::string_view id,
                                                                   std::string_view key_id,
                                                                   bool active);
  // InvalidRequest single_sign_on.can_not_delete_active_signing_key for the active key.
  [[nodiscard]] Result<void> remove_signing_key(std::string_view id, std::string_view key_id);
  // Logto's SsoConnectorIdpInitiatedAuthConfig (connectorId, defaultApplicationId, redirectUri,
  // authParameters, autoSendAuthorizationRequest, clientIdpInitiatedAuthCallbackUri,
  // createdAt). NotFound entity.not_found when the connector has none.
  [[nodiscard]] Result<boost::json::object> idp_initiated_config(std::string_view id);
  // PUT: `body` as Logto's ssoConnectorIdpInitiatedAuthConfigCreateGuard. InvalidRequest
  // single_sign_on.idp_initiated_authentication_not_supported for an OIDC connector;
  // NotFound entity.not_exists_with_id for an unknown application; InvalidRequest
  // ..._invalid_application_type (first-party Traditional, or SPA when the client sends the
  // request), ..._redirect_uri_not_registered, or guard.invalid_input for a bad body.
  [[nodiscard]] Result<boost::json::object> put_idp_initiated_config(
      std::string_view id, const boost::json::object& body);
  // NotFound entity.not_found when there is none.
  [[nodiscard]] Result<void> remove_idp_initiated_config(std::string_view id);

 private:
  Result<SsoConnectorInfo> find_saml(std::string_view id);
  std::optional<storage::SamlSigningKeyRecord> active_key_record(std::string_view id) const;

  Result<SsoConnectorInfo> open(storage::SsoConnectorRecord record) const;
  Result<void> check_and_apply(SsoConnectorInfo& info, const SsoConnectorChange& change) const;
  connectors::ConnectorEnv env() const { return {clock_, timeout_}; }

  storage::Store& store_;
  const crypto::SecretBox& secrets_;
  const Clock& clock_;
  std::chrono::milliseconds timeout_;
  std::string endpoint_;
};

// The cookie that carries an IdP-initiated SAML session from the ACS to the sign-in page
// (Logto's idpInitiatedSamlSsoSessionCookieName).
inline constexpr std::string_view kIdpInitiatedSessionCookie = "_latch_idp_initiated_sso";

// How long a test link works, and how long a test sign-in waits for the IdP.
inline constexpr std::chrono::minutes kSsoTestTtl{10};
// The cookie that carries a test sign-in (SsoConnectors::seal_test) from /sso/test/<ticket> to
// the callback.
inline constexpr std::string_view kSsoTestCookie = "_latch_sso_test";

// The lower-case domain of `email` (after its last '@'); "" when it has none.
std::string email_domain(std::string_view email);

// Logto's UserSsoIdentity (id, userId, issuer, identityId, detail, ssoConnectorId, createdAt,
// updatedAt).
boost::json::object sso_identity_json(const storage::UserSsoIdentity& identity);

// `${endpoint}/callback/sso/${id}`: the redirect URI to register at the IdP.
std::string sso_callback_uri(std::string_view endpoint, std::string_view connector_id);

// Logto's SsoConnector (id, providerName, connectorName, config, domains, branding,
// syncProfile, enableTokenStorage, createdAt), plus Latch's redirectUri.
boost::json::object sso_connector_json(const SsoConnectorInfo& info, std::string_view endpoint);
// The same with Logto's provider details (name, providerType, providerLogo, providerLogoDark,
// providerConfig when known).
boost::json::object sso_connector_details_json(const SsoConnectorInfo& info,
                                               std::string_view endpoint,
                                               const std::optional<boost::json::object>& config);
// Logto's provider detail (providerName, providerType, logo, logoDark, description, name), the
// description in Japanese when `japanese`.
boost::json::object sso_provider_json(const connectors::sso::SsoProvider& provider, bool japanese);
// Logto's SsoConnectorMetadata, as the sign-in experience lists it: id, connectorName (the
// branding's displayName when set), logo (the branding's, else the provider's) and darkLogo.
boost::json::object sso_connector_metadata_json(const SsoConnectorInfo& info);
// "data:image/svg+xml;base64,…" of an inline SVG.
std::string svg_data_uri(std::string_view svg);

}  // namespace latch::experience
