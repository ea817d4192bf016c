#include "storage/sql/organization_rows.hpp"

#include <set>

#include "storage/sql/query.hpp"

namespace latch::storage::sql {

model::Organization read_organization(const Row& row, int first) {
  model::Organization o;
  o.id = row.text(first);
  o.name = row.text(first + 1);
  o.description = row.optional_text(first + 2);
  o.custom_data = row.text(first + 3);
  o.is_mfa_required = row.boolean(first + 4);
  o.color = row.text(first + 5);
  o.branding = row.text(first + 6);
  o.custom_css = row.optional_text(first + 7);
  o.created_at = row.int64(first + 8);
  return o;
}

model::OrganizationRole read_organization_role(const Row& row, int first) {
  model::OrganizationRole role;
  role.id = row.text(first);
  role.name = row.text(first + 1);
  role.description = row.optional_text(first + 2);
  role.type = model::parse_role_type(row.text(first + 3)).value_or(model::RoleType::User);
  role.created_at = row.int64(first + 4);
  return role;
}

model::OrganizationScope read_organization_scope(const Row& row, int first) {
  return model::OrganizationScope{row.text(first), row.text(first + 1),
                                  row.optional_text(first + 2), row.int64(first + 3)};
}

model::Scope read_resource_scope(const Row& row, int first) {
  return model::Scope{row.text(first), row.text(first + 1), row.text(first + 2),
                      row.text(first + 3), row.int64(first + 4)};
}

Result<void> add_relations(Connection& conn, const Relation& relation, std::string_view owner_id,
                           const std::vector<std::string>& target_ids) {
  std::string sql = "INSERT INTO " + std::string(relation.table) + " (" +
                    std::string(relation.owner) + ", " + std::string(relation.target) +
                    ") VALUES (?, ?) ON CONFLICT DO NOTHING";
  for (const auto& target_id : target_ids) {
    if (auto added = run(conn, sql, {owner_id, target_id}); !added) return added;
  }
  return ok();
}

Result<void> replace_relations(Connection& conn, const Relation& relation,
                               std::string_view owner_id,
                               const std::vector<std::string>& target_ids) {
  auto cleared = run(conn,
                     "DELETE FROM " + std::string(relation.table) + " WHERE " +
                         std::string(relation.owner) + " = ?",
                     {owner_id});
  if (!cleared) return cleared;
  return add_relations(conn, relation, owner_id, target_ids);
}

Result<void> remove_relation(Connection& conn, const Relation& relation, std::string_view owner_id,
                             std::string_view target_id, std::string_view what) {
  return execute_one(conn,
                     "DELETE FROM " + std::string(relation.table) + " WHERE " +
                         std::string(relation.owner) + " = ? AND " + std::string(relation.target) +
                         " = ?",
                     {owner_id, target_id}, what);
}

Result<void> require_row(Connection& conn, std::string_view table, std::string_view id,
                         std::string_view what) {
  auto n = query_int64(conn, "SELECT COUNT(*) FROM " + std::string(table) + " WHERE id = ?", {id});
  if (!n) return n.error();
  if (*n == 0) return make_error(Errc::NotFound, std::string(what) + " not found");
  return ok();
}

Result<void> require_role_type(Connection& conn, const std::vector<std::string>& role_ids,
                               model::RoleType type) {
  if (role_ids.empty()) return ok();
  auto values = text_values(role_ids);
  auto roles = query_all_of<model::OrganizationRole>(
      conn,
      "SELECT " + std::string(kOrganizationRoleColumns) +
          " FROM organization_roles r WHERE r.id IN (" + placeholders(role_ids.size()) + ")",
      values, [](const Row& row) { return read_organization_role(row); });
  if (!roles) return roles.error();
  if (std::set<std::string>(role_ids.begin(), role_ids.end()).size() != roles->size()) {
    return make_error(Errc::NotFound, "organization role not found");
  }
  for (const auto& role : *roles) {
    if (role.type != type) {
      return make_error(Errc::InvalidRequest, "organization role " + role.name + " is for " +
                                                  std::string(model::role_type_name(role.type)) +
                                                  ", not " +
                                                  std::string(model::role_type_name(type)));
    }
  }
  return ok();
}

}  // namespace latch::storage::sql
