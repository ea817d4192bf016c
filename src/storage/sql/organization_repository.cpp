#include "storage/sql/organization_repository.hpp"

#include <string>

#include "storage/sql/listing.hpp"
#include "storage/sql/organization_members.hpp"
#include "storage/sql/organization_rows.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect = "SELECT " + std::string(kOrganizationColumns) + " FROM organizations o";

model::Organization read(const Row& row) { return read_organization(row); }

Where organization_filter(const OrganizationFilter& filter) {
  Where where;
  where.add_search(filter.search, {"lower(o.id)", "lower(o.name)", "lower(o.description)"});
  where.finish();
  return where;
}

}  // namespace

Result<void> SqlOrganizationRepository::insert(const model::Organization& o) {
  return run(conn_,
             "INSERT INTO organizations (id, name, description, custom_data, is_mfa_required, "
             "color, branding, custom_css, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {o.id, o.name, nullable(o.description), o.custom_data, o.is_mfa_required, o.color,
              o.branding, nullable(o.custom_css), o.created_at});
}

Result<void> SqlOrganizationRepository::update(const model::Organization& o) {
  return execute_one(conn_,
                     "UPDATE organizations SET name = ?, description = ?, custom_data = ?, "
                     "is_mfa_required = ?, color = ?, branding = ?, custom_css = ? WHERE id = ?",
                     {o.name, nullable(o.description), o.custom_data, o.is_mfa_required, o.color,
                      o.branding, nullable(o.custom_css), o.id},
                     "organization");
}

Result<std::optional<model::Organization>> SqlOrganizationRepository::find(std::string_view id) {
  return query_one<model::Organization>(conn_, kSelect + " WHERE o.id = ?", {id}, read);
}

Result<std::vector<model::Organization>> SqlOrganizationRepository::list(
    const OrganizationFilter& filter, Page page) {
  if (auto checked = check_search(filter.search); !checked) return checked.error();
  Where where = organization_filter(filter);
  std::string sql = kSelect + where.sql + " ORDER BY o.created_at DESC, o.id";
  sql += limit_clause(where.values, page);
  return query_all_of<model::Organization>(conn_, sql, where.values, read);
}

Result<std::int64_t> SqlOrganizationRepository::count(const OrganizationFilter& filter) {
  if (auto checked = check_search(filter.search); !checked) return checked.error();
  Where where = organization_filter(filter);
  return count_rows(conn_, "SELECT COUNT(*) FROM organizations o" + where.sql, where.values);
}

Result<void> SqlOrganizationRepository::remove(std::string_view id) {
  return execute_one(conn_, "DELETE FROM organizations WHERE id = ?", {id}, "organization");
}

// ---- user members

Result<void> SqlOrganizationRepository::add_users(std::string_view organization_id,
                                                  const std::vector<std::string>& user_ids) {
  return add_members(conn_, kUserMembers, organization_id, user_ids);
}

Result<void> SqlOrganizationRepository::replace_users(std::string_view organization_id,
                                                      const std::vector<std::string>& user_ids) {
  return replace_members(conn_, kUserMembers, organization_id, user_ids);
}

Result<void> SqlOrganizationRepository::remove_user(std::string_view organization_id,
                                                    std::string_view user_id) {
  return remove_member(conn_, kUserMembers, organization_id, user_id);
}

Result<bool> SqlOrganizationRepository::has_user(std::string_view organization_id,
                                                 std::string_view user_id) {
  return has_member(conn_, kUserMembers, organization_id, user_id);
}

Result<std::vector<OrganizationUser>> SqlOrganizationRepository::users(
    std::string_view organization_id, std::string_view search, Page page) {
  return list_users(conn_, organization_id, search, page);
}

Result<std::int64_t> SqlOrganizationRepository::count_users(std::string_view organization_id,
                                                            std::string_view search) {
  return count_members(conn_, kUserMembers, organization_id, search);
}

Result<std::vector<Membership>> SqlOrganizationRepository::memberships_of_user(
    std::string_view user_id) {
  return memberships_of(conn_, kUserMembers, user_id);
}

Result<std::vector<model::OrganizationRole>> SqlOrganizationRepository::user_roles(
    std::string_view organization_id, std::string_view user_id) {
  return member_roles(conn_, kUserMembers, organization_id, user_id);
}

Result<void> SqlOrganizationRepository::add_user_roles(std::string_view organization_id,
                                                       const std::vector<std::string>& user_ids,
                                                       const std::vector<std::string>& role_ids) {
  return add_member_roles(conn_, kUserMembers, organization_id, user_ids, role_ids);
}

Result<void> SqlOrganizationRepository::replace_user_roles(
    std::string_view organization_id, std::string_view user_id,
    const std::vector<std::string>& role_ids) {
  return replace_member_roles(conn_, kUserMembers, organization_id, user_id, role_ids);
}

Result<void> SqlOrganizationRepository::remove_user_role(std::string_view organization_id,
                                                         std::string_view user_id,
                                                         std::string_view role_id) {
  return remove_member_role(conn_, kUserMembers, organization_id, user_id, role_id);
}

Result<std::vector<model::OrganizationScope>> SqlOrganizationRepository::user_scopes(
    std::string_view organization_id, std::string_view user_id) {
  return member_scopes(conn_, kUserMembers, organization_id, user_id);
}

Result<std::vector<std::string>> SqlOrganizationRepository::user_resource_scopes(
    std::string_view organization_id, std::string_view user_id, std::string_view resource_id) {
  return member_resource_scopes(conn_, kUserMembers, organization_id, user_id, resource_id);
}

// ---- application members

Result<void> SqlOrganizationRepository::add_applications(
    std::string_view organization_id, const std::vector<std::string>& application_ids) {
  return add_members(conn_, kApplicationMembers, organization_id, application_ids);
}

Result<void> SqlOrganizationRepository::replace_applications(
    std::string_view organization_id, const std::vector<std::string>& application_ids) {
  return replace_members(conn_, kApplicationMembers, organization_id, application_ids);
}

Result<void> SqlOrganizationRepository::remove_application(std::string_view organization_id,
                                                           std::string_view application_id) {
  return remove_member(conn_, kApplicationMembers, organization_id, application_id);
}

Result<bool> SqlOrganizationRepository::has_application(std::string_view organization_id,
                                                        std::string_view application_id) {
  return has_member(conn_, kApplicationMembers, organization_id, application_id);
}

Result<std::vector<OrganizationApplication>> SqlOrganizationRepository::applications(
    std::string_view organization_id, std::string_view search, Page page) {
  return list_applications(conn_, organization_id, search, page);
}

Result<std::int64_t> SqlOrganizationRepository::count_applications(std::string_view organization_id,
                                                                   std::string_view search) {
  return count_members(conn_, kApplicationMembers, organization_id, search);
}

Result<std::vector<Membership>> SqlOrganizationRepository::memberships_of_application(
    std::string_view application_id) {
  return memberships_of(conn_, kApplicationMembers, application_id);
}

Result<std::vector<model::OrganizationRole>> SqlOrganizationRepository::application_roles(
    std::string_view organization_id, std::string_view application_id) {
  return member_roles(conn_, kApplicationMembers, organization_id, application_id);
}

Result<void> SqlOrganizationRepository::add_application_roles(
    std::string_view organization_id, const std::vector<std::string>& application_ids,
    const std::vector<std::string>& role_ids) {
  return add_member_roles(conn_, kApplicationMembers, organization_id, application_ids, role_ids);
}

Result<void> SqlOrganizationRepository::replace_application_roles(
    std::string_view organization_id, std::string_view application_id,
    const std::vector<std::string>& role_ids) {
  return replace_member_roles(conn_, kApplicationMembers, organization_id, application_id,
                              role_ids);
}

Result<void> SqlOrganizationRepository::remove_application_role(std::string_view organization_id,
                                                                std::string_view application_id,
                                                                std::string_view role_id) {
  return remove_member_role(conn_, kApplicationMembers, organization_id, application_id, role_id);
}

Result<std::vector<model::OrganizationScope>> SqlOrganizationRepository::application_scopes(
    std::string_view organization_id, std::string_view application_id) {
  return member_scopes(conn_, kApplicationMembers, organization_id, application_id);
}

Result<std::vector<std::string>> SqlOrganizationRepository::application_resource_scopes(
    std::string_view organization_id, std::string_view application_id,
    std::string_view resource_id) {
  return member_resource_scopes(conn_, kApplicationMembers, organization_id, application_id,
                                resource_id);
}

}  // namespace latch::storage::sql
