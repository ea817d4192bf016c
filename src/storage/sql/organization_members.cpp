#include "storage/sql/organization_members.hpp"

#include <map>
#include <set>
#include <utility>

#include "storage/sql/application_repository.hpp"
#include "storage/sql/listing.hpp"
#include "storage/sql/organization_rows.hpp"
#include "storage/sql/query.hpp"
#include "storage/sql/user_repository.hpp"

namespace latch::storage::sql {

const MemberKind kUserMembers{
    "users",
    "organization_user_relations",
    "organization_role_user_relations",
    "user_id",
    "user",
    "1 = 1",
    model::RoleType::User,
    {"lower(id)", "username_lower", "email_lower", "lower(primary_phone)", "lower(name)"}};
const MemberKind kApplicationMembers{"applications",
                                     "organization_application_relations",
                                     "organization_role_application_relations",
                                     "application_id",
                                     "application",
                                     "type = 'MachineToMachine'",
                                     model::RoleType::MachineToMachine,
                                     {"lower(id)", "lower(name)"}};

namespace {

std::string s(std::string_view text) { return std::string(text); }

Error not_a_member(const MemberKind& kind) {
  return make_error(Errc::NotFound, "the " + s(kind.what) + " is not a member of the organization");
}

// NotFound when an id names no row of the kind's table, InvalidRequest when a row cannot join
// (an app that is not machine-to-machine).
Result<void> check_candidates(Connection& conn, const MemberKind& kind,
                              const std::vector<std::string>& ids) {
  if (ids.empty()) return ok();
  std::int64_t found = 0;
  std::int64_t may_join = 0;
  auto read = [&](const Row& row) {
    found = row.int64(0);
    may_join = row.int64(1);
  };
  auto values = text_values(ids);
  auto done = conn.query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + s(kind.may_join) +
                             " THEN 1 ELSE 0 END), 0) FROM " + s(kind.table) + " WHERE id IN (" +
                             placeholders(ids.size()) + ")",
                         values, read);
  if (!done) return done.error();
  auto wanted = static_cast<std::int64_t>(std::set<std::string>(ids.begin(), ids.end()).size());
  if (found != wanted) return make_error(Errc::NotFound, s(kind.what) + " not found");
  if (may_join != found) {
    return make_error(Errc::InvalidRequest,
                      "only machine-to-machine applications can be members of an organization");
  }
  return ok();
}

Result<void> require_organization(Connection& conn, std::string_view organization_id) {
  return require_row(conn, "organizations", organization_id, "organization");
}

Result<void> require_member(Connection& conn, const MemberKind& kind,
                            std::string_view organization_id, std::string_view member_id) {
  auto member = has_member(conn, kind, organization_id, member_id);
  if (!member) return member.error();
  if (!*member) return not_a_member(kind);
  return ok();
}

// The roles members of `kind` hold in the organization, by member id, each list ordered by name.
// `member_ids` come from a listing, so the IN list is at most a page long.
Result<std::map<std::string, std::vector<model::OrganizationRole>>> roles_by_member(
    Connection& conn, const MemberKind& kind, std::string_view organization_id,
    const std::vector<std::string>& member_ids) {
  std::map<std::string, std::vector<model::OrganizationRole>> out;
  if (member_ids.empty()) return out;
  std::vector<Value> values{organization_id};
  for (const auto& id : member_ids) values.emplace_back(id);
  auto read = [&](const Row& row) { out[row.text(0)].push_back(read_organization_role(row, 1)); };
  auto done = conn.query("SELECT rr." + s(kind.member_id) + ", " + s(kOrganizationRoleColumns) +
                             " FROM " + s(kind.role_relation) +
                             " rr JOIN organization_roles r ON r.id = rr.organization_role_id "
                             "WHERE rr.organization_id = ? AND rr." +
                             s(kind.member_id) + " IN (" + placeholders(member_ids.size()) +
                             ") ORDER BY r.name, r.id",
                         values, read);
  if (!done) return done.error();
  return out;
}

// Members of the organization in the order they joined, with the kind's search.
template <class Entry, class ReadMember>
Result<std::vector<Entry>> list_members(Connection& conn, const MemberKind& kind,
                                        std::string_view organization_id, std::string_view search,
                                        Page page, std::string_view columns,
                                        ReadMember read_member) {
  if (auto checked = check_search(search); !checked) return checked.error();
  Where where;
  std::string org = where.bind(std::string(organization_id));
  where.add_search(search, kind.search_columns);
  where.finish();
  std::string table = s(kind.table);
  std::string sql = "SELECT " + s(columns) + " FROM " + table + " JOIN (SELECT " +
                    s(kind.member_id) + " AS member, join_order AS joined FROM " +
                    s(kind.relation) + " WHERE organization_id = " + org +
                    ") m ON m.member = " + table + ".id" + where.sql + " ORDER BY m.joined, " +
                    table + ".id";
  sql += limit_clause(where.values, page);
  auto members = query_all_of<decltype(read_member(std::declval<const Row&>()))>(
      conn, sql, where.values, read_member);
  if (!members) return members.error();
  std::vector<std::string> ids;
  for (const auto& member : *members) ids.push_back(member.id);
  auto roles = roles_by_member(conn, kind, organization_id, ids);
  if (!roles) return roles.error();
  std::vector<Entry> out;
  for (auto& member : *members) {
    auto held = roles->find(member.id);
    out.push_back(Entry{std::move(member), held == roles->end()
                                               ? std::vector<model::OrganizationRole>()
                                               : std::move(held->second)});
  }
  return out;
}

}  // namespace

Result<void> join(Connection& conn, const MemberKind& kind, std::string_view organization_id,
                  std::string_view member_id) {
  std::string relation = s(kind.relation);
  return run(conn,
             "INSERT INTO " + relation + " (organization_id, " + s(kind.member_id) +
                 ", join_order) SELECT ?1, ?2, COALESCE(MAX(join_order), 0) + 1 FROM " + relation +
                 " WHERE organization_id = ?1 ON CONFLICT DO NOTHING",
             {organization_id, member_id});
}

Result<void> add_members(Connection& conn, const MemberKind& kind, std::string_view organization_id,
                         const std::vector<std::string>& member_ids) {
  if (auto found = require_organization(conn, organization_id); !found) return found;
  if (auto checked = check_candidates(conn, kind, member_ids); !checked) return checked;
  for (const auto& id : member_ids) {
    if (auto joined = join(conn, kind, organization_id, id); !joined) return joined;
  }
  return ok();
}

Result<void> replace_members(Connection& conn, const MemberKind& kind,
                             std::string_view organization_id,
                             const std::vector<std::string>& member_ids) {
  if (auto found = require_organization(conn, organization_id); !found) return found;
  if (auto checked = check_candidates(conn, kind, member_ids); !checked) return checked;
  // Members who stay keep their place and roles; leavers' roles go with their rows (cascade).
  std::vector<Value> values{organization_id};
  for (const auto& id : member_ids) values.emplace_back(id);
  std::string sql = "DELETE FROM " + s(kind.relation) + " WHERE organization_id = ?";
  if (!member_ids.empty()) {
    sql += " AND " + s(kind.member_id) + " NOT IN (" + placeholders(member_ids.size()) + ")";
  }
  if (auto left = conn.query(sql, values, {}); !left) return left.error();
  for (const auto& id : member_ids) {
    if (auto joined = join(conn, kind, organization_id, id); !joined) return joined;
  }
  return ok();
}

Result<void> remove_member(Connection& conn, const MemberKind& kind,
                           std::string_view organization_id, std::string_view member_id) {
  auto removed = execute(conn,
                         "DELETE FROM " + s(kind.relation) + " WHERE organization_id = ? AND " +
                             s(kind.member_id) + " = ?",
                         {organization_id, member_id});
  if (!removed) return removed.error();
  if (*removed == 0) return not_a_member(kind);
  return ok();
}

Result<bool> has_member(Connection& conn, const MemberKind& kind, std::string_view organization_id,
                        std::string_view member_id) {
  auto n = query_int64(conn,
                       "SELECT COUNT(*) FROM " + s(kind.relation) +
                           " WHERE organization_id = ? AND " + s(kind.member_id) + " = ?",
                       {organization_id, member_id});
  if (!n) return n.error();
  return *n > 0;
}

Result<std::vector<OrganizationUser>> list_users(Connection& conn, std::string_view organization_id,
                                                 std::string_view search, Page page) {
  return list_members<OrganizationUser>(conn, kUserMembers, organization_id, search, page,
                                        kUserColumns, read_user);
}

Result<std::vector<OrganizationApplication>> list_applications(Connection& conn,
                                                               std::string_view organization_id,
                                                               std::string_view search, Page page) {
  return list_members<OrganizationApplication>(conn, kApplicationMembers, organization_id, search,
                                               page, kApplicationColumns, read_application);
}

Result<std::int64_t> count_members(Connection& conn, const MemberKind& kind,
                                   std::string_view organization_id, std::string_view search) {
  if (auto checked = check_search(search); !checked) return checked.error();
  Where where;
  std::string org = where.bind(std::string(organization_id));
  where.add("id IN (SELECT " + s(kind.member_id) + " FROM " + s(kind.relation) +
            " WHERE organization_id = " + org + ")");
  where.add_search(search, kind.search_columns);
  where.finish();
  return count_rows(conn, "SELECT COUNT(*) FROM " + s(kind.table) + where.sql, where.values);
}

Result<std::vector<Membership>> memberships_of(Connection& conn, const MemberKind& kind,
                                               std::string_view member_id) {
  std::vector<Membership> out;
  auto read = [&](const Row& row) {
    auto organization = read_organization(row);
    if (out.empty() || out.back().organization.id != organization.id) {
      out.push_back(Membership{std::move(organization), {}});
    }
    if (!row.is_null(9)) out.back().roles.push_back(read_organization_role(row, 9));
  };
  std::string id = s(kind.member_id);
  std::vector<Value> values{member_id};
  auto done = conn.query(
      "SELECT " + s(kOrganizationColumns) + ", " + s(kOrganizationRoleColumns) + " FROM " +
          s(kind.relation) + " m JOIN organizations o ON o.id = m.organization_id LEFT JOIN " +
          s(kind.role_relation) + " rr ON rr.organization_id = m.organization_id AND rr." + id +
          " = m." + id +
          " LEFT JOIN organization_roles r ON r.id = rr.organization_role_id WHERE m." + id +
          " = ? ORDER BY o.name, o.id, r.name, r.id",
      values, read);
  if (!done) return done.error();
  return out;
}

Result<std::vector<model::OrganizationRole>> member_roles(Connection& conn, const MemberKind& kind,
                                                          std::string_view organization_id,
                                                          std::string_view member_id) {
  return query_all<model::OrganizationRole>(
      conn,
      "SELECT " + s(kOrganizationRoleColumns) + " FROM " + s(kind.role_relation) +
          " rr JOIN organization_roles r ON r.id = rr.organization_role_id "
          "WHERE rr.organization_id = ? AND rr." +
          s(kind.member_id) + " = ? ORDER BY r.name, r.id",
      {organization_id, member_id}, [](const Row& row) { return read_organization_role(row); });
}

Result<void> add_member_roles(Connection& conn, const MemberKind& kind,
                              std::string_view organization_id,
                              const std::vector<std::string>& member_ids,
                              const std::vector<std::string>& role_ids) {
  if (auto typed = require_role_type(conn, role_ids, kind.role_type); !typed) return typed;
  std::string sql = "INSERT INTO " + s(kind.role_relation) + " (organization_id, " +
                    s(kind.member_id) +
                    ", organization_role_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
  for (const auto& member_id : member_ids) {
    if (auto member = require_member(conn, kind, organization_id, member_id); !member) {
      return member;
    }
    for (const auto& role_id : role_ids) {
      if (auto added = run(conn, sql, {organization_id, member_id, role_id}); !added) return added;
    }
  }
  return ok();
}

Result<void> replace_member_roles(Connection& conn, const MemberKind& kind,
                                  std::string_view organization_id, std::string_view member_id,
                                  const std::vector<std::string>& role_ids) {
  if (auto typed = require_role_type(conn, role_ids, kind.role_type); !typed) return typed;
  if (auto member = require_member(conn, kind, organization_id, member_id); !member) return member;
  auto cleared = run(conn,
                     "DELETE FROM " + s(kind.role_relation) + " WHERE organization_id = ? AND " +
                         s(kind.member_id) + " = ?",
                     {organization_id, member_id});
  if (!cleared) return cleared;
  return add_member_roles(conn, kind, organization_id, {std::string(member_id)}, role_ids);
}

Result<void> remove_member_role(Connection& conn, const MemberKind& kind,
                                std::string_view organization_id, std::string_view member_id,
                                std::string_view role_id) {
  return execute_one(conn,
                     "DELETE FROM " + s(kind.role_relation) + " WHERE organization_id = ? AND " +
                         s(kind.member_id) + " = ? AND organization_role_id = ?",
                     {organization_id, member_id, role_id}, "organization role of the member");
}

Result<std::vector<model::OrganizationScope>> member_scopes(Connection& conn,
                                                            const MemberKind& kind,
                                                            std::string_view organization_id,
                                                            std::string_view member_id) {
  return query_all<model::OrganizationScope>(
      conn,
      "SELECT DISTINCT " + s(kOrganizationScopeColumns) + " FROM " + s(kind.role_relation) +
          " rr JOIN organization_role_scope_relations rs "
          "ON rs.organization_role_id = rr.organization_role_id "
          "JOIN organization_scopes os ON os.id = rs.organization_scope_id "
          "WHERE rr.organization_id = ? AND rr." +
          s(kind.member_id) + " = ? ORDER BY os.name, os.id",
      {organization_id, member_id}, [](const Row& row) { return read_organization_scope(row); });
}

// The member's role rows first (primary key organization, member, role; or by member alone,
// index <role relation>_member, when no organization is named), then each role's resource scopes
// (primary key role, scope), then the scope by id: SQLite's CROSS JOIN keeps that order whatever
// the statistics (without it, SQLite starts from every scope of the resource); PostgreSQL plans
// it as an inner join.
Result<std::vector<std::string>> member_resource_scopes(Connection& conn, const MemberKind& kind,
                                                        std::string_view organization_id,
                                                        std::string_view member_id,
                                                        std::string_view resource_id) {
  std::string sql = "SELECT DISTINCT s.name FROM " + s(kind.role_relation) +
                    " rr CROSS JOIN organization_role_resource_scope_relations rs CROSS JOIN "
                    "scopes s WHERE rr." +
                    s(kind.member_id) +
                    " = ?1 AND rs.organization_role_id = rr.organization_role_id "
                    "AND s.id = rs.scope_id AND s.resource_id = ?2";
  if (!organization_id.empty()) sql += " AND rr.organization_id = ?3";
  sql += " ORDER BY s.name";
  std::vector<Value> values{member_id, resource_id};
  if (!organization_id.empty()) values.emplace_back(organization_id);
  return query_all_of<std::string>(conn, sql, values, [](const Row& row) { return row.text(0); });
}

}  // namespace latch::storage::sql
