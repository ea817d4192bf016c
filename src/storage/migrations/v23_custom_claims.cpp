#include "storage/migrations/v23_custom_claims.hpp"

namespace latch::storage::migrations {

// Custom data on API resources (applications and organizations have it already), and the
// custom JWT claims scripts (Logto's logto_configs keys jwt.accessToken and
// jwt.clientCredentials): one row per token type, the configuration as the JSON document the
// management API reads and writes.
extern const std::string_view kV23CustomClaims = R"sql(
ALTER TABLE resources ADD COLUMN custom_data TEXT NOT NULL DEFAULT '{}';

CREATE TABLE jwt_customizers (
  token_type TEXT PRIMARY KEY CHECK (token_type IN ('access-token', 'client-credentials')),
  config TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql";

}  // namespace latch::storage::migrations
