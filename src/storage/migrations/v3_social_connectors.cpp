#include "storage/migrations/v3_social_connectors.hpp"

namespace latch::storage::migrations {

// Social connector instances (Logto's `connectors` rows: the id is part of the callback URL,
// `connector_id` names the factory) with the whole configuration sealed by the master key (read
// from the database at each use, so no cache epoch), and
// the index of users' social identities that sign-in looks up. users.identities stays the
// document the API and claims show; the repository keeps this index in step with it.
extern const std::string_view kV3SocialConnectors = R"sql(
CREATE TABLE connectors (
  id TEXT PRIMARY KEY,
  connector_id TEXT NOT NULL,
  target TEXT NOT NULL,
  sealed_config TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  sync_profile INTEGER NOT NULL DEFAULT 0 CHECK (sync_profile IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX connectors_target ON connectors (target);

CREATE TABLE user_identities (
  target TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (target, identity_id),
  UNIQUE (user_id, target)
);
INSERT INTO user_identities (target, identity_id, user_id)
  SELECT j.key, json_extract(j.value, '$.userId'), u.id
  FROM users u, json_each(u.identities) j
  WHERE json_type(j.value, '$.userId') = 'text';
)sql";

}  // namespace latch::storage::migrations
