#include "storage/migrations/v2_sign_in_experience.hpp"

namespace latch::storage::migrations {

// One configuration row per deployment (id 'default', as Logto's sign_in_experiences), stored as
// the JSON document the experience API reads and writes, with an optimistic-lock version.
extern const std::string_view kV2SignInExperience = R"sql(
CREATE TABLE sign_in_experiences (
  id TEXT PRIMARY KEY,
  config TEXT NOT NULL,
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO cache_epochs (name, version) VALUES ('sign_in_experience', 0);

-- Email (SMTP) and SMS connectors; the secret (SMTP password, SMS token) is sealed.
CREATE TABLE message_connectors (
  kind TEXT PRIMARY KEY CHECK (kind IN ('email', 'sms')),
  config TEXT NOT NULL DEFAULT '{}',
  sealed_secret TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);

CREATE TABLE verification_codes (
  id TEXT PRIMARY KEY,
  interaction_uid TEXT NOT NULL REFERENCES interactions (uid) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  identifier_type TEXT NOT NULL CHECK (identifier_type IN ('email', 'phone')),
  identifier TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX verification_codes_interaction_uid ON verification_codes (interaction_uid);
CREATE INDEX verification_codes_identifier ON verification_codes (identifier, created_at);

CREATE TABLE sign_in_failures (
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_subject_at ON sign_in_failures (subject, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);
)sql";

}  // namespace latch::storage::migrations
