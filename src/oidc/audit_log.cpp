#include "oidc/audit_log.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include "crypto/random.hpp"

namespace latch::oidc {

storage::AuditLog audit_log_of(AuditEvent event, std::int64_t now_millis) {
  auto& payload = event.payload;
  payload["key"] = event.key;
  payload["result"] = event.success ? "Success" : "Error";
  if (!event.user_id.empty()) payload["userId"] = event.user_id;
  if (!event.application_id.empty()) payload["applicationId"] = event.application_id;
  if (!event.ip.empty()) payload["ip"] = event.ip;
  return storage::AuditLog{
      crypto::random_id(21), event.key, event.success ? "Success" : "Error", event.user_id,
      event.application_id,  event.ip,  boost::json::serialize(payload),     now_millis};
}

void record_audit(storage::Store& store, AuditEvent event, std::int64_t now_millis) {
  storage::AuditLog log = audit_log_of(std::move(event), now_millis);
  auto done = store.transact([&](storage::Tx& tx) { return tx.logs().insert(log); });
  if (!done) spdlog::error("cannot write audit log {}: {}", log.key, done.error().description);
}

}  // namespace latch::oidc
