#include "storage/sql/refresh_token_repository.hpp"

#include "storage/sql/consume.hpp"

namespace latch::storage::sql {
namespace {

constexpr ConsumeSql kConsume{
    "UPDATE refresh_tokens SET consumed_at = ?1 WHERE token_hash = ?2 AND consumed_at = 0",
    "SELECT token_hash, grant_id, client_id, user_id, scope, resources, auth_time, created_at, "
    "expires_at, consumed_at FROM refresh_tokens WHERE token_hash = ?1",
};

model::RefreshToken read_token(const Row& s) {
  model::RefreshToken t;
  t.token_hash = s.text(0);
  t.grant_id = s.text(1);
  t.client_id = s.text(2);
  t.user_id = s.text(3);
  t.scope = s.text(4);
  t.resources = s.text(5);
  t.auth_time = s.int64(6);
  t.created_at = s.int64(7);
  t.expires_at = s.int64(8);
  t.consumed_at = s.int64(9);
  return t;
}

}  // namespace

Result<void> SqlRefreshTokenRepository::insert(const model::RefreshToken& t) {
  return run(conn_,
             "INSERT INTO refresh_tokens (token_hash, grant_id, client_id, user_id, scope, "
             "resources, auth_time, created_at, expires_at, consumed_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {t.token_hash, t.grant_id, t.client_id, t.user_id, t.scope, t.resources, t.auth_time,
              t.created_at, t.expires_at, t.consumed_at});
}

Result<std::optional<model::RefreshToken>> SqlRefreshTokenRepository::find(
    std::string_view token_hash) {
  return query_one<model::RefreshToken>(conn_, kConsume.select, {token_hash}, read_token);
}

Result<model::Consumed<model::RefreshToken>> SqlRefreshTokenRepository::consume(
    std::string_view token_hash, std::int64_t now) {
  return consume_once<model::RefreshToken>(conn_, kConsume, token_hash, now, read_token);
}

Result<void> SqlRefreshTokenRepository::remove(std::string_view token_hash) {
  return run(conn_, "DELETE FROM refresh_tokens WHERE token_hash = ?", {token_hash});
}

}  // namespace latch::storage::sql
