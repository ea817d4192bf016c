#include "storage/sql/code_repository.hpp"

#include "storage/sql/consume.hpp"

namespace latch::storage::sql {
namespace {

constexpr ConsumeSql kConsume{
    "UPDATE authorization_codes SET consumed_at = ?1 WHERE code_hash = ?2 AND consumed_at = 0",
    "SELECT code_hash, grant_id, client_id, user_id, redirect_uri, scope, resources, nonce, "
    "code_challenge, auth_time, created_at, expires_at, consumed_at, dpop_jkt FROM "
    "authorization_codes WHERE code_hash = ?1",
};

model::AuthorizationCode read_code(const Row& s) {
  model::AuthorizationCode c;
  c.code_hash = s.text(0);
  c.grant_id = s.text(1);
  c.client_id = s.text(2);
  c.user_id = s.text(3);
  c.redirect_uri = s.text(4);
  c.scope = s.text(5);
  c.resources = s.text(6);
  c.nonce = s.text(7);
  c.code_challenge = s.text(8);
  c.auth_time = s.int64(9);
  c.created_at = s.int64(10);
  c.expires_at = s.int64(11);
  c.consumed_at = s.int64(12);
  c.dpop_jkt = s.text(13);
  return c;
}

}  // namespace

Result<void> SqlCodeRepository::insert(const model::AuthorizationCode& c) {
  return run(conn_,
             "INSERT INTO authorization_codes (code_hash, grant_id, client_id, user_id, "
             "redirect_uri, scope, resources, nonce, code_challenge, auth_time, created_at, "
             "expires_at, consumed_at, dpop_jkt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {c.code_hash, c.grant_id, c.client_id, c.user_id, c.redirect_uri, c.scope, c.resources,
              c.nonce, c.code_challenge, c.auth_time, c.created_at, c.expires_at, c.consumed_at,
              c.dpop_jkt});
}

Result<std::optional<model::AuthorizationCode>> SqlCodeRepository::find(
    std::string_view code_hash) {
  return query_one<model::AuthorizationCode>(conn_, kConsume.select, {code_hash}, read_code);
}

Result<model::Consumed<model::AuthorizationCode>> SqlCodeRepository::consume(
    std::string_view code_hash, std::int64_t now) {
  return consume_once<model::AuthorizationCode>(conn_, kConsume, code_hash, now, read_code);
}

}  // namespace latch::storage::sql
