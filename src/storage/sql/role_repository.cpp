#include "storage/sql/role_repository.hpp"

#include <string>
#include <utility>

#include "storage/sql/application_repository.hpp"
#include "storage/sql/epochs.hpp"
#include "storage/sql/listing.hpp"
#include "storage/sql/query.hpp"
#include "storage/sql/user_repository.hpp"

namespace latch::storage::sql {
namespace {

const std::string kRoleColumns = "id, name, description, type, is_default, created_at";
const std::string kSelect = "SELECT " + kRoleColumns + " FROM roles";
const std::string kSelectScope =
    "SELECT s.id, s.resource_id, s.name, s.description, s.created_at FROM scopes s";

model::Role read_role(const Row& s, int first = 0) {
  model::Role role;
  role.id = s.text(first);
  role.name = s.text(first + 1);
  role.description = s.text(first + 2);
  role.type = model::parse_role_type(s.text(first + 3)).value_or(model::RoleType::User);
  role.is_default = s.boolean(first + 4);
  role.created_at = s.int64(first + 5);
  return role;
}

model::Scope read_scope(const Row& s) {
  return model::Scope{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4)};
}

ScopeRole read_scope_role(const Row& s) { return ScopeRole{s.text(0), read_role(s, 1)}; }

std::string read_text(const Row& s) { return s.text(0); }

Where role_filter(const RoleFilter& filter) {
  Where where;
  where.add_search(filter.search, {"lower(id)", "lower(name)", "lower(description)"});
  if (filter.type) {
    where.add("type = " + where.bind(std::string(model::role_type_name(*filter.type))));
  }
  if (!filter.exclude_ids.empty()) {
    std::string list;
    for (const auto& id : filter.exclude_ids) list += (list.empty() ? "" : ", ") + where.bind(id);
    where.add("id NOT IN (" + list + ")");
  }
  where.finish();
  return where;
}

// A role's members filtered by a substring search over `columns` (lower-cased): the SQL that
// follows "WHERE <member of ?>" and the values, the role id first.
// `pattern` holds the text the values view.
struct Members {
  std::string matches;
  std::vector<Value> values;
};

Members members(std::string_view role_id, std::string_view search,
                std::initializer_list<std::string_view> columns, std::string& pattern) {
  Members out;
  std::string term = search_term(search);
  out.values.emplace_back(role_id);
  if (term.empty()) return out;
  pattern = contains_pattern(term);
  for (auto column : columns) {
    out.matches +=
        (out.matches.empty() ? " AND (" : " OR ") + std::string(column) + " LIKE ?2 ESCAPE '\\'";
  }
  out.matches += ")";
  out.values.emplace_back(pattern);
  return out;
}

// Who can hold a role: users (users_roles) or machine-to-machine apps (applications_roles).
struct Holders {
  std::string_view table, columns, link, link_id;
  std::string_view may_hold;  // the condition a row must meet to be able to hold a role
  std::initializer_list<std::string_view> search_columns;
};

constexpr Holders kUsers{
    "users",
    kUserColumns,
    "users_roles",
    "user_id",
    "1 = 1",
    {"lower(id)", "username_lower", "email_lower", "lower(primary_phone)", "lower(name)"}};
constexpr Holders kApps{
    "applications",   kApplicationColumns,         "applications_roles",
    "application_id", "type = 'MachineToMachine'", {"lower(id)", "lower(name)"}};

// "WHERE [NOT] id IN (the holders of role ?1) AND <may hold>": the rows that hold the role, or
// the ones that could be given it.
std::string holding(const Holders& h, bool holds) {
  return " FROM " + std::string(h.table) + " WHERE " + std::string(h.may_hold) +
         (holds ? " AND id IN " : " AND id NOT IN ") + "(SELECT " + std::string(h.link_id) +
         " FROM " + std::string(h.link) + " WHERE role_id = ?1)";
}

// Holders in the order they were given the role; the others newest first.
template <class T, class ReadRow>
Result<std::vector<T>> list_holders(Connection& conn, const Holders& h, bool holds,
                                    std::string_view role_id, std::string_view search, Page page,
                                    ReadRow read_row) {
  std::string pattern;
  Members m = members(role_id, search, h.search_columns, pattern);
  std::string table(h.table);
  std::string sql = "SELECT " + std::string(h.columns);
  if (holds) {
    sql += " FROM " + table + " JOIN (SELECT " + std::string(h.link_id) +
           " AS holder, created_at AS assigned_at FROM " + std::string(h.link) +
           " WHERE role_id = ?1) held ON held.holder = " + table + ".id WHERE 1 = 1" + m.matches +
           " ORDER BY held.assigned_at, " + table + ".id";
  } else {
    sql += holding(h, false) + m.matches + " ORDER BY created_at DESC, id";
  }
  sql += limit_clause(m.values, page);
  return query_all_of<T>(conn, sql, m.values, read_row);
}

Result<std::int64_t> count_holders(Connection& conn, const Holders& h, bool holds,
                                   std::string_view role_id, std::string_view search) {
  std::string pattern;
  Members m = members(role_id, search, h.search_columns, pattern);
  return count_rows(conn, "SELECT COUNT(*)" + holding(h, holds) + m.matches, m.values);
}

}  // namespace

Result<void> SqlRoleRepository::check_type(std::string_view role_id, model::RoleType type) {
  auto role = find(role_id);
  if (!role) return role.error();
  if (!*role) return make_error(Errc::NotFound, "role not found");
  if ((*role)->type != type) {
    return make_error(Errc::InvalidRequest,
                      "the role is for " + std::string(model::role_type_name((*role)->type)) +
                          ", not " + std::string(model::role_type_name(type)));
  }
  return ok();
}

Result<void> SqlRoleRepository::insert(const model::Role& role) {
  return run(conn_,
             "INSERT INTO roles (id, name, description, type, is_default, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             {role.id, role.name, role.description, model::role_type_name(role.type),
              role.is_default, role.created_at});
}

Result<void> SqlRoleRepository::update(const model::Role& role) {
  return execute_one(conn_,
                     "UPDATE roles SET name = ?, description = ?, is_default = ? WHERE id = ?",
                     {role.name, role.description, role.is_default, role.id}, "role");
}

Result<std::optional<model::Role>> SqlRoleRepository::find(std::string_view id) {
  return query_one<model::Role>(conn_, kSelect + " WHERE id = ?", {id},
                                [](const Row& s) { return read_role(s); });
}

Result<std::optional<model::Role>> SqlRoleRepository::find_by_name(std::string_view name) {
  return query_one<model::Role>(conn_, kSelect + " WHERE name = ?", {name},
                                [](const Row& s) { return read_role(s); });
}

Result<std::vector<model::Role>> SqlRoleRepository::find_many(const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<model::Role>();
  auto values = text_values(ids);
  return query_all_of<model::Role>(
      conn_, kSelect + " WHERE id IN (" + placeholders(ids.size()) + ") ORDER BY name, id", values,
      [](const Row& s) { return read_role(s); });
}

Result<std::vector<model::Role>> SqlRoleRepository::list(const RoleFilter& filter, Page page) {
  Where where = role_filter(filter);
  std::string sql = kSelect + where.sql + " ORDER BY created_at, id";
  sql += limit_clause(where.values, page);
  return query_all_of<model::Role>(conn_, sql, where.values,
                                   [](const Row& s) { return read_role(s); });
}

Result<std::int64_t> SqlRoleRepository::count(const RoleFilter& filter) {
  Where where = role_filter(filter);
  return count_rows(conn_, "SELECT COUNT(*) FROM roles" + where.sql, where.values);
}

Result<void> SqlRoleRepository::remove(std::string_view id) {
  return bump_after(conn_, execute_one(conn_, "DELETE FROM roles WHERE id = ?", {id}, "role"),
                    kRolesEpoch);
}

Result<std::vector<RoleCounts>> SqlRoleRepository::counts(const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<RoleCounts>();
  auto values = text_values(ids);
  std::string in = " IN (" + placeholders(ids.size()) + ")";
  return query_all_of<RoleCounts>(
      conn_,
      "SELECT r.id, (SELECT COUNT(*) FROM users_roles ur WHERE ur.role_id = r.id), "
      "(SELECT COUNT(*) FROM applications_roles ar WHERE ar.role_id = r.id) "
      "FROM roles r WHERE r.id" +
          in + " ORDER BY r.id",
      values, [](const Row& s) {
        return RoleCounts{s.text(0), s.int64(1), s.int64(2)};
      });
}

Result<std::vector<model::Scope>> SqlRoleRepository::scopes(std::string_view role_id) {
  return query_all<model::Scope>(conn_,
                                 kSelectScope +
                                     " JOIN roles_scopes rs ON rs.scope_id = s.id "
                                     "WHERE rs.role_id = ? ORDER BY s.created_at, s.id",
                                 {role_id}, read_scope);
}

Result<void> SqlRoleRepository::add_scopes(std::string_view role_id,
                                           const std::vector<std::string>& scope_ids) {
  auto role = find(role_id);
  if (!role) return role.error();
  if (!*role) return make_error(Errc::NotFound, "role not found");
  for (const auto& scope_id : scope_ids) {
    auto added = run(conn_, "INSERT INTO roles_scopes (role_id, scope_id) VALUES (?, ?)",
                     {role_id, scope_id});
    if (!added) return added;
  }
  return bump_epoch(conn_, kRolesEpoch);
}

Result<void> SqlRoleRepository::remove_scope(std::string_view role_id, std::string_view scope_id) {
  return bump_after(
      conn_,
      execute_one(conn_, "DELETE FROM roles_scopes WHERE role_id = ? AND scope_id = ?",
                  {role_id, scope_id}, "role scope"),
      kRolesEpoch);
}

Result<std::vector<ScopeRole>> SqlRoleRepository::roles_of_resource(std::string_view resource_id) {
  return query_all<ScopeRole>(
      conn_,
      "SELECT rs.scope_id, r.id, r.name, r.description, r.type, r.is_default, r.created_at "
      "FROM roles_scopes rs JOIN roles r ON r.id = rs.role_id "
      "JOIN scopes s ON s.id = rs.scope_id WHERE s.resource_id = ? "
      "ORDER BY s.created_at, s.id, r.name, r.id",
      {resource_id}, read_scope_role);
}

Result<void> SqlRoleRepository::assign_user(std::string_view role_id, std::string_view user_id,
                                            std::int64_t at) {
  if (auto typed = check_type(role_id, model::RoleType::User); !typed) return typed;
  return run(conn_, "INSERT INTO users_roles (user_id, role_id, created_at) VALUES (?, ?, ?)",
             {user_id, role_id, at});
}

Result<void> SqlRoleRepository::unassign_user(std::string_view role_id, std::string_view user_id) {
  return execute_one(conn_, "DELETE FROM users_roles WHERE user_id = ? AND role_id = ?",
                     {user_id, role_id}, "user role");
}

Result<std::vector<model::Role>> SqlRoleRepository::roles_of_user(std::string_view user_id) {
  return query_all<model::Role>(
      conn_,
      kSelect +
          " WHERE id IN (SELECT role_id FROM users_roles WHERE user_id = ?) ORDER BY name, id",
      {user_id}, [](const Row& s) { return read_role(s); });
}

Result<std::vector<model::User>> SqlRoleRepository::users(std::string_view role_id,
                                                          std::string_view search, Page page) {
  return list_holders<model::User>(conn_, kUsers, true, role_id, search, page, read_user);
}

Result<std::int64_t> SqlRoleRepository::count_users(std::string_view role_id,
                                                    std::string_view search) {
  return count_holders(conn_, kUsers, true, role_id, search);
}

Result<std::vector<model::User>> SqlRoleRepository::users_without(std::string_view role_id,
                                                                  std::string_view search,
                                                                  Page page) {
  return list_holders<model::User>(conn_, kUsers, false, role_id, search, page, read_user);
}

Result<std::int64_t> SqlRoleRepository::count_users_without(std::string_view role_id,
                                                            std::string_view search) {
  return count_holders(conn_, kUsers, false, role_id, search);
}

Result<std::vector<model::Application>> SqlRoleRepository::applications_without(
    std::string_view role_id, std::string_view search, Page page) {
  return list_holders<model::Application>(conn_, kApps, false, role_id, search, page,
                                          read_application);
}

Result<std::int64_t> SqlRoleRepository::count_applications_without(std::string_view role_id,
                                                                   std::string_view search) {
  return count_holders(conn_, kApps, false, role_id, search);
}

Result<void> SqlRoleRepository::assign_application(std::string_view role_id,
                                                   std::string_view application_id,
                                                   std::int64_t at) {
  if (auto typed = check_type(role_id, model::RoleType::MachineToMachine); !typed) return typed;
  return bump_after(conn_,
                    run(conn_,
                        "INSERT INTO applications_roles (application_id, role_id, created_at) "
                        "VALUES (?, ?, ?)",
                        {application_id, role_id, at}),
                    kRolesEpoch);
}

Result<void> SqlRoleRepository::unassign_application(std::string_view role_id,
                                                     std::string_view application_id) {
  return bump_after(
      conn_,
      execute_one(conn_, "DELETE FROM applications_roles WHERE application_id = ? AND role_id = ?",
                  {application_id, role_id}, "application role"),
      kRolesEpoch);
}

Result<std::vector<model::Role>> SqlRoleRepository::roles_of_application(
    std::string_view application_id) {
  return query_all<model::Role>(conn_,
                                kSelect +
                                    " WHERE id IN (SELECT role_id FROM applications_roles "
                                    "WHERE application_id = ?) ORDER BY name, id",
                                {application_id}, [](const Row& s) { return read_role(s); });
}

Result<std::vector<model::Application>> SqlRoleRepository::applications(std::string_view role_id,
                                                                        std::string_view search,
                                                                        Page page) {
  return list_holders<model::Application>(conn_, kApps, true, role_id, search, page,
                                          read_application);
}

Result<std::int64_t> SqlRoleRepository::count_applications(std::string_view role_id,
                                                           std::string_view search) {
  return count_holders(conn_, kApps, true, role_id, search);
}

Result<std::vector<std::string>> SqlRoleRepository::user_scopes(std::string_view user_id,
                                                                std::string_view resource_id) {
  return query_all<std::string>(conn_,
                                "SELECT DISTINCT s.name FROM users_roles ur "
                                "JOIN roles_scopes rs ON rs.role_id = ur.role_id "
                                "JOIN scopes s ON s.id = rs.scope_id "
                                "WHERE ur.user_id = ? AND s.resource_id = ? ORDER BY s.name",
                                {user_id, resource_id}, read_text);
}

Result<std::vector<std::string>> SqlRoleRepository::application_scopes(
    std::string_view application_id, std::string_view resource_id) {
  return query_all<std::string>(conn_,
                                "SELECT DISTINCT s.name FROM applications_roles ar "
                                "JOIN roles_scopes rs ON rs.role_id = ar.role_id "
                                "JOIN scopes s ON s.id = rs.scope_id "
                                "WHERE ar.application_id = ? AND s.resource_id = ? ORDER BY s.name",
                                {application_id, resource_id}, read_text);
}

Result<std::vector<ApplicationScope>> SqlRoleRepository::all_application_scopes() {
  return query_all<ApplicationScope>(
      conn_,
      "SELECT DISTINCT ar.application_id, s.resource_id, s.name FROM applications_roles ar "
      "JOIN roles_scopes rs ON rs.role_id = ar.role_id JOIN scopes s ON s.id = rs.scope_id "
      "ORDER BY ar.application_id, s.resource_id, s.name",
      {}, [](const Row& s) {
        return ApplicationScope{s.text(0), s.text(1), s.text(2)};
      });
}

Result<std::vector<ScopeRole>> SqlRoleRepository::user_scope_sources(std::string_view user_id) {
  return query_all<ScopeRole>(
      conn_,
      "SELECT s.id, r.id, r.name, r.description, r.type, r.is_default, r.created_at "
      "FROM users_roles ur JOIN roles r ON r.id = ur.role_id "
      "JOIN roles_scopes rs ON rs.role_id = r.id JOIN scopes s ON s.id = rs.scope_id "
      "WHERE ur.user_id = ? ORDER BY s.resource_id, s.name, r.name, r.id",
      {user_id}, read_scope_role);
}

}  // namespace latch::storage::sql
