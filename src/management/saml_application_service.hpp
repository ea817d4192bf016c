#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/aead.hpp"
#include "model/application.hpp"
#include "storage/store.hpp"

// SAML applications: Latch as a SAML 2.0 identity provider for a service provider (Logto's
// routes/saml-application and libraries/saml-application). A SAML app is an application of type
// SAML (a confidential OIDC client whose only redirect URI is its callback, so that signing in
// reuses the whole OP and its browser session), a config row (the SP: entity ID, ACS URL,
// NameID format, attribute mapping, encryption) and signing secrets (one active). The sign-in
// itself is management/saml_sign_in.hpp.
namespace latch::management {

// A partial create or update, as Logto's samlApplicationCreateGuard / PatchGuard read it. The
// JSON members are validated by the service. For the nullable ones, nullopt = absent and
// optional(nullopt) = null.
struct SamlAppChange {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<boost::json::object> custom_data;
  std::optional<boost::json::object> attribute_mapping;
  std::optional<std::optional<std::string>> entity_id;
  std::optional<std::optional<boost::json::object>> acs_url;
  std::optional<std::optional<boost::json::object>> encryption;
  std::optional<std::string> name_id_format;
  std::optional<std::optional<std::string>> sp_certificate;  // Latch: PEM
};

// A SAML app as the API shows it.
struct SamlAppView {
  model::Application app;
  storage::SamlAppConfig config;
};

// One signing secret as the API shows it: no private key.
struct SamlSecretView {
  storage::SamlAppSecret secret;
  std::string fingerprint;  // SHA-256 of the certificate, "AB:CD:..."
};

// The IdP's URLs for app `id` under `endpoint` (Logto's): entity ID `${endpoint}/saml/${id}`,
// SSO service `${endpoint}/api/saml/${id}/authn`, OIDC callback
// `${endpoint}/api/saml-applications/${id}/callback`.
std::string saml_idp_entity_id(std::string_view endpoint, std::string_view id);
std::string saml_sso_url(std::string_view endpoint, std::string_view id);
std::string saml_callback_url(std::string_view endpoint, std::string_view id);

// Blocks on the database; thread-safe.
class SamlApplicationService {
 public:
  SamlApplicationService(storage::Store& store, const crypto::SecretBox& secrets,
                         const Clock& clock, std::string endpoint)
      : store_(store), secrets_(secrets), clock_(clock), endpoint_(std::move(endpoint)) {}

  // Creates the app, its config and its first secret (active, 3 years). InvalidRequest
  // (guard.invalid_input) for a bad member, naming it; application.saml.* keys as Logto's:
  // acs_url_binding_not_supported (Conflict, 422) for an HTTP-Redirect ACS.
  [[nodiscard]] Result<SamlAppView> create(const SamlAppChange& change);
  // NotFound entity.not_found when absent; Conflict (422) application.saml.saml_application_only
  // for an app of another type.
  [[nodiscard]] Result<SamlAppView> get(const std::string& id);
  // Validated as create; errors as get.
  [[nodiscard]] Result<SamlAppView> update(const std::string& id, const SamlAppChange& change);
  // Errors as get.
  [[nodiscard]] Result<void> remove(const std::string& id);

  // A new key pair and self-signed certificate, inactive, for `years` (>= 1). Errors as get.
  [[nodiscard]] Result<SamlSecretView> create_secret(const std::string& id, int years);
  // Oldest first. Errors as get.
  [[nodiscard]] Result<std::vector<SamlSecretView>> list_secrets(const std::string& id);
  // Activating one deactivates the others. NotFound when the app or the secret is absent.
  [[nodiscard]] Result<SamlSecretView> set_secret_active(const std::string& id,
                                                         const std::string& secret_id, bool active);
  // InvalidRequest application.saml.can_not_delete_active_secret for the active one.
  [[nodiscard]] Result<void> remove_secret(const std::string& id, const std::string& secret_id);

  // The IdP metadata XML (SAML metadata §2.4.3) with the active certificate. NotFound
  // application.saml.no_active_secret when there is none; errors as get.
  [[nodiscard]] Result<std::string> metadata(const std::string& id);

 private:
  Result<SamlAppView> load(storage::Tx& tx, const std::string& id);
  Result<storage::SamlAppSecret> new_secret(const std::string& id, int years, bool active);

  storage::Store& store_;
  const crypto::SecretBox& secrets_;
  const Clock& clock_;
  std::string endpoint_;
};

// Logto's SamlApplicationResponse: the application's members (id, name, description, type,
// customData, isThirdParty, appLevelAccessControlEnabled, createdAt) and the config's
// (attributeMapping, entityId, acsUrl, encryption, nameIdFormat), plus Latch's spCertificate.
boost::json::object to_json(const SamlAppView& view);
// Logto's SamlApplicationSecretResponse: id, certificate, createdAt, expiresAt, active,
// fingerprints {sha256 {formatted, unformatted}}.
boost::json::object to_json(const SamlSecretView& view);

}  // namespace latch::management
