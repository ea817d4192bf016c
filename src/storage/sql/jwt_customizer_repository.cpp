#include "storage/sql/jwt_customizer_repository.hpp"

#include <string>

#include "storage/sql/epochs.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect = "SELECT token_type, config, updated_at FROM jwt_customizers";

StoredJwtCustomizer read_customizer(const Row& row) {
  return {row.text(0), row.text(1), row.int64(2)};
}

}  // namespace

Result<std::optional<StoredJwtCustomizer>> SqlJwtCustomizerRepository::find(
    std::string_view token_type) {
  return query_one<StoredJwtCustomizer>(conn_, kSelect + " WHERE token_type = ?", {token_type},
                                        read_customizer);
}

Result<std::vector<StoredJwtCustomizer>> SqlJwtCustomizerRepository::list() {
  return query_all<StoredJwtCustomizer>(conn_, kSelect + " ORDER BY token_type", {},
                                        read_customizer);
}

Result<void> SqlJwtCustomizerRepository::put(const StoredJwtCustomizer& c) {
  return bump_after(conn_,
                    run(conn_,
                        "INSERT INTO jwt_customizers (token_type, config, updated_at) "
                        "VALUES (?, ?, ?) ON CONFLICT (token_type) DO UPDATE SET "
                        "config = excluded.config, updated_at = excluded.updated_at",
                        {c.token_type, c.config, c.updated_at}),
                    kJwtCustomizersEpoch);
}

Result<void> SqlJwtCustomizerRepository::remove(std::string_view token_type) {
  return bump_after(conn_,
                    execute_one(conn_, "DELETE FROM jwt_customizers WHERE token_type = ?",
                                {token_type}, "jwt customizer"),
                    kJwtCustomizersEpoch);
}

}  // namespace latch::storage::sql
