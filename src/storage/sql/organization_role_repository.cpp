#include "storage/sql/organization_role_repository.hpp"

#include <string>

#include "storage/sql/listing.hpp"
#include "storage/sql/organization_rows.hpp"
#include "storage/sql/query.hpp"

namespace latch::storage::sql {
namespace {

const std::string kSelect =
    "SELECT " + std::string(kOrganizationRoleColumns) + " FROM organization_roles r";

constexpr Relation kScopes{"organization_role_scope_relations", "organization_role_id",
                           "organization_scope_id"};
constexpr Relation kResourceScopes{"organization_role_resource_scope_relations",
                                   "organization_role_id", "scope_id"};

model::OrganizationRole read(const Row& row) { return read_organization_role(row); }

Where role_filter(const OrganizationRoleFilter& filter) {
  Where where;
  where.add_search(filter.search, {"lower(r.id)", "lower(r.name)", "lower(r.description)"});
  if (filter.type) {
    where.add("r.type = " + where.bind(std::string(model::role_type_name(*filter.type))));
  }
  where.finish();
  return where;
}

Result<std::vector<model::OrganizationRole>> roles_where(Connection& conn, std::string_view column,
                                                         const std::vector<std::string>& keys) {
  if (keys.empty()) return std::vector<model::OrganizationRole>();
  auto values = text_values(keys);
  return query_all_of<model::OrganizationRole>(conn,
                                               kSelect + " WHERE r." + std::string(column) +
                                                   " IN (" + placeholders(keys.size()) +
                                                   ") ORDER BY r.name, r.id",
                                               values, read);
}

}  // namespace

Result<void> SqlOrganizationRoleRepository::insert(const model::OrganizationRole& role) {
  return run(conn_,
             "INSERT INTO organization_roles (id, name, description, type, created_at) "
             "VALUES (?, ?, ?, ?, ?)",
             {role.id, role.name, nullable(role.description), model::role_type_name(role.type),
              role.created_at});
}

Result<void> SqlOrganizationRoleRepository::update(const model::OrganizationRole& role) {
  return execute_one(conn_, "UPDATE organization_roles SET name = ?, description = ? WHERE id = ?",
                     {role.name, nullable(role.description), role.id}, "organization role");
}

Result<std::optional<model::OrganizationRole>> SqlOrganizationRoleRepository::find(
    std::string_view id) {
  return query_one<model::OrganizationRole>(conn_, kSelect + " WHERE r.id = ?", {id}, read);
}

Result<std::vector<model::OrganizationRole>> SqlOrganizationRoleRepository::find_many(
    const std::vector<std::string>& ids) {
  return roles_where(conn_, "id", ids);
}

Result<std::vector<model::OrganizationRole>> SqlOrganizationRoleRepository::find_by_names(
    const std::vector<std::string>& names) {
  return roles_where(conn_, "name", names);
}

Result<std::vector<model::OrganizationRole>> SqlOrganizationRoleRepository::list(
    const OrganizationRoleFilter& filter, Page page) {
  if (auto checked = check_search(filter.search); !checked) return checked.error();
  Where where = role_filter(filter);
  std::string sql = kSelect + where.sql + " ORDER BY r.created_at, r.id";
  sql += limit_clause(where.values, page);
  return query_all_of<model::OrganizationRole>(conn_, sql, where.values, read);
}

Result<std::int64_t> SqlOrganizationRoleRepository::count(const OrganizationRoleFilter& filter) {
  if (auto checked = check_search(filter.search); !checked) return checked.error();
  Where where = role_filter(filter);
  return count_rows(conn_, "SELECT COUNT(*) FROM organization_roles r" + where.sql, where.values);
}

Result<void> SqlOrganizationRoleRepository::remove(std::string_view id) {
  return execute_one(conn_, "DELETE FROM organization_roles WHERE id = ?", {id},
                     "organization role");
}

Result<std::vector<model::OrganizationScope>> SqlOrganizationRoleRepository::scopes(
    std::string_view role_id) {
  return query_all<model::OrganizationScope>(
      conn_,
      "SELECT " + std::string(kOrganizationScopeColumns) +
          " FROM organization_scopes os JOIN organization_role_scope_relations rs "
          "ON rs.organization_scope_id = os.id WHERE rs.organization_role_id = ? "
          "ORDER BY os.name, os.id",
      {role_id}, [](const Row& row) { return read_organization_scope(row); });
}

Result<void> SqlOrganizationRoleRepository::add_scopes(const std::string_view role_id,
                                                       const std::vector<std::string>& scope_ids) {
  if (auto found = require_row(conn_, "organization_roles", role_id, "organization role"); !found) {
    return found;
  }
  return add_relations(conn_, kScopes, role_id, scope_ids);
}

Result<void> SqlOrganizationRoleRepository::replace_scopes(
    std::string_view role_id, const std::vector<std::string>& scope_ids) {
  if (auto found = require_row(conn_, "organization_roles", role_id, "organization role"); !found) {
    return found;
  }
  return replace_relations(conn_, kScopes, role_id, scope_ids);
}

Result<void> SqlOrganizationRoleRepository::remove_scope(std::string_view role_id,
                                                         std::string_view scope_id) {
  return remove_relation(conn_, kScopes, role_id, scope_id, "organization role scope");
}

Result<std::vector<model::Scope>> SqlOrganizationRoleRepository::resource_scopes(
    std::string_view role_id) {
  return query_all<model::Scope>(
      conn_,
      "SELECT " + std::string(kResourceScopeColumns) +
          " FROM scopes s JOIN organization_role_resource_scope_relations rs "
          "ON rs.scope_id = s.id WHERE rs.organization_role_id = ? "
          "ORDER BY s.created_at, s.id",
      {role_id}, [](const Row& row) { return read_resource_scope(row); });
}

Result<void> SqlOrganizationRoleRepository::add_resource_scopes(
    std::string_view role_id, const std::vector<std::string>& scope_ids) {
  if (auto found = require_row(conn_, "organization_roles", role_id, "organization role"); !found) {
    return found;
  }
  return add_relations(conn_, kResourceScopes, role_id, scope_ids);
}

Result<void> SqlOrganizationRoleRepository::replace_resource_scopes(
    std::string_view role_id, const std::vector<std::string>& scope_ids) {
  if (auto found = require_row(conn_, "organization_roles", role_id, "organization role"); !found) {
    return found;
  }
  return replace_relations(conn_, kResourceScopes, role_id, scope_ids);
}

Result<void> SqlOrganizationRoleRepository::remove_resource_scope(std::string_view role_id,
                                                                  std::string_view scope_id) {
  return remove_relation(conn_, kResourceScopes, role_id, scope_id,
                         "organization role resource scope");
}

}  // namespace latch::storage::sql
