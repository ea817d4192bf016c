#include "storage/migrations/v18_pushed_requests.hpp"

namespace latch::storage::migrations {

// Pushed authorization requests (RFC 9126). A request_uri is stored only as the SHA-256 hash of
// its random part; `params` is the authorization request as JSON; a row is used once
// (consumed_at) and expires quickly (epoch seconds, as the housekeeper purges it).
// applications.require_pushed_authorization_requests is RFC 9126 §6's client metadata.
extern const std::string_view kV18PushedRequests = R"sql(
ALTER TABLE applications ADD COLUMN require_pushed_authorization_requests INTEGER NOT NULL
  DEFAULT 0 CHECK (require_pushed_authorization_requests IN (0, 1));

CREATE TABLE pushed_requests (
  request_uri_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  params TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX pushed_requests_client_id ON pushed_requests (client_id);
CREATE INDEX pushed_requests_expires_at ON pushed_requests (expires_at);
)sql";

}  // namespace latch::storage::migrations
