#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

// What SAML SSO connectors keep (migration v14): SP-initiated sign-ins waiting for the IdP's
// Response, the assertions already consumed, the connectors' signing keys and their
// IdP-initiated settings. Same rules as repositories.hpp: obtained from a Tx, valid inside it,
// one thread. Times are epoch milliseconds.
namespace latch::storage {

// One SP-initiated sign-in, from the AuthnRequest until the callback consumes it.
struct SamlRelay {
  std::string relay_state;   // the RelayState sent to the IdP; random
  std::string connector_id;  // the SSO connector
  std::string redirect_uri;  // where the ACS sends the browser (with ?state=)
  std::string state;         // the experience client's state
  std::string response;      // the IdP's Response XML once the ACS received it; "" before
  std::int64_t expires_at = 0;
};

// A key an SSO connector signs its AuthnRequests with (Logto's saml_sso_connector_signing_keys).
struct SamlSigningKeyRecord {
  std::string id;
  std::string connector_id;
  std::string sealed_private_key;  // PKCS#8 PEM sealed by the caller
  std::string certificate;         // PEM
  bool active = false;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;  // the certificate's notAfter
};

// Logto's sso_connector_idp_initiated_auth_configs.
struct IdpInitiatedAuthConfig {
  std::string connector_id;
  std::string default_application_id;
  std::string redirect_uri;                 // "" when unset
  std::string auth_parameters_json = "{}";  // {scope, ...}
  bool auto_send_authorization_request = false;
  std::string client_callback_uri;  // clientIdpInitiatedAuthCallbackUri; "" when unset
  std::int64_t created_at = 0;
};

// A verified unsolicited assertion waiting for the authorization request it starts.
struct IdpInitiatedSession {
  std::string id;
  std::string connector_id;
  std::string assertion_json = "{}";  // the user info the assertion carried
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
};

class SamlSsoRepository {
 public:
  virtual ~SamlSsoRepository() = default;

  // ---- SP-initiated sign-ins.
  [[nodiscard]] virtual Result<void> insert_relay(const SamlRelay& relay) = 0;
  // Stores `response` on the connector's relay when it is unexpired at `now` and has none yet;
  // returns the relay, or nullopt when there is no such relay.
  [[nodiscard]] virtual Result<std::optional<SamlRelay>> attach_response(
      std::string_view relay_state, std::string_view connector_id, std::string_view response,
      std::int64_t now) = 0;
  // Removes the connector's relay and returns it when it was unexpired at `now`.
  [[nodiscard]] virtual Result<std::optional<SamlRelay>> take_relay(std::string_view relay_state,
                                                                    std::string_view connector_id,
                                                                    std::int64_t now) = 0;
  // Records an accepted assertion until `expires_at`: true when it is new, false when the
  // connector accepted it already (a replay).
  [[nodiscard]] virtual Result<bool> record_assertion(std::string_view connector_id,
                                                      std::string_view assertion_id,
                                                      std::int64_t expires_at) = 0;
  // Deletes relays, assertions and IdP-initiated sessions expired at `now`.
  [[nodiscard]] virtual Result<void> purge_expired(std::int64_t now) = 0;

  // ---- signing keys, oldest first.
  [[nodiscard]] virtual Result<std::vector<SamlSigningKeyRecord>> signing_keys(
      std::string_view connector_id) = 0;
  // A new active key deactivates the connector's other keys in the same statement sequence.
  [[nodiscard]] virtual Result<void> insert_signing_key(const SamlSigningKeyRecord& key) = 0;
  // Activating a key deactivates the others. NotFound when absent.
  [[nodiscard]] virtual Result<void> set_signing_key_active(std::string_view connector_id,
                                                            std::string_view id, bool active) = 0;
  // NotFound when absent.
  [[nodiscard]] virtual Result<void> remove_signing_key(std::string_view connector_id,
                                                        std::string_view id) = 0;

  // ---- IdP-initiated SSO.
  [[nodiscard]] virtual Result<std::optional<IdpInitiatedAuthConfig>> idp_initiated_config(
      std::string_view connector_id) = 0;
  // Inserts or replaces (created_at kept on replace). NotFound when the application is absent.
  [[nodiscard]] virtual Result<void> put_idp_initiated_config(
      const IdpInitiatedAuthConfig& config) = 0;
  // NotFound when absent.
  [[nodiscard]] virtual Result<void> remove_idp_initiated_config(std::string_view connector_id) = 0;
  [[nodiscard]] virtual Result<void> insert_idp_initiated_session(
      const IdpInitiatedSession& session) = 0;
  // Removes the session and returns it when it was unexpired at `now`.
  [[nodiscard]] virtual Result<std::optional<IdpInitiatedSession>> take_idp_initiated_session(
      std::string_view id, std::int64_t now) = 0;
};

}  // namespace latch::storage
