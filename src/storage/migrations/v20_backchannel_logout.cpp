#include "storage/migrations/v20_backchannel_logout.hpp"

namespace latch::storage::migrations {

// OpenID Connect Back-Channel Logout 1.0. applications: Logto's oidcClientMetadata
// backchannelLogoutUri and backchannelLogoutSessionRequired. backchannel_logouts: the notices
// waiting to be POSTed to apps (storage/logout_delivery_repository.hpp), one per app, user and
// browser session (session_id_hash '' for a notice about the user as a whole). user_id has no
// foreign key: a notice outlives the user whose removal caused it. Times in epoch milliseconds.
extern const std::string_view kV20BackchannelLogout = R"sql(
ALTER TABLE applications ADD COLUMN backchannel_logout_uri TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN backchannel_logout_session_required INTEGER NOT NULL DEFAULT 0
  CHECK (backchannel_logout_session_required IN (0, 1));

CREATE TABLE backchannel_logouts (
  client_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  session_id_hash TEXT NOT NULL DEFAULT '',
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (client_id, user_id, session_id_hash)
);
CREATE INDEX backchannel_logouts_next_attempt_at ON backchannel_logouts (next_attempt_at);
)sql";

}  // namespace latch::storage::migrations
