#include "storage/sql/application_secret_repository.hpp"

#include <string>
#include <utility>

#include "storage/sql/epochs.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect =
    "SELECT application_id, name, sealed_value, created_at, expires_at FROM application_secrets";
const std::string kOrder = " ORDER BY application_id, created_at, name";

model::ApplicationSecret read_secret(const Row& s) {
  model::ApplicationSecret secret{s.text(0), s.text(1), s.text(2), s.int64(3), std::nullopt};
  if (!s.is_null(4)) secret.expires_at = s.int64(4);
  return secret;
}

Value nullable_int(const std::optional<std::int64_t>& value) {
  if (!value) return nullptr;
  return *value;
}

}  // namespace

Result<void> SqlApplicationSecretRepository::insert(const model::ApplicationSecret& secret) {
  return bump_after(conn_,
                    run(conn_,
                        "INSERT INTO application_secrets (application_id, name, sealed_value, "
                        "created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                        {secret.application_id, secret.name, secret.sealed_value, secret.created_at,
                         nullable_int(secret.expires_at)}),
                    kApplicationsEpoch);
}

Result<std::vector<model::ApplicationSecret>> SqlApplicationSecretRepository::list(
    std::string_view application_id) {
  return query_all<model::ApplicationSecret>(conn_, kSelect + " WHERE application_id = ?" + kOrder,
                                             {application_id}, read_secret);
}

Result<std::vector<model::ApplicationSecret>> SqlApplicationSecretRepository::list_all() {
  return query_all<model::ApplicationSecret>(conn_, kSelect + kOrder, {}, read_secret);
}

Result<void> SqlApplicationSecretRepository::rename(std::string_view application_id,
                                                    std::string_view name,
                                                    std::string_view new_name) {
  return bump_after(conn_,
                    execute_one(conn_,
                                "UPDATE application_secrets SET name = ? WHERE application_id = ? "
                                "AND name = ?",
                                {new_name, application_id, name}, "application secret"),
                    kApplicationsEpoch);
}

Result<void> SqlApplicationSecretRepository::remove(std::string_view application_id,
                                                    std::string_view name) {
  return bump_after(
      conn_,
      execute_one(conn_, "DELETE FROM application_secrets WHERE application_id = ? AND name = ?",
                  {application_id, name}, "application secret"),
      kApplicationsEpoch);
}

}  // namespace latch::storage::sql
