#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/organization.hpp"
#include "model/resource.hpp"
#include "storage/sql/connection.hpp"

// What the organization repositories share: the columns they read and how, and the writes of the
// plain relation tables (a row per owner and target).
namespace latch::storage::sql {

// The columns each reader reads, in its order, qualified by the alias the queries use.
inline constexpr std::string_view kOrganizationColumns =
    "o.id, o.name, o.description, o.custom_data, o.is_mfa_required, o.color, o.branding, "
    "o.custom_css, o.created_at";
inline constexpr std::string_view kOrganizationRoleColumns =
    "r.id, r.name, r.description, r.type, r.created_at";
inline constexpr std::string_view kOrganizationScopeColumns =
    "os.id, os.name, os.description, os.created_at";
inline constexpr std::string_view kResourceScopeColumns =
    "s.id, s.resource_id, s.name, s.description, s.created_at";

// Each reads its columns starting at column `first`.
model::Organization read_organization(const Row& row, int first = 0);
model::OrganizationRole read_organization_role(const Row& row, int first = 0);
model::OrganizationScope read_organization_scope(const Row& row, int first = 0);
model::Scope read_resource_scope(const Row& row, int first = 0);

// A relation table whose rows pair an owner with a target (a role with its scopes, an
// organization with its JIT roles), both columns named as in the table.
struct Relation {
  std::string_view table, owner, target;
};

// Adds the pairs (owner_id, t) not there yet. NotFound when a target is absent (foreign key).
[[nodiscard]] Result<void> add_relations(Connection& conn, const Relation& relation,
                                         std::string_view owner_id,
                                         const std::vector<std::string>& target_ids);
// Makes `target_ids` the owner's whole set. NotFound as for add_relations.
[[nodiscard]] Result<void> replace_relations(Connection& conn, const Relation& relation,
                                             std::string_view owner_id,
                                             const std::vector<std::string>& target_ids);
// NotFound("<what> not found") when the pair is absent.
[[nodiscard]] Result<void> remove_relation(Connection& conn, const Relation& relation,
                                           std::string_view owner_id, std::string_view target_id,
                                           std::string_view what);

// NotFound("<what> not found") unless `table` has a row with this id.
[[nodiscard]] Result<void> require_row(Connection& conn, std::string_view table,
                                       std::string_view id, std::string_view what);

// Checks that every id in `role_ids` names an organization role of `type`: NotFound for an
// unknown one, InvalidRequest for one of the other type.
[[nodiscard]] Result<void> require_role_type(Connection& conn,
                                             const std::vector<std::string>& role_ids,
                                             model::RoleType type);

}  // namespace latch::storage::sql
