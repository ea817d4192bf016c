#include "storage/sql/device_code_repository.hpp"

#include <string>

#include "storage/sql/consume.hpp"

namespace latch::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "device_code_hash, user_code, client_id, scope, resources, status, user_id, grant_id, "
    "auth_time, poll_interval, last_polled_at, created_at, expires_at, consumed_at";

const std::string kSelect = "SELECT " + std::string(kColumns) + " FROM device_codes";
const std::string kByHash = kSelect + " WHERE device_code_hash = ?1";
const std::string kByUserCode = kSelect + " WHERE user_code = ?1";

// Only an approved code is redeemed; the grant checks the status before it consumes.
const ConsumeSql kConsume{
    "UPDATE device_codes SET consumed_at = ?1 WHERE device_code_hash = ?2 AND consumed_at = 0 "
    "AND status = 'approved'",
    kByHash,
};

model::DeviceCode read_device_code(const Row& s) {
  model::DeviceCode c;
  c.device_code_hash = s.text(0);
  c.user_code = s.text(1);
  c.client_id = s.text(2);
  c.scope = s.text(3);
  c.resources = s.text(4);
  c.status = model::parse_device_code_status(s.text(5));
  c.user_id = s.optional_text(6).value_or("");
  c.grant_id = s.optional_text(7).value_or("");
  c.auth_time = s.int64(8);
  c.interval = s.int64(9);
  c.last_polled_at = s.int64(10);
  c.created_at = s.int64(11);
  c.expires_at = s.int64(12);
  c.consumed_at = s.int64(13);
  return c;
}

Value null_if_empty(const std::string& text) {
  if (text.empty()) return nullptr;
  return std::string_view(text);
}

}  // namespace

Result<void> SqlDeviceCodeRepository::insert(const model::DeviceCode& c) {
  return run(conn_,
             "INSERT INTO device_codes (" + std::string(kColumns) +
                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {c.device_code_hash, c.user_code, c.client_id, c.scope, c.resources,
              model::device_code_status_name(c.status), null_if_empty(c.user_id),
              null_if_empty(c.grant_id), c.auth_time, c.interval, c.last_polled_at, c.created_at,
              c.expires_at, c.consumed_at});
}

Result<std::optional<model::DeviceCode>> SqlDeviceCodeRepository::find(
    std::string_view device_code_hash) {
  return query_one<model::DeviceCode>(conn_, kByHash, {device_code_hash}, read_device_code);
}

Result<std::optional<model::DeviceCode>> SqlDeviceCodeRepository::find_by_user_code(
    std::string_view user_code) {
  return query_one<model::DeviceCode>(conn_, kByUserCode, {user_code}, read_device_code);
}

Result<void> SqlDeviceCodeRepository::record_poll(std::string_view device_code_hash,
                                                  std::int64_t polled_at, std::int64_t interval) {
  return execute_one(conn_,
                     "UPDATE device_codes SET last_polled_at = ?, poll_interval = ? "
                     "WHERE device_code_hash = ?",
                     {polled_at, interval, device_code_hash}, "device code");
}

Result<bool> SqlDeviceCodeRepository::decide(std::string_view user_code, const DeviceDecision& d,
                                             std::int64_t now) {
  auto changed = execute(conn_,
                         "UPDATE device_codes SET status = ?, user_id = ?, grant_id = ?, "
                         "auth_time = ? WHERE user_code = ? AND status = 'pending' AND "
                         "expires_at > ?",
                         {model::device_code_status_name(d.status), null_if_empty(d.user_id),
                          null_if_empty(d.grant_id), d.auth_time, user_code, now});
  if (!changed) return changed.error();
  return *changed == 1;
}

Result<model::Consumed<model::DeviceCode>> SqlDeviceCodeRepository::consume(
    std::string_view device_code_hash, std::int64_t now) {
  return consume_once<model::DeviceCode>(conn_, kConsume, device_code_hash, now, read_device_code);
}

}  // namespace latch::storage::sql
