// SqlOrganizationRepository: just-in-time provisioning by verified email domain.
#include <string>

#include "storage/sql/organization_members.hpp"
#include "storage/sql/organization_repository.hpp"
#include "storage/sql/organization_rows.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

constexpr Relation kJitRoles{"organization_jit_roles", "organization_id", "organization_role_id"};

Result<void> require_organization(Connection& conn, std::string_view organization_id) {
  return require_row(conn, "organizations", organization_id, "organization");
}

}  // namespace

Result<std::vector<std::string>> SqlOrganizationRepository::jit_email_domains(
    std::string_view organization_id) {
  return query_all<std::string>(conn_,
                                "SELECT email_domain FROM organization_jit_email_domains "
                                "WHERE organization_id = ? ORDER BY email_domain",
                                {organization_id}, [](const Row& row) { return row.text(0); });
}

Result<void> SqlOrganizationRepository::add_jit_email_domain(std::string_view organization_id,
                                                             std::string_view domain) {
  if (auto found = require_organization(conn_, organization_id); !found) return found;
  std::string lower = ascii_lower(domain);
  return run(conn_,
             "INSERT INTO organization_jit_email_domains (organization_id, email_domain) "
             "VALUES (?, ?)",
             {organization_id, lower});
}

Result<void> SqlOrganizationRepository::replace_jit_email_domains(
    std::string_view organization_id, const std::vector<std::string>& domains) {
  if (auto found = require_organization(conn_, organization_id); !found) return found;
  std::vector<std::string> lower;
  for (const auto& domain : domains) lower.push_back(ascii_lower(domain));
  return replace_relations(conn_,
                           {"organization_jit_email_domains", "organization_id", "email_domain"},
                           organization_id, lower);
}

Result<void> SqlOrganizationRepository::remove_jit_email_domain(std::string_view organization_id,
                                                                std::string_view domain) {
  std::string lower = ascii_lower(domain);
  return execute_one(conn_,
                     "DELETE FROM organization_jit_email_domains "
                     "WHERE organization_id = ? AND email_domain = ?",
                     {organization_id, lower}, "JIT email domain");
}

Result<std::vector<model::OrganizationRole>> SqlOrganizationRepository::jit_roles(
    std::string_view organization_id) {
  return query_all<model::OrganizationRole>(
      conn_,
      "SELECT " + std::string(kOrganizationRoleColumns) +
          " FROM organization_jit_roles j JOIN organization_roles r "
          "ON r.id = j.organization_role_id WHERE j.organization_id = ? ORDER BY r.name, r.id",
      {organization_id}, [](const Row& row) { return read_organization_role(row); });
}

Result<void> SqlOrganizationRepository::add_jit_roles(std::string_view organization_id,
                                                      const std::vector<std::string>& role_ids) {
  if (auto found = require_organization(conn_, organization_id); !found) return found;
  if (auto typed = require_role_type(conn_, role_ids, model::RoleType::User); !typed) return typed;
  return add_relations(conn_, kJitRoles, organization_id, role_ids);
}

Result<void> SqlOrganizationRepository::replace_jit_roles(
    std::string_view organization_id, const std::vector<std::string>& role_ids) {
  if (auto found = require_organization(conn_, organization_id); !found) return found;
  if (auto typed = require_role_type(conn_, role_ids, model::RoleType::User); !typed) return typed;
  return replace_relations(conn_, kJitRoles, organization_id, role_ids);
}

Result<void> SqlOrganizationRepository::remove_jit_role(std::string_view organization_id,
                                                        std::string_view role_id) {
  return remove_relation(conn_, kJitRoles, organization_id, role_id, "JIT role");
}

Result<std::vector<std::string>> SqlOrganizationRepository::provision_by_email_domain(
    std::string_view user_id, std::string_view email_domain) {
  std::string domain = ascii_lower(email_domain);
  auto joining = query_all<std::string>(
      conn_,
      "SELECT d.organization_id FROM organization_jit_email_domains d WHERE d.email_domain = ?1 "
      "AND NOT EXISTS (SELECT 1 FROM organization_user_relations m "
      "WHERE m.organization_id = d.organization_id AND m.user_id = ?2) ORDER BY d.organization_id",
      {domain, user_id}, [](const Row& row) { return row.text(0); });
  if (!joining) return joining.error();
  for (const auto& organization_id : *joining) {
    if (auto joined = join(conn_, kUserMembers, organization_id, user_id); !joined) {
      return joined.error();
    }
    auto roles = run(conn_,
                     "INSERT INTO organization_role_user_relations "
                     "(organization_id, user_id, organization_role_id) "
                     "SELECT organization_id, ?2, organization_role_id FROM organization_jit_roles "
                     "WHERE organization_id = ?1",
                     {organization_id, user_id});
    if (!roles) return roles.error();
  }
  return joining;
}

}  // namespace latch::storage::sql
