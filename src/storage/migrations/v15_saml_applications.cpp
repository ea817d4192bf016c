#include "storage/migrations/v15_saml_applications.hpp"

namespace latch::storage::migrations {

// SAML applications, Latch as a SAML IdP (Logto's saml_application_configs,
// saml_application_secrets and saml_application_sessions). The app is a row of applications of
// type 'SAML'; its rows here go with it. acs_url and encryption are JSON (Logto's jsonb),
// attribute_mapping a JSON object; sp_certificate (Latch) is the SP's signing certificate, PEM.
// A secret's private key is sealed with the master key; at most one secret of an app is active.
// A session is unique by (application_id, saml_request_id): an AuthnRequest is accepted once,
// and its session is kept until it expires, so that a replay is refused. Times are epoch
// milliseconds.
extern const std::string_view kV15SamlApplications = R"sql(
CREATE TABLE saml_application_configs (
  application_id TEXT PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
  attribute_mapping TEXT NOT NULL DEFAULT '{}',
  entity_id TEXT,
  acs_url TEXT,
  encryption TEXT,
  name_id_format TEXT NOT NULL,
  sp_certificate TEXT
);

CREATE TABLE saml_application_secrets (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  sealed_private_key TEXT NOT NULL,
  certificate TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE INDEX saml_application_secrets_application_id
  ON saml_application_secrets (application_id, created_at);
CREATE UNIQUE INDEX saml_application_secrets_one_active
  ON saml_application_secrets (application_id) WHERE active = 1;

CREATE TABLE saml_application_sessions (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  saml_request_id TEXT,
  oidc_state TEXT,
  code_verifier TEXT NOT NULL,
  relay_state TEXT,
  acs_url TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX saml_application_sessions_request_key
  ON saml_application_sessions (application_id, saml_request_id);
CREATE INDEX saml_application_sessions_expires_at ON saml_application_sessions (expires_at);
)sql";

}  // namespace latch::storage::migrations
