#include "storage/migrations/v7_hardening.hpp"

namespace latch::storage::migrations {

// Issue #14.
//  - Refresh tokens record when they were rotated in milliseconds, so that the reuse leeway is
//    not rounded to whole seconds.
//  - setup_tokens: the one-time links a fresh deployment prints for creating the first operator.
//  - maintenance_runs: when each periodic job last ran, so that one node of several runs it.
//  - Indexes for purging expired rows (storage::MaintenanceRepository).
extern const std::string_view kV7Hardening = R"sql(
UPDATE refresh_tokens SET consumed_at = consumed_at * 1000 WHERE consumed_at > 0;
CREATE TABLE setup_tokens (
  token_hash TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE TABLE maintenance_runs (
  name TEXT PRIMARY KEY,
  last_run BIGINT NOT NULL
);
CREATE INDEX grants_expires_at ON grants (expires_at);
CREATE INDEX authorization_codes_expires_at ON authorization_codes (expires_at);
CREATE INDEX access_tokens_expires_at ON access_tokens (expires_at);
CREATE INDEX verification_codes_expires_at ON verification_codes (expires_at);
)sql";

}  // namespace latch::storage::migrations
