#include "storage/migrations/v16_client_auth.hpp"

namespace latch::storage::migrations {

// replay_guard: one-time values every node must agree on (storage/replay_repository.hpp): a
// client assertion's jti, later DPoP proofs' and request objects' jti. `key` is
// "<scope>:<value>"; `expires_at` is in epoch seconds, as the housekeeper purges it.
// applications: how a client authenticates at the token endpoint (RFC 7591 §2
// token_endpoint_auth_method; "" keeps the secret methods) and, for private_key_jwt, its JWK Set
// (JSON text) or the URL that serves it.
extern const std::string_view kV16ClientAuth = R"sql(
CREATE TABLE replay_guard (
  key TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX replay_guard_expires_at ON replay_guard (expires_at);
ALTER TABLE applications ADD COLUMN token_endpoint_auth_method TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN jwks TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN jwks_uri TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace latch::storage::migrations
