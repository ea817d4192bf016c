#include "storage/migrations/v17_device_flow.hpp"

namespace latch::storage::migrations {

// The device authorization grant (RFC 8628). applications.is_device_flow is Logto's
// customClientMetadata.isDeviceFlow. A device code is stored by its SHA-256 hash; its user code
// (what a person types on /device) is unique among stored rows. Decided codes name the user and
// the grant their tokens are issued under. Times: epoch seconds, last_polled_at milliseconds.
extern const std::string_view kV17DeviceFlow = R"sql(
ALTER TABLE applications ADD COLUMN is_device_flow INTEGER NOT NULL DEFAULT 0
  CHECK (is_device_flow IN (0, 1));

CREATE TABLE device_codes (
  device_code_hash TEXT PRIMARY KEY,
  user_code TEXT NOT NULL UNIQUE,
  client_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  scope TEXT NOT NULL DEFAULT '',
  resources TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  grant_id TEXT REFERENCES grants (id) ON DELETE CASCADE,
  auth_time BIGINT NOT NULL DEFAULT 0,
  poll_interval BIGINT NOT NULL,
  last_polled_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX device_codes_client_id ON device_codes (client_id);
CREATE INDEX device_codes_expires_at ON device_codes (expires_at);
)sql";

}  // namespace latch::storage::migrations
