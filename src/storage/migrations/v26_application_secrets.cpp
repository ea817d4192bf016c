#include "storage/migrations/v26_application_secrets.hpp"

namespace latch::storage::migrations {

// An application's client secrets as Logto keeps them (its application_secrets table): named,
// unique by name within the app, each with an optional expiry, so that a secret can be replaced
// without downtime. sealed_value is sealed with the master key as applications.sealed_secret was
// (AAD = the app's id), so each app's one secret moves here as it is, named as Logto names the
// secret an app is created with. Times in epoch milliseconds.
extern const std::string_view kV26ApplicationSecrets = R"sql(
CREATE TABLE application_secrets (
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  sealed_value TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  PRIMARY KEY (application_id, name)
);

INSERT INTO application_secrets (application_id, name, sealed_value, created_at)
  SELECT id, 'Default secret', sealed_secret, created_at FROM applications
  WHERE sealed_secret <> '' AND type IN ('Traditional', 'MachineToMachine');

ALTER TABLE applications DROP COLUMN sealed_secret;
)sql";

}  // namespace latch::storage::migrations
