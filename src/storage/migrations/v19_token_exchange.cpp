#include "storage/migrations/v19_token_exchange.hpp"

namespace latch::storage::migrations {

// Token exchange (RFC 8693). applications.allow_token_exchange is Logto's
// customClientMetadata.allowTokenExchange (off unless an operator turns it on). A subject token
// (Logto's subject_tokens, for impersonation) is stored by the SHA-256 hash of its value; it
// names the user it speaks for and the Management API caller who made it (creator_id, not a
// foreign key: a user or an app, kept for audit). Times: epoch seconds; consumed_at 0 = unused.
extern const std::string_view kV19TokenExchange = R"sql(
ALTER TABLE applications ADD COLUMN allow_token_exchange INTEGER NOT NULL DEFAULT 0
  CHECK (allow_token_exchange IN (0, 1));

CREATE TABLE subject_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  creator_id TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX subject_tokens_user_id ON subject_tokens (user_id);
CREATE INDEX subject_tokens_expires_at ON subject_tokens (expires_at);
)sql";

}  // namespace latch::storage::migrations
