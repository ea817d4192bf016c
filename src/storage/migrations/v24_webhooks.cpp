#include "storage/migrations/v24_webhooks.hpp"

namespace latch::storage::migrations {

// Webhooks (Logto's hooks; docs/webhooks.md). hooks: events is a JSON array of event names,
// config Logto's HookConfig as JSON ({url, headers?, retries?}), event the legacy single event
// (NULL when unset). hook_deliveries: the outbox, one row per event and hook, written in the
// transaction of the change that caused the event and removed once delivered or given up
// (storage/webhook_repository.hpp). logs.hook_id: the hook a TriggerHook.* delivery log entry is
// about, so that a hook's recent deliveries are found through an index. Times in epoch ms.
extern const std::string_view kV24Webhooks = R"sql(
CREATE TABLE hooks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  event TEXT,
  events TEXT NOT NULL DEFAULT '[]',
  config TEXT NOT NULL,
  signing_key TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at BIGINT NOT NULL
);

CREATE TABLE hook_deliveries (
  event_id TEXT NOT NULL,
  hook_id TEXT NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (event_id, hook_id)
);
CREATE INDEX hook_deliveries_next_attempt_at ON hook_deliveries (next_attempt_at);

ALTER TABLE logs ADD COLUMN hook_id TEXT NOT NULL DEFAULT '';
CREATE INDEX logs_hook ON logs (hook_id, created_at DESC) WHERE hook_id <> '';
)sql";

}  // namespace latch::storage::migrations
