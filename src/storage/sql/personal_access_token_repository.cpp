#include "storage/sql/personal_access_token_repository.hpp"

#include <string>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect =
    "SELECT user_id, name, token_hash, sealed_value, created_at, expires_at "
    "FROM personal_access_tokens";

model::PersonalAccessToken read_token(const Row& s) {
  model::PersonalAccessToken token{s.text(0), s.text(1),  s.text(2),
                                   s.text(3), s.int64(4), std::nullopt};
  if (!s.is_null(5)) token.expires_at = s.int64(5);
  return token;
}

Value nullable_int(const std::optional<std::int64_t>& value) {
  if (!value) return nullptr;
  return *value;
}

}  // namespace

Result<void> SqlPersonalAccessTokenRepository::insert(const model::PersonalAccessToken& token) {
  return run(conn_,
             "INSERT INTO personal_access_tokens (user_id, name, token_hash, sealed_value, "
             "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
             {token.user_id, token.name, token.token_hash, token.sealed_value, token.created_at,
              nullable_int(token.expires_at)});
}

Result<std::vector<model::PersonalAccessToken>> SqlPersonalAccessTokenRepository::list(
    std::string_view user_id) {
  return query_all<model::PersonalAccessToken>(
      conn_, kSelect + " WHERE user_id = ? ORDER BY created_at, name", {user_id}, read_token);
}

Result<std::optional<model::PersonalAccessToken>> SqlPersonalAccessTokenRepository::find_by_hash(
    std::string_view token_hash) {
  return query_one<model::PersonalAccessToken>(conn_, kSelect + " WHERE token_hash = ?",
                                               {token_hash}, read_token);
}

Result<void> SqlPersonalAccessTokenRepository::rename(std::string_view user_id,
                                                      std::string_view name,
                                                      std::string_view new_name) {
  return execute_one(conn_,
                     "UPDATE personal_access_tokens SET name = ? WHERE user_id = ? AND name = ?",
                     {new_name, user_id, name}, "personal access token");
}

Result<void> SqlPersonalAccessTokenRepository::remove(std::string_view user_id,
                                                      std::string_view name) {
  return execute_one(conn_, "DELETE FROM personal_access_tokens WHERE user_id = ? AND name = ?",
                     {user_id, name}, "personal access token");
}

}  // namespace latch::storage::sql
