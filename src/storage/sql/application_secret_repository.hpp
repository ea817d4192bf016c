#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Applications' client secrets (the application_secrets table, migration v26). Every write bumps
// the "applications" epoch; an app's deletion removes its secrets (ON DELETE CASCADE).
class SqlApplicationSecretRepository final : public ApplicationSecretRepository {
 public:
  explicit SqlApplicationSecretRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::ApplicationSecret& secret) override;
  Result<std::vector<model::ApplicationSecret>> list(std::string_view application_id) override;
  Result<std::vector<model::ApplicationSecret>> list_all() override;
  Result<void> rename(std::string_view application_id, std::string_view name,
                      std::string_view new_name) override;
  Result<void> remove(std::string_view application_id, std::string_view name) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
