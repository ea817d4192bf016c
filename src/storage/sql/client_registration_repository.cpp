#include "storage/sql/client_registration_repository.hpp"

#include <string>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelectToken =
    "SELECT id, token_hash, description, created_at, expires_at, uses_left "
    "FROM initial_access_tokens";
const std::string kSelectRegistration =
    "SELECT client_id, access_token_hash, metadata, initial_token_id, created_at, updated_at "
    "FROM client_registrations";

model::InitialAccessToken read_token(const Row& row) {
  return {.id = row.text(0),
          .token_hash = row.text(1),
          .description = row.text(2),
          .created_at = row.int64(3),
          .expires_at = row.int64(4),
          .uses_left = row.int64(5)};
}

model::ClientRegistration read_registration(const Row& row) {
  return {.client_id = row.text(0),
          .access_token_hash = row.text(1),
          .metadata_json = row.text(2),
          .initial_token_id = row.text(3),
          .created_at = row.int64(4),
          .updated_at = row.int64(5)};
}

}  // namespace

Result<void> SqlClientRegistrationRepository::insert_initial_token(
    const model::InitialAccessToken& t) {
  return run(conn_,
             "INSERT INTO initial_access_tokens "
             "(id, token_hash, description, created_at, expires_at, uses_left) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             {t.id, t.token_hash, t.description, t.created_at, t.expires_at, t.uses_left});
}

// One UPDATE, so that two nodes spending the last use of a token cannot both succeed: the WHERE
// is evaluated under the row's lock.
Result<std::optional<model::InitialAccessToken>>
SqlClientRegistrationRepository::spend_initial_token(std::string_view token_hash,
                                                     std::int64_t now) {
  auto changed = execute(conn_,
                         "UPDATE initial_access_tokens SET uses_left = CASE WHEN uses_left < 0 "
                         "THEN uses_left ELSE uses_left - 1 END "
                         "WHERE token_hash = ?1 AND expires_at > ?2 AND uses_left <> 0",
                         {token_hash, now});
  if (!changed) return changed.error();
  if (*changed == 0) return std::optional<model::InitialAccessToken>();
  return query_one<model::InitialAccessToken>(conn_, kSelectToken + " WHERE token_hash = ?1",
                                              {token_hash}, read_token);
}

Result<std::vector<model::InitialAccessToken>>
SqlClientRegistrationRepository::list_initial_tokens() {
  return query_all<model::InitialAccessToken>(conn_, kSelectToken + " ORDER BY created_at DESC, id",
                                              {}, read_token);
}

Result<void> SqlClientRegistrationRepository::remove_initial_token(std::string_view id) {
  return execute_one(conn_, "DELETE FROM initial_access_tokens WHERE id = ?", {id},
                     "initial access token");
}

Result<void> SqlClientRegistrationRepository::insert(const model::ClientRegistration& r) {
  return run(conn_,
             "INSERT INTO client_registrations "
             "(client_id, access_token_hash, metadata, initial_token_id, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             {r.client_id, r.access_token_hash, r.metadata_json, r.initial_token_id, r.created_at,
              r.updated_at});
}

Result<std::optional<model::ClientRegistration>> SqlClientRegistrationRepository::find(
    std::string_view client_id) {
  return query_one<model::ClientRegistration>(conn_, kSelectRegistration + " WHERE client_id = ?1",
                                              {client_id}, read_registration);
}

Result<void> SqlClientRegistrationRepository::update(const model::ClientRegistration& r) {
  return execute_one(conn_,
                     "UPDATE client_registrations SET access_token_hash = ?, metadata = ?, "
                     "updated_at = ? WHERE client_id = ?",
                     {r.access_token_hash, r.metadata_json, r.updated_at, r.client_id},
                     "client registration");
}

Result<std::vector<std::string>> SqlClientRegistrationRepository::registered_among(
    const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<std::string>();
  auto values = text_values(ids);
  return query_all_of<std::string>(
      conn_,
      "SELECT client_id FROM client_registrations WHERE client_id IN (" + placeholders(ids.size()) +
          ") ORDER BY client_id",
      values, [](const Row& row) { return row.text(0); });
}

}  // namespace latch::storage::sql
