#pragma once

#include "storage/organization_repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// The organization template's roles and the scopes they hold. Removing a role removes it from
// every member, invitation and JIT rule (ON DELETE CASCADE). Nothing here is cached.
class SqlOrganizationRoleRepository final : public OrganizationRoleRepository {
 public:
  explicit SqlOrganizationRoleRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::OrganizationRole& role) override;
  Result<void> update(const model::OrganizationRole& role) override;
  Result<std::optional<model::OrganizationRole>> find(std::string_view id) override;
  Result<std::vector<model::OrganizationRole>> find_many(
      const std::vector<std::string>& ids) override;
  Result<std::vector<model::OrganizationRole>> find_by_names(
      const std::vector<std::string>& names) override;
  Result<std::vector<model::OrganizationRole>> list(const OrganizationRoleFilter& filter,
                                                    Page page) override;
  Result<std::int64_t> count(const OrganizationRoleFilter& filter) override;
  Result<void> remove(std::string_view id) override;

  Result<std::vector<model::OrganizationScope>> scopes(std::string_view role_id) override;
  Result<void> add_scopes(std::string_view role_id,
                          const std::vector<std::string>& scope_ids) override;
  Result<void> replace_scopes(std::string_view role_id,
                              const std::vector<std::string>& scope_ids) override;
  Result<void> remove_scope(std::string_view role_id, std::string_view scope_id) override;

  Result<std::vector<model::Scope>> resource_scopes(std::string_view role_id) override;
  Result<void> add_resource_scopes(std::string_view role_id,
                                   const std::vector<std::string>& scope_ids) override;
  Result<void> replace_resource_scopes(std::string_view role_id,
                                       const std::vector<std::string>& scope_ids) override;
  Result<void> remove_resource_scope(std::string_view role_id, std::string_view scope_id) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
