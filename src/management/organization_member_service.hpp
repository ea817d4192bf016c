#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "management/role_service.hpp"
#include "model/organization.hpp"
#include "storage/organization_repositories.hpp"
#include "storage/store.hpp"

namespace latch::management {

// Which members a call is about: users or machine-to-machine apps.
enum class MemberKind { User, Application };

// Organization roles named by id, by name, or both (Logto's organizationRoleIds and
// organizationRoleNames).
struct RoleChoice {
  std::vector<std::string> ids;
  std::vector<std::string> names;
};

// The members of an organization and the organization roles they hold there (Logto's
// /api/organizations/:id/users[...] and /:id/applications[...]). Users hold User organization
// roles, apps MachineToMachine ones; only machine-to-machine apps can be members. Each call is
// one transaction: a request that fails changes nothing. Blocks on the database; thread-safe.
//
// Errors (Error::key), as Logto answers: NotFound "entity.not_exists_with_id" for an
// organization to list that does not exist, "entity.not_found" for a member or a role to remove
// that is not there; Conflict (422) "entity.relation_foreign_key_not_found" for an organization,
// member or role to relate that does not exist (and a user or app given roles before it is a
// member), "entity.db_constraint_violated" for a role of the other kind or an app that is not
// machine-to-machine, "organization.require_membership" for the roles or scopes of a
// non-member, "organization.role_names_not_found" for role names that match no role.
class OrganizationMemberService {
 public:
  // `clock` dates and `origin` (the request behind the changes; null for none) describes the
  // webhook event Organization.Membership.Updated that a change of members queues in its
  // transaction. Neither is owned; both must outlive the service.
  OrganizationMemberService(storage::Store& store, const Clock& clock,
                            const HookOrigin* origin = nullptr)
      : store_(store), clock_(clock), origin_(origin) {}

  // Members with their roles there, matching `search` (users: as GET /api/users; apps: id or
  // name), in the order they joined.
  [[nodiscard]] Result<Listing<storage::OrganizationUser>> users(const std::string& id,
                                                                 const std::string& search,
                                                                 storage::Page page);
  [[nodiscard]] Result<Listing<storage::OrganizationApplication>> applications(
      const std::string& id, const std::string& search, storage::Page page);

  // Adds the members not there yet; with `replace`, makes them the whole membership (leavers
  // lose their roles there, stayers keep theirs).
  [[nodiscard]] Result<void> set_members(const std::string& id, MemberKind kind,
                                         const std::vector<std::string>& member_ids, bool replace);
  [[nodiscard]] Result<void> remove_member(const std::string& id, MemberKind kind,
                                           const std::string& member_id);
  // Gives each member each role.
  [[nodiscard]] Result<void> add_roles_to_members(const std::string& id, MemberKind kind,
                                                  const std::vector<std::string>& member_ids,
                                                  const std::vector<std::string>& role_ids);

  // A member's roles there, ordered by name; every one without `page`.
  [[nodiscard]] Result<Listing<model::OrganizationRole>> roles(const std::string& id,
                                                               MemberKind kind,
                                                               const std::string& member_id,
                                                               std::optional<storage::Page> page);
  // Gives the member the chosen roles (with `replace`, exactly those); returns their ids,
  // without repeats.
  [[nodiscard]] Result<std::vector<std::string>> set_roles(const std::string& id, MemberKind kind,
                                                           const std::string& member_id,
                                                           const RoleChoice& choice, bool replace);
  [[nodiscard]] Result<void> remove_role(const std::string& id, MemberKind kind,
                                         const std::string& member_id, const std::string& role_id);
  // The organization scopes the member's roles there grant, ordered by name.
  [[nodiscard]] Result<std::vector<model::OrganizationScope>> scopes(const std::string& id,
                                                                     MemberKind kind,
                                                                     const std::string& member_id);

 private:
  // Queues Organization.Membership.Updated (Logto's organizationId and added/removed ids of
  // `kind`, at most 5000 each) in `tx`, unless both lists are empty.
  Result<void> raise_membership(storage::Tx& tx, const std::string& id, MemberKind kind,
                                const std::vector<std::string>& added,
                                const std::vector<std::string>& removed) const;

  storage::Store& store_;
  const Clock& clock_;
  const HookOrigin* origin_;
};

// A user of GET /api/organizations/:id/users: the user as GET /api/users/:userId shows it
// (without hasPassword) with organizationRoles [{id, name}].
boost::json::object to_json(const storage::OrganizationUser& member);
// An app as GET /api/applications lists it, with organizationRoles [{id, name}].
boost::json::object to_json(const storage::OrganizationApplication& member);

}  // namespace latch::management
