#pragma once

#include "storage/postgres/connection.hpp"
#include "storage/repositories.hpp"

namespace latch::storage::postgres {

// Grants of the authorization code flow; codes and tokens hang off them.
class PostgresGrantRepository final : public GrantRepository {
 public:
  explicit PostgresGrantRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the user or the client does not exist.
  Result<void> insert(const model::Grant& g) override;
  Result<std::optional<model::Grant>> find(std::string_view id) override;
  // NotFound when the grant does not exist. Revoking twice succeeds.
  Result<void> revoke(std::string_view id) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::postgres
