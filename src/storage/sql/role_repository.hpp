#pragma once

#include <span>
#include <string>

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Roles, the scopes they hold and who holds them. Assignments and role scopes are removed by
// ON DELETE CASCADE with their role, scope, user or application. Nothing here is cached, so no
// write bumps an epoch.
class SqlRoleRepository final : public RoleRepository {
 public:
  explicit SqlRoleRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::Role& role) override;
  Result<void> update(const model::Role& role) override;
  Result<std::optional<model::Role>> find(std::string_view id) override;
  Result<std::optional<model::Role>> find_by_name(std::string_view name) override;
  Result<std::vector<model::Role>> find_many(const std::vector<std::string>& ids) override;
  Result<std::vector<model::Role>> list(const RoleFilter& filter, Page page) override;
  Result<std::int64_t> count(const RoleFilter& filter) override;
  Result<void> remove(std::string_view id) override;
  Result<std::vector<RoleCounts>> counts(const std::vector<std::string>& role_ids) override;

  Result<std::vector<model::Scope>> scopes(std::string_view role_id) override;
  Result<void> add_scopes(std::string_view role_id,
                          const std::vector<std::string>& scope_ids) override;
  Result<void> remove_scope(std::string_view role_id, std::string_view scope_id) override;
  Result<std::vector<ScopeRole>> roles_of_resource(std::string_view resource_id) override;

  Result<void> assign_user(std::string_view role_id, std::string_view user_id,
                           std::int64_t at) override;
  Result<void> unassign_user(std::string_view role_id, std::string_view user_id) override;
  Result<std::vector<model::Role>> roles_of_user(std::string_view user_id) override;
  Result<std::vector<model::User>> users(std::string_view role_id, std::string_view search,
                                         Page page) override;
  Result<std::int64_t> count_users(std::string_view role_id, std::string_view search) override;

  Result<std::vector<model::User>> users_without(std::string_view role_id, std::string_view search,
                                                 Page page) override;
  Result<std::int64_t> count_users_without(std::string_view role_id,
                                           std::string_view search) override;
  Result<std::vector<model::Application>> applications_without(std::string_view role_id,
                                                               std::string_view search,
                                                               Page page) override;
  Result<std::int64_t> count_applications_without(std::string_view role_id,
                                                  std::string_view search) override;

  Result<void> assign_application(std::string_view role_id, std::string_view application_id,
                                  std::int64_t at) override;
  Result<void> unassign_application(std::string_view role_id,
                                    std::string_view application_id) override;
  Result<std::vector<model::Role>> roles_of_application(std::string_view application_id) override;
  Result<std::vector<model::Application>> applications(std::string_view role_id,
                                                       std::string_view search, Page page) override;
  Result<std::int64_t> count_applications(std::string_view role_id,
                                          std::string_view search) override;

  Result<std::vector<std::string>> user_scopes(std::string_view user_id,
                                               std::string_view resource_id) override;
  Result<std::vector<std::string>> application_scopes(std::string_view application_id,
                                                      std::string_view resource_id) override;
  Result<std::vector<ApplicationScope>> all_application_scopes() override;
  Result<std::vector<ScopeRole>> user_scope_sources(std::string_view user_id) override;

 private:
  // NotFound when the role is absent, InvalidRequest when it is not of `type`.
  Result<void> check_type(std::string_view role_id, model::RoleType type);

  Connection& conn_;
};

}  // namespace latch::storage::sql
