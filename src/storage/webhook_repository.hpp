#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/webhook.hpp"
#include "storage/experience_repositories.hpp"
#include "storage/repositories.hpp"

// Webhooks (docs/webhooks.md): the hooks themselves, the outbox of deliveries a change queues in
// its own transaction, and the delivery log. Same rules as repositories.hpp: obtained from a Tx,
// valid inside it, one thread.
namespace latch::storage {

// Requests and successes of one hook since a time (Logto's executionStats).
struct HookExecutionStats {
  std::int64_t request_count = 0;
  std::int64_t success_count = 0;
};

class HookRepository {
 public:
  virtual ~HookRepository() = default;
  // Conflict when the id is taken.
  [[nodiscard]] virtual Result<void> insert(const model::Hook& hook) = 0;
  // Replaces everything but id and created_at. NotFound "entity.not_found" when absent.
  [[nodiscard]] virtual Result<void> update(const model::Hook& hook) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Hook>> find(std::string_view id) = 0;
  // Oldest first; every hook when `page` is nullopt.
  [[nodiscard]] virtual Result<std::vector<model::Hook>> list(std::optional<Page> page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count() = 0;
  // Removes the hook and its queued deliveries (its log entries stay). NotFound when absent.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;
  // Delivery log entries of hook `hook_id` (TriggerHook.*) created at or after `since` (ms).
  [[nodiscard]] virtual Result<HookExecutionStats> execution_stats(std::string_view hook_id,
                                                                   std::int64_t since) = 0;
};

// One queued delivery: event `event_id` (one change; the same id for every hook it goes to)
// for hook `hook_id`. `payload_json` is the event's payload without hookId, fixed when queued.
struct HookDelivery {
  std::string event_id;
  std::string hook_id;
  std::string event;  // User.Created, PostSignIn, ...
  std::string payload_json;
  std::int64_t attempts = 0;         // sends tried so far (counted when claimed)
  std::int64_t next_attempt_at = 0;  // epoch ms: due from then; a claim moves it to the lease
  std::int64_t created_at = 0;       // epoch ms
};

// Which delivery log entries a listing wants (Logto's recent-logs filters).
struct HookLogFilter {
  std::string hook_id;
  std::string key;                   // "" = any TriggerHook.* key
  std::optional<std::int64_t> from;  // created_at >= from (ms)
  std::optional<std::int64_t> to;    // created_at <= to (ms)
};

// The outbox (table hook_deliveries) and the delivery log (rows of logs keyed TriggerHook.*).
class HookDeliveryRepository {
 public:
  virtual ~HookDeliveryRepository() = default;
  // Queues event `event` (id `event_id`, payload `payload_json`) for every enabled hook that
  // subscribes to it (model::Hook::wants), due at `now` (ms). Returns the deliveries queued (0
  // when no hook wants the event). Call it in the transaction that makes the change, so the
  // event is queued exactly when the change commits.
  [[nodiscard]] virtual Result<std::int64_t> enqueue(std::string_view event_id,
                                                     std::string_view event,
                                                     std::string_view payload_json,
                                                     std::int64_t now) = 0;
  // Claims up to `limit` deliveries due at `now` (ms), oldest first: each claimed one counts an
  // attempt and is not due again before `lease_until`, so that a node that dies mid-send leaves
  // it to be sent again. Atomic across nodes: of two concurrent claims, one gets each delivery.
  [[nodiscard]] virtual Result<std::vector<HookDelivery>> claim_due(std::int64_t now,
                                                                    std::int64_t lease_until,
                                                                    int limit) = 0;
  // Makes a claimed delivery due again at `at` (ms) after a failed send. Ok when absent.
  [[nodiscard]] virtual Result<void> retry_at(const HookDelivery& delivery, std::int64_t at) = 0;
  // Removes a delivery: sent, or given up. Ok when absent.
  [[nodiscard]] virtual Result<void> remove(const HookDelivery& delivery) = 0;
  // Every queued delivery, oldest first (tests, operators).
  [[nodiscard]] virtual Result<std::vector<HookDelivery>> list_all() = 0;
  // Writes one delivery log entry (an audit log row keyed TriggerHook.<event>) of hook `hook_id`.
  [[nodiscard]] virtual Result<void> log(const AuditLog& entry, std::string_view hook_id) = 0;
  // Delivery log entries, newest first.
  [[nodiscard]] virtual Result<std::vector<AuditLog>> logs(const HookLogFilter& filter,
                                                           Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_logs(const HookLogFilter& filter) = 0;
};

}  // namespace latch::storage
