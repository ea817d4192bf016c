#include "management/webhook_events.hpp"

#include <boost/json/serialize.hpp>

#include "crypto/random.hpp"

namespace latch::management {

Result<void> queue_hook_event(storage::Tx& tx, std::string_view event,
                              const boost::json::object& payload, std::int64_t now_millis) {
  std::string body = boost::json::serialize(payload);
  auto queued = tx.hook_deliveries().enqueue(crypto::random_id(21), event, body, now_millis);
  if (!queued) return queued.error();
  if (*queued > 0) tx.after_commit([] { webhook_doorbell().ring(); });
  return ok();
}

Doorbell& webhook_doorbell() {
  static Doorbell doorbell;
  return doorbell;
}

Result<void> queue_data_hook(storage::Tx& tx, std::string_view event, const HookOrigin* origin,
                             boost::json::value data, std::int64_t now_millis,
                             const boost::json::object& about) {
  bool no_data = data.is_null();
  boost::json::object payload = data_hook_payload(event, origin, std::move(data), now_millis);
  if (no_data) payload.erase("data");
  for (const auto& [name, value] : about) payload[name] = value;
  return queue_hook_event(tx, event, payload, now_millis);
}

}  // namespace latch::management
