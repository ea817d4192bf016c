#include "storage/sql/webhook_repository.hpp"

#include <boost/json.hpp>
#include <limits>
#include <string>

#include "storage/sql/json_list.hpp"
#include "storage/sql/outbox.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

namespace json = boost::json;

const std::string kHookColumns =
    "SELECT id, name, event, events, config, signing_key, enabled, created_at FROM hooks";
const std::string kDeliveryColumns =
    "event_id, hook_id, event, payload, attempts, next_attempt_at, created_at";
const std::string kLogColumns =
    "SELECT id, key, result, user_id, application_id, ip, payload, created_at FROM logs";
// The delivery log entries of hook ?1, of key ?2 ("" = any), created in [?3, ?4].
const std::string kLogMatches =
    " WHERE hook_id = ?1 AND (?2 = '' OR key = ?2) AND created_at >= ?3 AND created_at <= ?4";

// Logto's HookConfig as stored: {url, headers?, retries?}.
std::string config_text(const model::HookConfig& config) {
  json::object out{{"url", config.url}};
  if (!config.headers.empty()) {
    json::object headers;
    for (const auto& [name, value] : config.headers) headers[name] = value;
    out["headers"] = std::move(headers);
  }
  if (config.retries) out["retries"] = *config.retries;
  return json::serialize(out);
}

model::HookConfig read_config(std::string_view text) {
  model::HookConfig config;
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return config;
  const auto& object = value.as_object();
  if (const auto* url = object.if_contains("url"); url && url->is_string()) {
    config.url = std::string(url->as_string());
  }
  if (const auto* headers = object.if_contains("headers"); headers && headers->is_object()) {
    for (const auto& [name, header] : headers->as_object()) {
      if (header.is_string()) config.headers.emplace_back(name, header.as_string());
    }
  }
  if (const auto* retries = object.if_contains("retries"); retries && retries->is_int64()) {
    config.retries = static_cast<int>(retries->as_int64());
  }
  return config;
}

model::Hook read_hook(const Row& row) {
  model::Hook hook;
  hook.id = row.text(0);
  hook.name = row.text(1);
  if (!row.is_null(2)) hook.event = row.text(2);
  hook.events = from_json_array(row.text(3));
  hook.config = read_config(row.text(4));
  hook.signing_key = row.text(5);
  hook.enabled = row.boolean(6);
  hook.created_at = row.int64(7);
  return hook;
}

HookDelivery read_delivery(const Row& row) {
  return {.event_id = row.text(0),
          .hook_id = row.text(1),
          .event = row.text(2),
          .payload_json = row.text(3),
          .attempts = row.int64(4),
          .next_attempt_at = row.int64(5),
          .created_at = row.int64(6)};
}

AuditLog read_log(const Row& s) {
  return AuditLog{s.text(0), s.text(1), s.text(2), s.text(3),
                  s.text(4), s.text(5), s.text(6), s.int64(7)};
}

std::int64_t from_of(const HookLogFilter& f) { return f.from.value_or(0); }
std::int64_t to_of(const HookLogFilter& f) {
  return f.to.value_or(std::numeric_limits<std::int64_t>::max());
}

}  // namespace

Result<void> SqlHookRepository::insert(const model::Hook& h) {
  std::string events = to_json_array(h.events);
  std::string config = config_text(h.config);
  return run(
      conn_,
      "INSERT INTO hooks (id, name, event, events, config, signing_key, enabled, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {h.id, h.name, nullable(h.event), events, config, h.signing_key, h.enabled, h.created_at});
}

Result<void> SqlHookRepository::update(const model::Hook& h) {
  std::string events = to_json_array(h.events);
  std::string config = config_text(h.config);
  auto changed =
      execute(conn_,
              "UPDATE hooks SET name = ?, event = ?, events = ?, config = ?, "
              "signing_key = ?, enabled = ? WHERE id = ?",
              {h.name, nullable(h.event), events, config, h.signing_key, h.enabled, h.id});
  if (!changed) return changed.error();
  if (*changed == 0)
    return with_key(make_error(Errc::NotFound, "hook not found"), "entity.not_found");
  return ok();
}

Result<std::optional<model::Hook>> SqlHookRepository::find(std::string_view id) {
  return query_one<model::Hook>(conn_, kHookColumns + " WHERE id = ?", {id}, read_hook);
}

Result<std::vector<model::Hook>> SqlHookRepository::list(std::optional<Page> page) {
  if (!page) {
    return query_all<model::Hook>(conn_, kHookColumns + " ORDER BY created_at, id", {}, read_hook);
  }
  Window w = window(page->page, page->page_size);
  return query_all<model::Hook>(conn_, kHookColumns + " ORDER BY created_at, id LIMIT ? OFFSET ?",
                                {w.limit, w.offset}, read_hook);
}

Result<std::int64_t> SqlHookRepository::count() {
  return query_int64(conn_, "SELECT COUNT(*) FROM hooks", {});
}

Result<void> SqlHookRepository::remove(std::string_view id) {
  // Explicitly, rather than only through the foreign key, so that it does not depend on it.
  if (auto gone = run(conn_, "DELETE FROM hook_deliveries WHERE hook_id = ?", {id}); !gone) {
    return gone;
  }
  auto changed = execute(conn_, "DELETE FROM hooks WHERE id = ?", {id});
  if (!changed) return changed.error();
  if (*changed == 0)
    return with_key(make_error(Errc::NotFound, "hook not found"), "entity.not_found");
  return ok();
}

Result<HookExecutionStats> SqlHookRepository::execution_stats(std::string_view hook_id,
                                                              std::int64_t since) {
  auto stats = query_one<HookExecutionStats>(
      conn_,
      "SELECT COUNT(*), COUNT(CASE WHEN result = 'Success' THEN 1 END) FROM logs "
      "WHERE hook_id = ? AND created_at >= ?",
      {hook_id, since}, [](const Row& row) {
        return HookExecutionStats{.request_count = row.int64(0), .success_count = row.int64(1)};
      });
  if (!stats) return stats.error();
  return stats->value_or(HookExecutionStats{});
}

// One INSERT ... SELECT over the hooks that want the event, so the transaction that makes a
// change pays one statement for its event however many hooks there are (none: nothing written).
// `events` is always written by to_json_array, so an event's quoted name marks its presence.
// The casts type the select list's parameters for PostgreSQL.
Result<std::int64_t> SqlHookDeliveryRepository::enqueue(std::string_view event_id,
                                                        std::string_view event,
                                                        std::string_view payload_json,
                                                        std::int64_t now) {
  std::string quoted = "%\"" + std::string(event) + "\"%";
  return execute(conn_,
                 "INSERT INTO hook_deliveries (" + kDeliveryColumns +
                     ") SELECT CAST(?1 AS TEXT), h.id, CAST(?2 AS TEXT), CAST(?3 AS TEXT), 0, "
                     "CAST(?4 AS BIGINT), CAST(?4 AS BIGINT) FROM hooks h WHERE h.enabled = 1 "
                     "AND (h.events LIKE ?5 OR (h.events = '[]' AND h.event = ?2))",
                 {event_id, event, payload_json, now, quoted});
}

Result<std::vector<HookDelivery>> SqlHookDeliveryRepository::claim_due(std::int64_t now,
                                                                       std::int64_t lease_until,
                                                                       int limit) {
  static const OutboxTable kTable{.name = "hook_deliveries",
                                  .columns = kDeliveryColumns,
                                  .order_by = "created_at, event_id, hook_id",
                                  .key = "event_id = ? AND hook_id = ?"};
  return sql::claim_due<HookDelivery>(conn_, kTable, now, lease_until, limit, read_delivery,
                                      [](const HookDelivery& d) {
                                        return std::vector<Value>{d.event_id, d.hook_id};
                                      });
}

Result<void> SqlHookDeliveryRepository::retry_at(const HookDelivery& d, std::int64_t at) {
  return run(conn_,
             "UPDATE hook_deliveries SET next_attempt_at = ? WHERE event_id = ? AND hook_id = ?",
             {at, d.event_id, d.hook_id});
}

Result<void> SqlHookDeliveryRepository::remove(const HookDelivery& d) {
  return run(conn_, "DELETE FROM hook_deliveries WHERE event_id = ? AND hook_id = ?",
             {d.event_id, d.hook_id});
}

Result<std::vector<HookDelivery>> SqlHookDeliveryRepository::list_all() {
  return query_all<HookDelivery>(
      conn_, "SELECT " + kDeliveryColumns + " FROM hook_deliveries ORDER BY created_at, event_id",
      {}, read_delivery);
}

Result<void> SqlHookDeliveryRepository::log(const AuditLog& l, std::string_view hook_id) {
  return run(conn_,
             "INSERT INTO logs (id, key, result, user_id, application_id, ip, payload, "
             "created_at, hook_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {l.id, l.key, l.result, l.user_id, l.application_id, l.ip, l.payload_json,
              l.created_at, hook_id});
}

Result<std::vector<AuditLog>> SqlHookDeliveryRepository::logs(const HookLogFilter& f, Page page) {
  Window w = window(page.page, page.page_size);
  return query_all<AuditLog>(
      conn_, kLogColumns + kLogMatches + " ORDER BY created_at DESC, id DESC LIMIT ?5 OFFSET ?6",
      {f.hook_id, f.key, from_of(f), to_of(f), w.limit, w.offset}, read_log);
}

Result<std::int64_t> SqlHookDeliveryRepository::count_logs(const HookLogFilter& f) {
  return query_int64(conn_, "SELECT COUNT(*) FROM logs" + kLogMatches,
                     {f.hook_id, f.key, from_of(f), to_of(f)});
}

}  // namespace latch::storage::sql
