#pragma once

#include "storage/organization_repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// The organization template's scopes. Removing one removes it from every organization role (ON
// DELETE CASCADE). Nothing here is cached.
class SqlOrganizationScopeRepository final : public OrganizationScopeRepository {
 public:
  explicit SqlOrganizationScopeRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::OrganizationScope& scope) override;
  Result<void> update(const model::OrganizationScope& scope) override;
  Result<std::optional<model::OrganizationScope>> find(std::string_view id) override;
  Result<std::vector<model::OrganizationScope>> find_many(
      const std::vector<std::string>& ids) override;
  Result<std::vector<model::OrganizationScope>> list(std::string_view search, Page page) override;
  Result<std::int64_t> count(std::string_view search) override;
  Result<void> remove(std::string_view id) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
