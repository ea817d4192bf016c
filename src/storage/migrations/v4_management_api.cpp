#include "storage/migrations/v4_management_api.hpp"

namespace latch::storage::migrations {

// The audit log (Logto's `logs`, with result, user, app and ip as columns to filter on), and the
// management API as API resources with the scope `all`: Latch's own indicator and Logto's
// (so scripts that ask for https://default.logto.app/api work unchanged). Both are Granted:
// only machine-to-machine apps granted `all` (latch app create --management-api) get tokens.
extern const std::string_view kV4ManagementApi = R"sql(
CREATE TABLE logs (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('Success', 'Error')),
  user_id TEXT NOT NULL DEFAULT '',
  application_id TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL
);
CREATE INDEX logs_created_at ON logs (created_at DESC, id);
CREATE INDEX logs_user ON logs (user_id, created_at DESC);
CREATE INDEX logs_key ON logs (key, created_at DESC);

INSERT INTO resources (id, name, indicator, access_token_ttl, is_default, access, created_at)
VALUES ('management-api', 'Latch Management API', 'urn:latch:management', 3600, 0, 'Granted', 0),
       ('logto-management-api', 'Logto Management API (alias)', 'https://default.logto.app/api',
        3600, 0, 'Granted', 0);
INSERT INTO scopes (id, resource_id, name, description, created_at)
VALUES ('management-api-all', 'management-api', 'all', 'Every management API route', 0),
       ('logto-management-api-all', 'logto-management-api', 'all', 'Every management API route', 0);
)sql";

}  // namespace latch::storage::migrations
