#include "storage/sql/access_token_repository.hpp"

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

model::OpaqueAccessToken read_token(const Row& s) {
  model::OpaqueAccessToken t;
  t.token_hash = s.text(0);
  t.grant_id = s.text(1);
  t.client_id = s.text(2);
  t.user_id = s.text(3);
  t.scope = s.text(4);
  t.created_at = s.int64(5);
  t.expires_at = s.int64(6);
  return t;
}

}  // namespace

Result<void> SqlAccessTokenRepository::insert(const model::OpaqueAccessToken& t) {
  return run(
      conn_,
      "INSERT INTO access_tokens (token_hash, grant_id, client_id, user_id, scope, "
      "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {t.token_hash, t.grant_id, t.client_id, t.user_id, t.scope, t.created_at, t.expires_at});
}

Result<std::optional<model::OpaqueAccessToken>> SqlAccessTokenRepository::find(
    std::string_view token_hash) {
  return query_one<model::OpaqueAccessToken>(
      conn_,
      "SELECT token_hash, grant_id, client_id, user_id, scope, created_at, expires_at "
      "FROM access_tokens WHERE token_hash = ?",
      {token_hash}, read_token);
}

Result<void> SqlAccessTokenRepository::remove(std::string_view token_hash) {
  return run(conn_, "DELETE FROM access_tokens WHERE token_hash = ?", {token_hash});
}

}  // namespace latch::storage::sql
