#include "storage/migrations/v13_sso_connectors.hpp"

namespace latch::storage::migrations {

// Enterprise SSO (Logto's sso_connectors, user_sso_identities and
// organization_jit_sso_connectors). A connector's configuration is sealed with the master key,
// as a social connector's is (sealed_config where Logto has config); domains is a JSON array of
// lower-case email domains, branding a JSON object {displayName, logo, darkLogo}. An SSO identity
// is unique by (issuer, identity_id): the IdP's issuer (OIDC) or entity ID (SAML) and its subject.
// Deleting a user, connector or organization removes the rows that name it. Times are epoch
// milliseconds.
extern const std::string_view kV13SsoConnectors = R"sql(
CREATE TABLE sso_connectors (
  id TEXT PRIMARY KEY,
  provider_name TEXT NOT NULL,
  connector_name TEXT NOT NULL UNIQUE,
  sealed_config TEXT NOT NULL,
  domains TEXT NOT NULL DEFAULT '[]',
  branding TEXT NOT NULL DEFAULT '{}',
  sync_profile INTEGER NOT NULL DEFAULT 0 CHECK (sync_profile IN (0, 1)),
  enable_token_storage INTEGER NOT NULL DEFAULT 0 CHECK (enable_token_storage IN (0, 1)),
  created_at BIGINT NOT NULL
);
CREATE INDEX sso_connectors_created_at ON sso_connectors (created_at, id);

CREATE TABLE user_sso_identities (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  issuer TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  sso_connector_id TEXT NOT NULL REFERENCES sso_connectors (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (issuer, identity_id)
);
CREATE INDEX user_sso_identities_user_id ON user_sso_identities (user_id);
CREATE INDEX user_sso_identities_sso_connector_id ON user_sso_identities (sso_connector_id);

CREATE TABLE organization_jit_sso_connectors (
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  sso_connector_id TEXT NOT NULL REFERENCES sso_connectors (id) ON DELETE CASCADE,
  PRIMARY KEY (organization_id, sso_connector_id)
);
CREATE INDEX organization_jit_sso_connectors_connector
  ON organization_jit_sso_connectors (sso_connector_id);
)sql";

}  // namespace latch::storage::migrations
