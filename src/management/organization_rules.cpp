#include "management/organization_rules.hpp"

#include <algorithm>

#include "management/role_rules.hpp"

namespace latch::management::organization_rules {
namespace {

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

template <class T>
bool has_id(const std::vector<T>& found, const std::string& id) {
  return std::any_of(found.begin(), found.end(), [&](const T& item) { return item.id == id; });
}

}  // namespace

Error missing_relation(std::string detail) {
  return keyed_error(Errc::Conflict, "entity.relation_foreign_key_not_found", std::move(detail));
}

Error type_violation(std::string detail) {
  return keyed_error(Errc::Conflict, "entity.db_constraint_violated", std::move(detail));
}

Error not_found(std::string detail) {
  return keyed_error(Errc::NotFound, "entity.not_found", std::move(detail));
}

Error require_membership(std::string_view organization_id, std::string_view member_id) {
  return keyed_error(
      Errc::Conflict, "organization.require_membership",
      std::string(member_id) + " is not a member of organization " + std::string(organization_id));
}

Error bad_field(std::string field, std::string description) {
  return with_field(make_error(Errc::InvalidRequest, std::move(description)), std::move(field));
}

Result<void> removed(Result<void> result, std::string detail) {
  if (!result && result.error().code == Errc::NotFound) return not_found(std::move(detail));
  return result;
}

Result<model::Organization> organization_in(storage::Tx& tx, std::string_view id) {
  auto found = tx.organizations().find(id);
  if (!found) return found.error();
  if (!*found) return role_rules::not_exists("organization", id);
  return std::move(**found);
}

Result<void> organization_exists(storage::Tx& tx, std::string_view id) {
  auto found = tx.organizations().find(id);
  if (!found) return found.error();
  if (!*found) return missing_relation("organization " + std::string(id) + " does not exist");
  return ok();
}

Result<model::OrganizationRole> role_in(storage::Tx& tx, std::string_view id) {
  auto found = tx.organization_roles().find(id);
  if (!found) return found.error();
  if (!*found) return role_rules::not_exists("organization role", id);
  return std::move(**found);
}

Result<model::OrganizationScope> scope_in(storage::Tx& tx, std::string_view id) {
  auto found = tx.organization_scopes().find(id);
  if (!found) return found.error();
  if (!*found) return role_rules::not_exists("organization scope", id);
  return std::move(**found);
}

Result<void> check_roles(storage::Tx& tx, const std::vector<std::string>& ids,
                         std::optional<model::RoleType> type) {
  if (ids.empty()) return ok();
  auto found = tx.organization_roles().find_many(ids);
  if (!found) return found.error();
  for (const auto& id : ids) {
    if (!has_id(*found, id)) return missing_relation("organization role " + id + " does not exist");
  }
  for (const auto& role : *found) {
    if (type && role.type != *type) {
      return type_violation("organization role " + role.id + " is of the other type");
    }
  }
  return ok();
}

Result<void> check_scopes(storage::Tx& tx, const std::vector<std::string>& ids) {
  if (ids.empty()) return ok();
  auto found = tx.organization_scopes().find_many(ids);
  if (!found) return found.error();
  for (const auto& id : ids) {
    if (!has_id(*found, id)) return missing_relation("organization scope " + id + " is unknown");
  }
  return ok();
}

Result<void> check_resource_scopes(storage::Tx& tx, const std::vector<std::string>& ids) {
  if (ids.empty()) return ok();
  auto found = tx.resources().find_scopes(ids);
  if (!found) return found.error();
  for (const auto& id : ids) {
    if (!has_id(*found, id)) return missing_relation("resource scope " + id + " is unknown");
  }
  return ok();
}

Result<void> check_text(std::string_view field, std::string_view value, std::size_t max) {
  auto n = characters(value);
  if (n < 1 || n > max) {
    return bad_field(std::string(field),
                     std::string(field) + " must be 1 to " + std::to_string(max) + " characters");
  }
  return ok();
}

Result<void> check_description(const std::optional<std::string>& description) {
  if (description && characters(*description) > 256) {
    return bad_field("description", "description must be at most 256 characters");
  }
  return ok();
}

}  // namespace latch::management::organization_rules
