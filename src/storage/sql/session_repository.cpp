#include "storage/sql/session_repository.hpp"

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

model::BrowserSession read_session(const Row& s) {
  return model::BrowserSession{s.text(0), s.text(1), s.int64(2), s.int64(3), s.int64(4), s.text(5)};
}

}  // namespace

Result<void> SqlSessionRepository::insert(const model::BrowserSession& s) {
  return run(conn_,
             "INSERT INTO browser_sessions (id_hash, user_id, auth_time, created_at, expires_at, "
             "amr) VALUES (?, ?, ?, ?, ?, ?)",
             {s.id_hash, s.user_id, s.auth_time, s.created_at, s.expires_at, s.amr});
}

Result<void> SqlSessionRepository::update(const model::BrowserSession& s) {
  return execute_one(conn_,
                     "UPDATE browser_sessions SET user_id = ?, auth_time = ?, expires_at = ?, "
                     "amr = ? WHERE id_hash = ?",
                     {s.user_id, s.auth_time, s.expires_at, s.amr, s.id_hash}, "session");
}

Result<std::optional<model::BrowserSession>> SqlSessionRepository::find(std::string_view id_hash) {
  return query_one<model::BrowserSession>(
      conn_,
      "SELECT id_hash, user_id, auth_time, created_at, expires_at, amr FROM browser_sessions "
      "WHERE id_hash = ?",
      {id_hash}, read_session);
}

Result<void> SqlSessionRepository::remove(std::string_view id_hash) {
  return run(conn_, "DELETE FROM browser_sessions WHERE id_hash = ?", {id_hash});
}

Result<std::vector<model::BrowserSession>> SqlSessionRepository::list_for_user(
    std::string_view user_id, std::int64_t now) {
  return query_all<model::BrowserSession>(
      conn_,
      "SELECT id_hash, user_id, auth_time, created_at, expires_at, amr FROM browser_sessions "
      "WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, id_hash",
      {user_id, now}, read_session);
}

}  // namespace latch::storage::sql
