#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

// Repositories of SAML applications, Latch as a SAML IdP (Logto's saml_application_configs,
// saml_application_secrets, saml_application_sessions). The application itself is a row of
// `applications` of type SAML; these rows go with it when it is deleted. Same rules as
// repositories.hpp: obtained from a Tx, valid inside it, one thread.
namespace latch::storage {

// A SAML app's service-provider side. JSON members are stored as Logto's jsonb columns are.
struct SamlAppConfig {
  std::string application_id;
  std::string attribute_mapping_json = "{}";  // {claim: SAML attribute name}
  std::optional<std::string> entity_id;       // the SP's entity ID
  std::optional<std::string> acs_url_json;    // {binding, url}
  std::optional<std::string> encryption_json;
  std::string name_id_format;
  // Latch: the SP's signing certificate (PEM); when set, AuthnRequests must be signed by it.
  std::optional<std::string> sp_certificate;
};

// A key pair the IdP signs the app's Responses with. At most one per app is active.
struct SamlAppSecret {
  std::string id;
  std::string application_id;
  std::string sealed_private_key;  // PKCS#8 PEM sealed with the master key (AAD = id)
  std::string certificate;         // PEM
  std::int64_t created_at = 0;     // epoch milliseconds
  std::int64_t expires_at = 0;
  bool active = false;
};

// A sign-in under way for a SAML app: made when the AuthnRequest (or an IdP-initiated start)
// arrives, found again by its OIDC state when the authorization flow returns.
struct SamlAppSession {
  std::string id;
  std::string application_id;
  std::optional<std::string> saml_request_id;  // the AuthnRequest's ID; none: IdP-initiated
  std::optional<std::string> oidc_state;       // cleared when the session has been used
  std::string code_verifier;                   // PKCE for the code the callback redeems
  std::optional<std::string> relay_state;
  std::string acs_url;  // where the Response goes
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

class SamlApplicationRepository {
 public:
  virtual ~SamlApplicationRepository() = default;

  // ---- configs: one per SAML app
  // Conflict when the app has one; NotFound when the app is absent.
  [[nodiscard]] virtual Result<void> insert_config(const SamlAppConfig& config) = 0;
  // Replaces everything but application_id. NotFound when absent.
  [[nodiscard]] virtual Result<void> update_config(const SamlAppConfig& config) = 0;
  [[nodiscard]] virtual Result<std::optional<SamlAppConfig>> find_config(
      std::string_view application_id) = 0;

  // ---- secrets
  // When `secret.active`, the app's other secrets become inactive first.
  [[nodiscard]] virtual Result<void> insert_secret(const SamlAppSecret& secret) = 0;
  // Oldest first.
  [[nodiscard]] virtual Result<std::vector<SamlAppSecret>> list_secrets(
      std::string_view application_id) = 0;
  [[nodiscard]] virtual Result<std::optional<SamlAppSecret>> find_secret(
      std::string_view application_id, std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::optional<SamlAppSecret>> active_secret(
      std::string_view application_id) = 0;
  // Activating makes the app's other secrets inactive. NotFound when absent.
  [[nodiscard]] virtual Result<void> set_secret_active(std::string_view application_id,
                                                       std::string_view id, bool active) = 0;
  // NotFound when absent.
  [[nodiscard]] virtual Result<void> remove_secret(std::string_view application_id,
                                                   std::string_view id) = 0;

  // ---- sessions
  // Conflict keyed application.saml.request_replayed when the app already has a session for
  // that AuthnRequest ID (a replayed request).
  [[nodiscard]] virtual Result<void> insert_session(const SamlAppSession& session) = 0;
  [[nodiscard]] virtual Result<std::optional<SamlAppSession>> find_session(std::string_view id) = 0;
  // Clears the session's OIDC state so that it cannot be used again; false when it had none.
  [[nodiscard]] virtual Result<bool> consume_session(std::string_view id) = 0;
  // Deletes the sessions that expired at or before `now` (epoch milliseconds).
  [[nodiscard]] virtual Result<void> purge_sessions(std::int64_t now) = 0;
};

}  // namespace latch::storage
