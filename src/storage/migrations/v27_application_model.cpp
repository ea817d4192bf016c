#include "storage/migrations/v27_application_model.hpp"

namespace latch::storage::migrations {

// Logto's customClientMetadata as the Management API was given it (the members its guard knows),
// a JSON object: the source of model::ClientTokenSettings (idTokenTtl, refreshTokenTtlInDays,
// rotateRefreshToken, alwaysIssueRefreshToken, maxAllowedGrants, ...). The members Latch had
// already (corsAllowedOrigins, isDeviceFlow, allowTokenExchange) keep their columns too, which
// the OP reads.
// application_user_consent_scopes: what a third-party app may ask users to consent to (Logto's
// four consent scope tables in one): scope_id is an organization scope id, a resource scope id
// or a user scope name, by scope_type; a scope deleted since is left out when read (no foreign
// key can name three tables). Times in epoch milliseconds. application_sign_in_experiences: an
// app's own branding, colors, custom CSS, terms links and display name (Logto's table of that
// name), one JSON object per app.
extern const std::string_view kV27ApplicationModel = R"sql(
ALTER TABLE applications ADD COLUMN custom_client_metadata TEXT NOT NULL DEFAULT '{}';

CREATE TABLE application_user_consent_scopes (
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  scope_type TEXT NOT NULL CHECK (scope_type IN ('organization-scopes', 'resource-scopes',
    'organization-resource-scopes', 'user-scopes')),
  scope_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (application_id, scope_type, scope_id)
);

CREATE TABLE application_sign_in_experiences (
  application_id TEXT PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
  document TEXT NOT NULL
);
)sql";

}  // namespace latch::storage::migrations
