#include "storage/migrations/v11_mfa.hpp"

namespace latch::storage::migrations {

// Multi-factor authentication (Logto's users.mfa_verifications, one row per factor here; see
// model/mfa.hpp). The CHECKs keep each row's members consistent with its type; a user has at
// most one Totp factor (the partial unique index) and one BackupCode set (replaced whole by the
// repository); a WebAuthn credential ID belongs to one factor. Backup codes are stored as
// SHA-256 hashes, one row each, so that using one is a single conditional UPDATE. Trusted
// devices ("remember this device") keep the hash of the cookie's token. Browser sessions and
// grants record how the user authenticated (RFC 8176 amr values) for the ID tokens. mfa_skips
// remembers the users who chose to skip adding a factor when a prompting policy offered one
// (Logto keeps that in users.logto_config; Latch leaves the user's own data alone), so they are
// asked once.
extern const std::string_view kV11Mfa = R"sql(
CREATE TABLE mfa_verifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('Totp', 'WebAuthn', 'BackupCode')),
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL DEFAULT 0,
  totp_secret TEXT,
  last_used_step BIGINT NOT NULL DEFAULT -1,
  credential_id TEXT UNIQUE,
  public_key TEXT,
  algorithm INTEGER NOT NULL DEFAULT 0,
  counter BIGINT NOT NULL DEFAULT 0,
  transports TEXT NOT NULL DEFAULT '[]',
  rp_id TEXT NOT NULL DEFAULT '',
  agent TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  CHECK ((type = 'Totp') = (totp_secret IS NOT NULL)),
  CHECK ((type = 'WebAuthn') = (credential_id IS NOT NULL)),
  CHECK ((type = 'WebAuthn') = (public_key IS NOT NULL))
);
CREATE INDEX mfa_verifications_user_id ON mfa_verifications (user_id, created_at, id);
CREATE UNIQUE INDEX mfa_verifications_one_totp ON mfa_verifications (user_id)
  WHERE type = 'Totp';

CREATE TABLE mfa_backup_codes (
  verification_id TEXT NOT NULL REFERENCES mfa_verifications (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (verification_id, code_hash)
);

CREATE TABLE mfa_trusted_devices (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  agent TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX mfa_trusted_devices_user_id ON mfa_trusted_devices (user_id, expires_at);

CREATE TABLE mfa_skips (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  skipped_at BIGINT NOT NULL
);

ALTER TABLE browser_sessions ADD COLUMN amr TEXT NOT NULL DEFAULT '';
ALTER TABLE grants ADD COLUMN amr TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace latch::storage::migrations
