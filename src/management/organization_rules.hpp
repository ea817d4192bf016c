#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/organization.hpp"
#include "storage/organization_repositories.hpp"
#include "storage/store.hpp"

// The checks and errors the organization services share. Each answers with Logto's code for the
// case (packages/core/src/routes/organization/utils.ts and koa-slonik-error-handler): a missing
// related row is 422 "entity.relation_foreign_key_not_found", a type rule 422
// "entity.db_constraint_violated", a relation to remove that is not there 404 "entity.not_found".
namespace latch::management::organization_rules {

// Conflict (422) "entity.relation_foreign_key_not_found"; `detail` names the row for the log.
Error missing_relation(std::string detail);
// Conflict (422) "entity.db_constraint_violated".
Error type_violation(std::string detail);
// NotFound "entity.not_found": the relation or row to remove is not there.
Error not_found(std::string detail);
// Conflict (422) "organization.require_membership".
Error require_membership(std::string_view organization_id, std::string_view member_id);
// InvalidRequest naming `field`.
Error bad_field(std::string field, std::string description);

// `result`, with a storage NotFound turned into not_found(detail).
Result<void> removed(Result<void> result, std::string detail);

// The organization, else NotFound "entity.not_exists_with_id".
[[nodiscard]] Result<model::Organization> organization_in(storage::Tx& tx, std::string_view id);
// The organization exists, else missing_relation (how Logto answers a write under it).
[[nodiscard]] Result<void> organization_exists(storage::Tx& tx, std::string_view id);
[[nodiscard]] Result<model::OrganizationRole> role_in(storage::Tx& tx, std::string_view id);
[[nodiscard]] Result<model::OrganizationScope> scope_in(storage::Tx& tx, std::string_view id);

// Each of `ids` names an organization role (missing_relation otherwise) of `type` when given
// (type_violation otherwise).
[[nodiscard]] Result<void> check_roles(storage::Tx& tx, const std::vector<std::string>& ids,
                                       std::optional<model::RoleType> type);
// Each of `ids` names an organization scope; each of `resource_scope_ids` an API resource scope.
[[nodiscard]] Result<void> check_scopes(storage::Tx& tx, const std::vector<std::string>& ids);
[[nodiscard]] Result<void> check_resource_scopes(storage::Tx& tx,
                                                 const std::vector<std::string>& ids);

// Text of 1 to `max` characters (`field` named otherwise).
[[nodiscard]] Result<void> check_text(std::string_view field, std::string_view value,
                                      std::size_t max);
// A description: at most 256 characters.
[[nodiscard]] Result<void> check_description(const std::optional<std::string>& description);

// A read of everything, for the lists whose pagination is optional.
inline constexpr storage::Page kEverything{1, 1 << 30};

}  // namespace latch::management::organization_rules
