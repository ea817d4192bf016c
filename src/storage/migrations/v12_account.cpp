#include "storage/migrations/v12_account.hpp"

namespace latch::storage::migrations {

// The account center (Logto's Account API). verification_records: the proofs a signed-in user
// makes before a sensitive change (password, a code, a social sign-in, a WebAuthn
// registration), times in seconds; a code is kept as its hash in `data`. account_centers: one
// row ('default') holding the settings document (which fields the user may see or edit).
// grants_session: the account center lists and revokes a browser session's grants.
extern const std::string_view kV12Account = R"sql(
CREATE TABLE verification_records (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  identifier TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}',
  verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX verification_records_user_id ON verification_records (user_id);
CREATE INDEX verification_records_identifier ON verification_records (identifier, created_at);
CREATE INDEX verification_records_expires_at ON verification_records (expires_at);

CREATE TABLE account_centers (
  id TEXT PRIMARY KEY,
  document TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE INDEX grants_session_id_hash ON grants (session_id_hash);
)sql";

}  // namespace latch::storage::migrations
