#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Grants of the authorization code flow; codes and tokens hang off them.
class SqlGrantRepository final : public GrantRepository {
 public:
  explicit SqlGrantRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the user or the client does not exist.
  Result<void> insert(const model::Grant& g) override;
  Result<std::optional<model::Grant>> find(std::string_view id) override;
  // NotFound when the grant does not exist. Revoking twice succeeds.
  Result<void> revoke(std::string_view id) override;
  Result<std::vector<model::Grant>> list_live_for_user(std::string_view user_id,
                                                       std::int64_t now) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
