#include "storage/migrations/v28_personal_access_tokens.hpp"

namespace latch::storage::migrations {

// Users' personal access tokens as Logto keeps them (its personal_access_tokens table): named,
// unique by name within the user, each with an optional expiry. The value is shown again to
// operators, so it is sealed with the master key (AAD = the user's id); the token endpoint finds
// a token by the SHA-256 hash of its value. Times in epoch milliseconds.
extern const std::string_view kV28PersonalAccessTokens = R"sql(
CREATE TABLE personal_access_tokens (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  sealed_value TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  PRIMARY KEY (user_id, name)
);
)sql";

}  // namespace latch::storage::migrations
