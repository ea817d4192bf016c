#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "storage/organization_repositories.hpp"
#include "storage/sql/connection.hpp"

// The members of organizations, written once for both kinds of member: users and
// machine-to-machine apps (SqlOrganizationRepository's member calls delegate here).
namespace latch::storage::sql {

struct MemberKind {
  std::string_view table;          // where the members live: "users"
  std::string_view relation;       // membership rows: "organization_user_relations"
  std::string_view role_relation;  // role rows: "organization_role_user_relations"
  std::string_view member_id;      // the member's column in both: "user_id"
  std::string_view what;           // for errors: "user"
  // The condition a row of `table` must meet to be able to join ("1 = 1" for users).
  std::string_view may_join;
  model::RoleType role_type;                               // the organization roles this kind holds
  std::initializer_list<std::string_view> search_columns;  // lower-cased, searched by substring
};

extern const MemberKind kUserMembers;
extern const MemberKind kApplicationMembers;

// Contracts: OrganizationRepository's user calls, for members of `kind`.
[[nodiscard]] Result<void> add_members(Connection& conn, const MemberKind& kind,
                                       std::string_view organization_id,
                                       const std::vector<std::string>& member_ids);
[[nodiscard]] Result<void> replace_members(Connection& conn, const MemberKind& kind,
                                           std::string_view organization_id,
                                           const std::vector<std::string>& member_ids);
[[nodiscard]] Result<void> remove_member(Connection& conn, const MemberKind& kind,
                                         std::string_view organization_id,
                                         std::string_view member_id);
[[nodiscard]] Result<bool> has_member(Connection& conn, const MemberKind& kind,
                                      std::string_view organization_id, std::string_view member_id);
[[nodiscard]] Result<std::vector<OrganizationUser>> list_users(Connection& conn,
                                                               std::string_view organization_id,
                                                               std::string_view search, Page page);
[[nodiscard]] Result<std::vector<OrganizationApplication>> list_applications(
    Connection& conn, std::string_view organization_id, std::string_view search, Page page);
[[nodiscard]] Result<std::int64_t> count_members(Connection& conn, const MemberKind& kind,
                                                 std::string_view organization_id,
                                                 std::string_view search);
[[nodiscard]] Result<std::vector<Membership>> memberships_of(Connection& conn,
                                                             const MemberKind& kind,
                                                             std::string_view member_id);

[[nodiscard]] Result<std::vector<model::OrganizationRole>> member_roles(
    Connection& conn, const MemberKind& kind, std::string_view organization_id,
    std::string_view member_id);
[[nodiscard]] Result<void> add_member_roles(Connection& conn, const MemberKind& kind,
                                            std::string_view organization_id,
                                            const std::vector<std::string>& member_ids,
                                            const std::vector<std::string>& role_ids);
[[nodiscard]] Result<void> replace_member_roles(Connection& conn, const MemberKind& kind,
                                                std::string_view organization_id,
                                                std::string_view member_id,
                                                const std::vector<std::string>& role_ids);
[[nodiscard]] Result<void> remove_member_role(Connection& conn, const MemberKind& kind,
                                              std::string_view organization_id,
                                              std::string_view member_id, std::string_view role_id);
[[nodiscard]] Result<std::vector<model::OrganizationScope>> member_scopes(
    Connection& conn, const MemberKind& kind, std::string_view organization_id,
    std::string_view member_id);
// One query over the membership's role rows (primary key organization, member, role), the
// roles' resource scopes (primary key role, scope) and the scopes: the token path. An empty
// `organization_id` means every organization the member belongs to.
[[nodiscard]] Result<std::vector<std::string>> member_resource_scopes(
    Connection& conn, const MemberKind& kind, std::string_view organization_id,
    std::string_view member_id, std::string_view resource_id);

// Makes `member_id` a member (a no-op when it is one), after the organization's latest member.
[[nodiscard]] Result<void> join(Connection& conn, const MemberKind& kind,
                                std::string_view organization_id, std::string_view member_id);

}  // namespace latch::storage::sql
