#include "storage/sql/interaction_repository.hpp"

#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

model::Interaction read_interaction(const Row& s) {
  model::Interaction i;
  i.uid = s.text(0);
  i.client_id = s.text(1);
  i.params_json = s.text(2);
  i.state_json = s.text(3);
  i.user_id = s.optional_text(4);
  i.auth_time = s.int64(5);
  i.created_at = s.int64(6);
  i.expires_at = s.int64(7);
  return i;
}

}  // namespace

Result<void> SqlInteractionRepository::insert(const model::Interaction& i) {
  return run(conn_,
             "INSERT INTO interactions (uid, client_id, params, state, user_id, auth_time, "
             "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
             {i.uid, i.client_id, i.params_json, i.state_json, nullable(i.user_id), i.auth_time,
              i.created_at, i.expires_at});
}

Result<void> SqlInteractionRepository::update(const model::Interaction& i) {
  return execute_one(conn_,
                     "UPDATE interactions SET client_id = ?, params = ?, state = ?, user_id = ?, "
                     "auth_time = ?, expires_at = ? WHERE uid = ?",
                     {i.client_id, i.params_json, i.state_json, nullable(i.user_id), i.auth_time,
                      i.expires_at, i.uid},
                     "interaction");
}

Result<std::optional<model::Interaction>> SqlInteractionRepository::find(std::string_view uid) {
  return query_one<model::Interaction>(
      conn_,
      "SELECT uid, client_id, params, state, user_id, auth_time, created_at, expires_at "
      "FROM interactions WHERE uid = ?",
      {uid}, read_interaction);
}

Result<void> SqlInteractionRepository::remove(std::string_view uid) {
  return run(conn_, "DELETE FROM interactions WHERE uid = ?", {uid});
}

}  // namespace latch::storage::sql
