#include "storage/migrations/v1_initial_schema.hpp"

namespace latch::storage::migrations {

// Portability notes (SQLite now, PostgreSQL later, same text):
//  - Booleans are INTEGER 0/1 with a CHECK, so both backends bind them the same way.
//  - Timestamps are BIGINT: epoch milliseconds or seconds as each model field documents.
//  - Lists of strings (redirect URIs, scope names) are JSON arrays in TEXT columns.
//  - username_lower and email_lower are lower-case copies computed by the application (ASCII),
//    not by the database, so uniqueness and lookups agree on every backend (SQLite's NOCASE and
//    PostgreSQL's citext/lower() disagree outside ASCII).
//  - SQLite enforces foreign keys only with PRAGMA foreign_keys=ON on each connection (the
//    SQLite store sets it); PostgreSQL always enforces them.
//  - Child tables index their foreign-key columns so cascades and revocations do not scan.
extern const std::string_view kV1InitialSchema = R"sql(
CREATE TABLE schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
);

CREATE TABLE cache_epochs (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO cache_epochs (name, version) VALUES ('applications', 0), ('resources', 0), ('keys', 0);

CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  sealed_secret TEXT NOT NULL DEFAULT '',
  redirect_uris TEXT NOT NULL DEFAULT '[]',
  post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]',
  cors_allowed_origins TEXT NOT NULL DEFAULT '[]',
  is_third_party INTEGER NOT NULL DEFAULT 0 CHECK (is_third_party IN (0, 1)),
  id_token_signed_response_alg TEXT NOT NULL DEFAULT '',
  custom_data TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL
);
CREATE INDEX applications_created_at ON applications (created_at DESC, id);

CREATE TABLE resources (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  indicator TEXT NOT NULL UNIQUE,
  access_token_ttl BIGINT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  access TEXT NOT NULL CHECK (access IN ('AllApps', 'Granted')),
  created_at BIGINT NOT NULL
);
CREATE INDEX resources_created_at ON resources (created_at DESC, id);

CREATE TABLE scopes (
  id TEXT PRIMARY KEY,
  resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (resource_id, name)
);

-- Scopes of one resource granted to one application (client credentials).
CREATE TABLE application_grants (
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  scope_names TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (application_id, resource_id)
);
CREATE INDEX application_grants_resource_id ON application_grants (resource_id);

CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  alg TEXT NOT NULL,
  sealed_private_key TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('Current', 'Previous')),
  created_at BIGINT NOT NULL,
  retire_at BIGINT NOT NULL DEFAULT 0
);
-- Exactly one Current key per algorithm.
CREATE UNIQUE INDEX signing_keys_current_alg ON signing_keys (alg) WHERE status = 'Current';
CREATE INDEX signing_keys_status_retire_at ON signing_keys (status, retire_at);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT,
  username_lower TEXT UNIQUE,
  primary_email TEXT,
  email_lower TEXT UNIQUE,
  primary_phone TEXT UNIQUE,
  name TEXT,
  avatar TEXT,
  password_hash TEXT NOT NULL DEFAULT '',
  profile TEXT NOT NULL DEFAULT '{}',
  custom_data TEXT NOT NULL DEFAULT '{}',
  identities TEXT NOT NULL DEFAULT '{}',
  is_suspended INTEGER NOT NULL DEFAULT 0 CHECK (is_suspended IN (0, 1)),
  last_sign_in_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX users_created_at ON users (created_at DESC, id);

CREATE TABLE browser_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX browser_sessions_user_id ON browser_sessions (user_id);
CREATE INDEX browser_sessions_expires_at ON browser_sessions (expires_at);

CREATE TABLE interactions (
  uid TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  params TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '{}',
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  auth_time BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX interactions_client_id ON interactions (client_id);
CREATE INDEX interactions_user_id ON interactions (user_id);
CREATE INDEX interactions_expires_at ON interactions (expires_at);

CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  scope TEXT NOT NULL DEFAULT '',
  resources TEXT NOT NULL DEFAULT '',
  session_id_hash TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);
CREATE INDEX grants_user_id ON grants (user_id);
CREATE INDEX grants_client_id ON grants (client_id);

CREATE TABLE authorization_codes (
  code_hash TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',
  resources TEXT NOT NULL DEFAULT '',
  nonce TEXT NOT NULL DEFAULT '',
  code_challenge TEXT NOT NULL DEFAULT '',
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX authorization_codes_grant_id ON authorization_codes (grant_id);
CREATE INDEX authorization_codes_client_id ON authorization_codes (client_id);
CREATE INDEX authorization_codes_user_id ON authorization_codes (user_id);

CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope TEXT NOT NULL DEFAULT '',
  resources TEXT NOT NULL DEFAULT '',
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX refresh_tokens_grant_id ON refresh_tokens (grant_id);
CREATE INDEX refresh_tokens_client_id ON refresh_tokens (client_id);
CREATE INDEX refresh_tokens_user_id ON refresh_tokens (user_id);

-- Opaque access tokens (no resource): good at /oidc/me and for introspection.
CREATE TABLE access_tokens (
  token_hash TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX access_tokens_grant_id ON access_tokens (grant_id);
CREATE INDEX access_tokens_client_id ON access_tokens (client_id);
CREATE INDEX access_tokens_user_id ON access_tokens (user_id);
)sql";

}  // namespace latch::storage::migrations
