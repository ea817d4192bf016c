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

namespace latch::management {

// The admin console's own OIDC client (a public SPA client; see src/console).
using model::kConsoleAppId;

struct NewApplication {
  std::string name;
  std::string description;
  model::AppType type = model::AppType::Traditional;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> cors_allowed_origins;
  bool is_third_party = false;
  // model::Application's client authentication settings (checked by model::check_client_auth).
  std::string token_endpoint_auth_method;
  std::string jwks_json;
  std::string jwks_uri;
  // customClientMetadata.isDeviceFlow (RFC 8628): Native apps only, set once at creation.
  bool is_device_flow = false;
  // oidcClientMetadata.requirePushedAuthorizationRequests (RFC 9126 §6).
  bool require_pushed_authorization_requests = false;
  // customClientMetadata.allowTokenExchange (RFC 8693): never on a third-party app.
  bool allow_token_exchange = false;
  // OIDC Back-Channel Logout (model::check_backchannel_logout_uri judges the URI).
  std::string backchannel_logout_uri;
  bool backchannel_logout_session_required = false;
  std::string custom_data = "{}";  // customData: a JSON object, as text
  // customClientMetadata as given (JSON object text), and its token members read from it.
  std::string custom_client_metadata = "{}";
  model::ClientTokenSettings token_settings = {};
};

// A partial update; absent members keep their value.
struct ApplicationPatch {
  std::optional<std::string> name, description;
  std::optional<std::vector<std::string>> redirect_uris, post_logout_redirect_uris,
      cors_allowed_origins;
  std::optional<bool> is_third_party;
  std::optional<std::string> token_endpoint_auth_method, jwks_json, jwks_uri;
  // May only repeat the app's value (Conflict application.device_flow_not_changeable).
  std::optional<bool> is_device_flow;
  std::optional<bool> require_pushed_authorization_requests;
  std::optional<bool> allow_token_exchange;
  std::optional<std::string> backchannel_logout_uri;
  std::optional<bool> backchannel_logout_session_required;
  std::optional<std::string> custom_data;  // replaces the stored object (Logto's PATCH)
  // customClientMetadata as given, and its token members: both replace the stored ones.
  std::optional<std::string> custom_client_metadata;
  std::optional<model::ClientTokenSettings> token_settings;
};

struct ApplicationPage {
  std::vector<model::Application> apps;
  std::int64_t total = 0;
};

// An application with its secret in clear, for the operator who asked for it (the CLI): the one
// it was made with, or its active secret (management/application_secret_service.hpp
// active_secret). The Management API shows secrets only through /applications/:id/secrets.
struct ApplicationView {
  model::Application app;
  std::optional<std::string> secret;
};

// An application brought from elsewhere, with its secret (none for a public client).
struct ImportedApplication {
  model::Application app;
  std::optional<model::ApplicationSecret> secret;
};

// The refusal of a generic application route for a SAML app: InvalidRequest
// application.saml.use_saml_app_api (Logto's 400).
inline Error use_saml_app_api() {
  return keyed_error(Errc::InvalidRequest, "application.saml.use_saml_app_api");
}

// An application brought from another identity provider (latch import, migrate/writer.hpp):
// create()'s checks and record, with the source's id and creation time, and for an app that
// holds secrets the source's secret (a new one when it has none) as its model::kDefaultSecretName,
// sealed. Stores nothing.
[[nodiscard]] Result<ImportedApplication> imported_application(
    const NewApplication& request, std::string id, const std::optional<std::string>& secret,
    const crypto::SecretBox& secrets, std::int64_t created_at);

// Creates, reads and deletes applications. Shared by the CLI and the management API. Blocks on
// the database; thread-safe.
class ApplicationService {
 public:
  ApplicationService(storage::Store& store, const crypto::SecretBox& secrets, const Clock& clock)
      : store_(store), secrets_(secrets), clock_(clock) {}

  // InvalidRequest with a field-specific description for a bad name, type or URI (see
  // model::check_redirect_uri: the rules depend on the app's type); use_saml_app_api() for a
  // SAML app, as update, rotate_secret and remove answer for one.
  [[nodiscard]] Result<ApplicationView> create(const NewApplication& request);
  // NotFound when absent.
  [[nodiscard]] Result<ApplicationView> get(const std::string& id);
  [[nodiscard]] Result<std::vector<model::Application>> list();
  // Newest first.
  [[nodiscard]] Result<ApplicationPage> list(storage::Page page);
  // Machine-to-machine apps that do not hold role `role_id` (Logto's excludeRoleId), matching a
  // substring of the id or name; newest first.
  [[nodiscard]] Result<ApplicationPage> list_without_role(const std::string& role_id,
                                                          const std::string& search,
                                                          storage::Page page);
  // Validated as create is. NotFound "entity.not_found".
  [[nodiscard]] Result<ApplicationView> update(const std::string& id,
                                               const ApplicationPatch& patch);
  // A new value for the app's model::kDefaultSecretName secret (ApplicationSecretService::
  // rotate_default); the old one stops working at once. InvalidRequest for a public client.
  [[nodiscard]] Result<ApplicationView> rotate_secret(const std::string& id);
  [[nodiscard]] Result<void> remove(const std::string& id);
  // Creates or corrects the console's own client for `endpoint`: redirect URI
  // `${endpoint}/console/callback`, post sign-out `${endpoint}/console`. True when it changed.
  // update, rotate_secret and remove refuse that client (InvalidRequest).
  [[nodiscard]] Result<bool> ensure_console(const std::string& endpoint);
  // The same for the account page's client (model::kAccountAppId): redirect URI
  // `${endpoint}/account/callback`, post sign-out `${endpoint}/account`.
  [[nodiscard]] Result<bool> ensure_account(const std::string& endpoint);
  // The same for Logto's built-in "Live Preview" client (model::kDemoAppId): redirect URI and
  // post sign-out URI `${endpoint}/demo-app`. As in Logto, get shows it but update,
  // rotate_secret and remove answer NotFound "entity.not_found" for it.
  [[nodiscard]] Result<bool> ensure_demo(const std::string& endpoint);
  // Gives the machine-to-machine app `scopes` of the resource `resource_id` through its own
  // role, "Granted to <app name> (<app id>)" (made on first use, as migration v9 made them for
  // grants of earlier versions). NotFound for an unknown app or resource; InvalidRequest for a
  // scope the resource does not define or an app that is not machine-to-machine.
  [[nodiscard]] Result<void> grant(const std::string& app_id, const std::string& resource_id,
                                   const std::vector<std::string>& scopes);
  // Gives the machine-to-machine app the built-in management role (model::kManagementRoleId).
  [[nodiscard]] Result<void> give_management_access(const std::string& app_id);
  // Logto's isAdmin: gives (`on`) or takes away the management role; taking it from an app that
  // does not hold it succeeds. As give_management_access for a missing or non-M2M app.
  [[nodiscard]] Result<void> set_management_access(const std::string& app_id, bool on);
  // Whether the app holds the management role (Logto's isAdmin).
  [[nodiscard]] Result<bool> has_management_access(const std::string& app_id);

 private:
  // Creates Latch's own app `wanted`, or corrects its redirect URIs and type; true when changed.
  Result<bool> ensure_built_in(model::Application wanted);

  storage::Store& store_;
  const crypto::SecretBox& secrets_;
  const Clock& clock_;
};

// Logto's Management API shape (never the secret: Logto omits it): id, name, description, type,
// oidcClientMetadata
// {redirectUris, postLogoutRedirectUris, and Latch's tokenEndpointAuthMethod (the method in
// force: client_secret_basic or none when unset), jwks and jwksUri (when set),
// backchannelLogoutUri (when set) and backchannelLogoutSessionRequired},
// customClientMetadata (as it was given, with corsAllowedOrigins, isDeviceFlow and
// allowTokenExchange added when set otherwise: by the CLI, an import), customData, isThirdParty,
// createdAt.
boost::json::object to_json(const ApplicationView& view);

}  // namespace latch::management
