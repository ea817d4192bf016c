#include "storage/migrations/v14_saml_sso.hpp"

namespace latch::storage::migrations {

// SAML SSO connectors (Latch as a SAML service provider).
// - saml_sso_relays: one SP-initiated sign-in between the AuthnRequest and the IdP's POST to
//   the ACS. relay_state is the RelayState sent to the IdP (random); the ACS, which receives no
//   interaction cookie (a cross-site POST), finds here where to send the browser and keeps the
//   raw Response until the callback verifies it against the interaction's request ID.
// - saml_sso_assertions: the IDs of assertions accepted, kept until they expire, so that a
//   Response is consumed once on every node (no replay).
// - saml_sso_connector_signing_keys: Logto's table; the private key sealed with the master key.
//   At most one active key per connector.
// - sso_connector_idp_initiated_auth_configs and idp_initiated_saml_sso_sessions: Logto's
//   IdP-initiated SSO: which application an unsolicited Response lands on, and the verified
//   assertion waiting for that application's authorization request.
// Deleting a connector (or the application) removes the rows that name it. Times are epoch
// milliseconds.
extern const std::string_view kV14SamlSso = R"sql(
CREATE TABLE saml_sso_relays (
  relay_state TEXT PRIMARY KEY,
  sso_connector_id TEXT NOT NULL REFERENCES sso_connectors (id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  state TEXT NOT NULL,
  response TEXT NOT NULL DEFAULT '',
  expires_at BIGINT NOT NULL
);
CREATE INDEX saml_sso_relays_expires_at ON saml_sso_relays (expires_at);

CREATE TABLE saml_sso_assertions (
  sso_connector_id TEXT NOT NULL REFERENCES sso_connectors (id) ON DELETE CASCADE,
  assertion_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (sso_connector_id, assertion_id)
);
CREATE INDEX saml_sso_assertions_expires_at ON saml_sso_assertions (expires_at);

CREATE TABLE saml_sso_connector_signing_keys (
  id TEXT PRIMARY KEY,
  sso_connector_id TEXT NOT NULL REFERENCES sso_connectors (id) ON DELETE CASCADE,
  sealed_private_key TEXT NOT NULL,
  certificate TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX saml_sso_connector_signing_keys_connector
  ON saml_sso_connector_signing_keys (sso_connector_id, created_at);
CREATE UNIQUE INDEX saml_sso_connector_signing_keys_unique_active
  ON saml_sso_connector_signing_keys (sso_connector_id) WHERE active = 1;

CREATE TABLE sso_connector_idp_initiated_auth_configs (
  sso_connector_id TEXT PRIMARY KEY REFERENCES sso_connectors (id) ON DELETE CASCADE,
  default_application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL DEFAULT '',
  auth_parameters TEXT NOT NULL DEFAULT '{}',
  auto_send_authorization_request INTEGER NOT NULL DEFAULT 0
    CHECK (auto_send_authorization_request IN (0, 1)),
  client_idp_initiated_auth_callback_uri TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE idp_initiated_saml_sso_sessions (
  id TEXT PRIMARY KEY,
  sso_connector_id TEXT NOT NULL REFERENCES sso_connectors (id) ON DELETE CASCADE,
  assertion_content TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX idp_initiated_saml_sso_sessions_expires_at
  ON idp_initiated_saml_sso_sessions (expires_at);
)sql";

}  // namespace latch::storage::migrations
