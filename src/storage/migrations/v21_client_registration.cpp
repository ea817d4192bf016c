#include "storage/migrations/v21_client_registration.hpp"

namespace latch::storage::migrations {

// Dynamic client registration (RFC 7591, RFC 7592). Initial access tokens are stored by the
// SHA-256 of their value, with an expiry (epoch seconds, purged by the housekeeper) and the
// registrations they may still make (-1 = unlimited). A registration remembers the hash of its
// registration access token and the client metadata the application row does not hold; it goes
// with its application.
extern const std::string_view kV21ClientRegistration = R"sql(
CREATE TABLE initial_access_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  uses_left BIGINT NOT NULL DEFAULT -1
);
CREATE INDEX initial_access_tokens_expires_at ON initial_access_tokens (expires_at);

CREATE TABLE client_registrations (
  client_id TEXT PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
  access_token_hash TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  initial_token_id TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql";

}  // namespace latch::storage::migrations
