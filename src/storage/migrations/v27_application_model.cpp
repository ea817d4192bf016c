#include "storage/migrations/v27_application_model.hpp"

namespace latch::storage::migrations {

// Logto's customClientMetadata as the Management API was given it (the members its guard knows),
// a JSON object: the source of model::ClientTokenSettings (idTokenTtl, refreshTokenTtlInDays,
// rotateRefreshToken, alwaysIssueRefreshToken, maxAllowedGrants, ...). The members Latch had
// already (corsAllowedOrigins, isDeviceFlow, allowTokenExchange) keep their columns too, which
// the OP reads.
extern const std::string_view kV27ApplicationModel = R"sql(
ALTER TABLE applications ADD COLUMN custom_client_metadata TEXT NOT NULL DEFAULT '{}';
)sql";

}  // namespace latch::storage::migrations
