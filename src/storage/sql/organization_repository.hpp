#pragma once

#include "storage/organization_repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Organizations, their members (organization_members.hpp does the work for users and apps
// alike), the roles members hold there and the JIT rules. Deleting an organization, user, app or
// role removes the rows that name it (ON DELETE CASCADE); nothing here is cached, so no write
// bumps an epoch. Defined in organization_repository.cpp and organization_jit.cpp.
class SqlOrganizationRepository final : public OrganizationRepository {
 public:
  explicit SqlOrganizationRepository(Connection& conn) : conn_(conn) {}

  Result<void> insert(const model::Organization& organization) override;
  Result<void> update(const model::Organization& organization) override;
  Result<std::optional<model::Organization>> find(std::string_view id) override;
  Result<std::vector<model::Organization>> list(const OrganizationFilter& filter,
                                                Page page) override;
  Result<std::int64_t> count(const OrganizationFilter& filter) override;
  Result<void> remove(std::string_view id) override;

  Result<void> add_users(std::string_view organization_id,
                         const std::vector<std::string>& user_ids) override;
  Result<void> replace_users(std::string_view organization_id,
                             const std::vector<std::string>& user_ids) override;
  Result<void> remove_user(std::string_view organization_id, std::string_view user_id) override;
  Result<bool> has_user(std::string_view organization_id, std::string_view user_id) override;
  Result<std::vector<OrganizationUser>> users(std::string_view organization_id,
                                              std::string_view search, Page page) override;
  Result<std::int64_t> count_users(std::string_view organization_id,
                                   std::string_view search) override;
  Result<std::vector<Membership>> memberships_of_user(std::string_view user_id) override;
  Result<std::vector<model::OrganizationRole>> user_roles(std::string_view organization_id,
                                                          std::string_view user_id) override;
  Result<void> add_user_roles(std::string_view organization_id,
                              const std::vector<std::string>& user_ids,
                              const std::vector<std::string>& role_ids) override;
  Result<void> replace_user_roles(std::string_view organization_id, std::string_view user_id,
                                  const std::vector<std::string>& role_ids) override;
  Result<void> remove_user_role(std::string_view organization_id, std::string_view user_id,
                                std::string_view role_id) override;
  Result<std::vector<model::OrganizationScope>> user_scopes(std::string_view organization_id,
                                                            std::string_view user_id) override;
  Result<std::vector<std::string>> user_resource_scopes(std::string_view organization_id,
                                                        std::string_view user_id,
                                                        std::string_view resource_id) override;

  Result<void> add_applications(std::string_view organization_id,
                                const std::vector<std::string>& application_ids) override;
  Result<void> replace_applications(std::string_view organization_id,
                                    const std::vector<std::string>& application_ids) override;
  Result<void> remove_application(std::string_view organization_id,
                                  std::string_view application_id) override;
  Result<bool> has_application(std::string_view organization_id,
                               std::string_view application_id) override;
  Result<std::vector<OrganizationApplication>> applications(std::string_view organization_id,
                                                            std::string_view search,
                                                            Page page) override;
  Result<std::int64_t> count_applications(std::string_view organization_id,
                                          std::string_view search) override;
  Result<std::vector<Membership>> memberships_of_application(
      std::string_view application_id) override;
  Result<std::vector<model::OrganizationRole>> application_roles(
      std::string_view organization_id, std::string_view application_id) override;
  Result<void> add_application_roles(std::string_view organization_id,
                                     const std::vector<std::string>& application_ids,
                                     const std::vector<std::string>& role_ids) override;
  Result<void> replace_application_roles(std::string_view organization_id,
                                         std::string_view application_id,
                                         const std::vector<std::string>& role_ids) override;
  Result<void> remove_application_role(std::string_view organization_id,
                                       std::string_view application_id,
                                       std::string_view role_id) override;
  Result<std::vector<model::OrganizationScope>> application_scopes(
      std::string_view organization_id, std::string_view application_id) override;
  Result<std::vector<std::string>> application_resource_scopes(
      std::string_view organization_id, std::string_view application_id,
      std::string_view resource_id) override;

  Result<std::vector<std::string>> jit_email_domains(std::string_view organization_id) override;
  Result<void> add_jit_email_domain(std::string_view organization_id,
                                    std::string_view domain) override;
  Result<void> replace_jit_email_domains(std::string_view organization_id,
                                         const std::vector<std::string>& domains) override;
  Result<void> remove_jit_email_domain(std::string_view organization_id,
                                       std::string_view domain) override;
  Result<std::vector<model::OrganizationRole>> jit_roles(std::string_view organization_id) override;
  Result<void> add_jit_roles(std::string_view organization_id,
                             const std::vector<std::string>& role_ids) override;
  Result<void> replace_jit_roles(std::string_view organization_id,
                                 const std::vector<std::string>& role_ids) override;
  Result<void> remove_jit_role(std::string_view organization_id, std::string_view role_id) override;
  Result<std::vector<std::string>> provision_by_email_domain(
      std::string_view user_id, std::string_view email_domain) override;

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
