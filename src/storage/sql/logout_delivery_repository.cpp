#include "storage/sql/logout_delivery_repository.hpp"

#include <string>

#include "storage/sql/outbox.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "client_id, user_id, session_id_hash, attempts, next_attempt_at, created_at";

LogoutDelivery read_delivery(const Row& row) {
  return {.client_id = row.text(0),
          .user_id = row.text(1),
          .session_id_hash = row.text(2),
          .attempts = row.int64(3),
          .next_attempt_at = row.int64(4),
          .created_at = row.int64(5)};
}

// One INSERT ... SELECT over the grants that name an app with a back-channel logout URI. The
// casts type the bound times for PostgreSQL, which cannot infer a select list parameter's type.
std::string enqueue_sql(std::string_view grant_filter) {
  return "INSERT INTO backchannel_logouts (" + std::string(kColumns) +
         ") SELECT DISTINCT g.client_id, g.user_id, g.session_id_hash, 0, CAST(?1 AS BIGINT), "
         "CAST(?1 AS BIGINT) FROM grants g JOIN applications a ON a.id = g.client_id WHERE " +
         std::string(grant_filter) +
         " AND g.session_id_hash <> '' AND a.backchannel_logout_uri <> '' "
         "ON CONFLICT (client_id, user_id, session_id_hash) DO NOTHING";
}

}  // namespace

Result<std::int64_t> SqlLogoutDeliveryRepository::enqueue_for_session(
    std::string_view session_id_hash, std::int64_t now) {
  if (session_id_hash.empty()) return std::int64_t{0};
  return execute(conn_, enqueue_sql("g.session_id_hash = ?2"), {now, session_id_hash});
}

Result<std::int64_t> SqlLogoutDeliveryRepository::enqueue_for_user(std::string_view user_id,
                                                                   std::int64_t now) {
  return execute(conn_, enqueue_sql("g.user_id = ?2"), {now, user_id});
}

Result<std::vector<LogoutDelivery>> SqlLogoutDeliveryRepository::claim_due(std::int64_t now,
                                                                           std::int64_t lease_until,
                                                                           int limit) {
  static constexpr OutboxTable kTable{
      .name = "backchannel_logouts",
      .columns = kColumns,
      .order_by = "next_attempt_at, created_at, client_id",
      .key = "client_id = ? AND user_id = ? AND session_id_hash = ?"};
  return sql::claim_due<LogoutDelivery>(
      conn_, kTable, now, lease_until, limit, read_delivery, [](const LogoutDelivery& d) {
        return std::vector<Value>{d.client_id, d.user_id, d.session_id_hash};
      });
}

Result<void> SqlLogoutDeliveryRepository::retry_at(const LogoutDelivery& d, std::int64_t at) {
  return run(conn_,
             "UPDATE backchannel_logouts SET next_attempt_at = ? WHERE client_id = ? AND "
             "user_id = ? AND session_id_hash = ?",
             {at, d.client_id, d.user_id, d.session_id_hash});
}

Result<void> SqlLogoutDeliveryRepository::remove(const LogoutDelivery& d) {
  return run(conn_,
             "DELETE FROM backchannel_logouts WHERE client_id = ? AND user_id = ? AND "
             "session_id_hash = ?",
             {d.client_id, d.user_id, d.session_id_hash});
}

Result<std::vector<LogoutDelivery>> SqlLogoutDeliveryRepository::list_all() {
  return query_all<LogoutDelivery>(
      conn_,
      "SELECT " + std::string(kColumns) +
          " FROM backchannel_logouts ORDER BY created_at, client_id, session_id_hash",
      {}, read_delivery);
}

}  // namespace latch::storage::sql
