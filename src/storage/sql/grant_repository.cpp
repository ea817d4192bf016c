#include "storage/sql/grant_repository.hpp"

#include <array>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

// What revoking a grant deletes.
constexpr std::array<std::string_view, 3> kDeleteArtifacts{
    "DELETE FROM authorization_codes WHERE grant_id = ?",
    "DELETE FROM refresh_tokens WHERE grant_id = ?",
    "DELETE FROM access_tokens WHERE grant_id = ?",
};

model::Grant read_grant(const Row& s) {
  model::Grant g;
  g.id = s.text(0);
  g.user_id = s.text(1);
  g.client_id = s.text(2);
  g.scope = s.text(3);
  g.resources = s.text(4);
  g.session_id_hash = s.text(5);
  g.created_at = s.int64(6);
  g.expires_at = s.int64(7);
  g.revoked = s.boolean(8);
  g.amr = s.text(9);
  return g;
}

}  // namespace

Result<void> SqlGrantRepository::insert(const model::Grant& g) {
  return run(conn_,
             "INSERT INTO grants (id, user_id, client_id, scope, resources, session_id_hash, "
             "created_at, expires_at, revoked, amr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {g.id, g.user_id, g.client_id, g.scope, g.resources, g.session_id_hash, g.created_at,
              g.expires_at, g.revoked, g.amr});
}

Result<std::optional<model::Grant>> SqlGrantRepository::find(std::string_view id) {
  return query_one<model::Grant>(
      conn_,
      "SELECT id, user_id, client_id, scope, resources, session_id_hash, created_at, expires_at, "
      "revoked, amr FROM grants WHERE id = ?",
      {id}, read_grant);
}

Result<void> SqlGrantRepository::revoke(std::string_view id) {
  auto marked = execute_one(conn_, "UPDATE grants SET revoked = 1 WHERE id = ?", {id}, "grant");
  if (!marked) {
    return marked;
  }
  for (std::string_view sql : kDeleteArtifacts) {
    if (auto deleted = run(conn_, sql, {id}); !deleted) {
      return deleted;
    }
  }
  return ok();
}

Result<std::vector<model::Grant>> SqlGrantRepository::list_live_for_user(std::string_view user_id,
                                                                         std::int64_t now) {
  return query_all<model::Grant>(
      conn_,
      "SELECT id, user_id, client_id, scope, resources, session_id_hash, created_at, expires_at, "
      "revoked, amr FROM grants WHERE user_id = ? AND revoked = 0 AND expires_at > ? "
      "ORDER BY created_at, id",
      {user_id, now}, read_grant);
}

}  // namespace latch::storage::sql
