#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/application.hpp"
#include "model/organization.hpp"
#include "model/resource.hpp"
#include "model/user.hpp"
#include "storage/repositories.hpp"

// Organizations (Logto's organizations, organization_* tables; model/organization.hpp). Same
// rules as repositories.hpp: obtained from a Tx, valid inside it, one thread; NotFound for a
// missing row where one is required, Conflict for a clash. Nothing here is cached: the token
// endpoints read membership and organization roles in the transaction that issues, so removing a
// member or a role applies to the next token on every node.
namespace latch::storage {

// `search` matches a substring of the id, name or description ignoring ASCII case (`%` marks
// are ignored); empty = all. InvalidRequest when the search is not UTF-8.
struct OrganizationFilter {
  std::string search;
};

struct OrganizationRoleFilter {
  std::string search;
  std::optional<model::RoleType> type;
};

// A member (user or app) with the organization roles it holds in that organization, ordered by
// role name.
struct OrganizationUser {
  model::User user;
  std::vector<model::OrganizationRole> roles;
};
struct OrganizationApplication {
  model::Application application;
  std::vector<model::OrganizationRole> roles;
};

// An organization a user or app belongs to, with the roles it holds there (by name).
struct Membership {
  model::Organization organization;
  std::vector<model::OrganizationRole> roles;
};

// The organization scopes (permissions) of the template.
class OrganizationScopeRepository {
 public:
  virtual ~OrganizationScopeRepository() = default;
  // Conflict keyed entity.unique_integrity_violation when the name is taken.
  [[nodiscard]] virtual Result<void> insert(const model::OrganizationScope& scope) = 0;
  // Replaces name and description. NotFound; Conflict as for insert.
  [[nodiscard]] virtual Result<void> update(const model::OrganizationScope& scope) = 0;
  [[nodiscard]] virtual Result<std::optional<model::OrganizationScope>> find(
      std::string_view id) = 0;
  // The scopes among `ids` ordered by name (unknown ids are skipped).
  [[nodiscard]] virtual Result<std::vector<model::OrganizationScope>> find_many(
      const std::vector<std::string>& ids) = 0;
  // Ordered by created_at, then id.
  [[nodiscard]] virtual Result<std::vector<model::OrganizationScope>> list(std::string_view search,
                                                                           Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count(std::string_view search) = 0;
  // NotFound when absent. Removes it from every organization role.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;
};

// The organization roles of the template and the scopes they hold.
class OrganizationRoleRepository {
 public:
  virtual ~OrganizationRoleRepository() = default;
  // Conflict keyed entity.unique_integrity_violation when the name is taken.
  [[nodiscard]] virtual Result<void> insert(const model::OrganizationRole& role) = 0;
  // Replaces name and description (not type). NotFound; Conflict as for insert.
  [[nodiscard]] virtual Result<void> update(const model::OrganizationRole& role) = 0;
  [[nodiscard]] virtual Result<std::optional<model::OrganizationRole>> find(
      std::string_view id) = 0;
  // The roles among `ids` ordered by name (unknown ids are skipped).
  [[nodiscard]] virtual Result<std::vector<model::OrganizationRole>> find_many(
      const std::vector<std::string>& ids) = 0;
  // The roles named in `names` ordered by name (unknown names are skipped).
  [[nodiscard]] virtual Result<std::vector<model::OrganizationRole>> find_by_names(
      const std::vector<std::string>& names) = 0;
  // Ordered by created_at, then id.
  [[nodiscard]] virtual Result<std::vector<model::OrganizationRole>> list(
      const OrganizationRoleFilter& filter, Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count(const OrganizationRoleFilter& filter) = 0;
  // NotFound when absent. Removes it from every member, invitation and JIT rule.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;

  // Organization scopes the role holds, ordered by name.
  [[nodiscard]] virtual Result<std::vector<model::OrganizationScope>> scopes(
      std::string_view role_id) = 0;
  // Adds the scopes the role does not hold yet (holding one already is not an error). NotFound
  // when the role or a scope is absent; all or nothing.
  [[nodiscard]] virtual Result<void> add_scopes(std::string_view role_id,
                                                const std::vector<std::string>& scope_ids) = 0;
  // Makes `scope_ids` the role's whole set. NotFound as for add_scopes.
  [[nodiscard]] virtual Result<void> replace_scopes(std::string_view role_id,
                                                    const std::vector<std::string>& scope_ids) = 0;
  // NotFound when the role does not hold the scope.
  [[nodiscard]] virtual Result<void> remove_scope(std::string_view role_id,
                                                  std::string_view scope_id) = 0;

  // API resource scopes the role holds, ordered by created_at, then id. Same contracts as the
  // organization scope calls above.
  [[nodiscard]] virtual Result<std::vector<model::Scope>> resource_scopes(
      std::string_view role_id) = 0;
  [[nodiscard]] virtual Result<void> add_resource_scopes(
      std::string_view role_id, const std::vector<std::string>& scope_ids) = 0;
  [[nodiscard]] virtual Result<void> replace_resource_scopes(
      std::string_view role_id, const std::vector<std::string>& scope_ids) = 0;
  [[nodiscard]] virtual Result<void> remove_resource_scope(std::string_view role_id,
                                                           std::string_view scope_id) = 0;
};

// Organizations, their members and the roles members hold in them, and JIT rules.
// Member roles must match the member's kind: users hold User organization roles and apps
// MachineToMachine ones (InvalidRequest otherwise; callers check first to answer with Logto's
// codes). Only machine-to-machine apps can be members (InvalidRequest otherwise). A member's
// roles in an organization go when the member leaves it.
class OrganizationRepository {
 public:
  virtual ~OrganizationRepository() = default;
  [[nodiscard]] virtual Result<void> insert(const model::Organization& organization) = 0;
  // Replaces every field but id and created_at. NotFound when absent.
  [[nodiscard]] virtual Result<void> update(const model::Organization& organization) = 0;
  [[nodiscard]] virtual Result<std::optional<model::Organization>> find(std::string_view id) = 0;
  // Ordered by created_at descending, then id (Logto's order).
  [[nodiscard]] virtual Result<std::vector<model::Organization>> list(
      const OrganizationFilter& filter, Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count(const OrganizationFilter& filter) = 0;
  // NotFound when absent. Removes members, member roles, JIT rules and invitations too.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;

  // ---- user members
  // Adds the users who are not members yet (a member already is not an error). NotFound when
  // the organization or a user is absent; all or nothing.
  [[nodiscard]] virtual Result<void> add_users(std::string_view organization_id,
                                               const std::vector<std::string>& user_ids) = 0;
  // Makes `user_ids` the whole membership (leavers lose their roles there). NotFound as above.
  [[nodiscard]] virtual Result<void> replace_users(std::string_view organization_id,
                                                   const std::vector<std::string>& user_ids) = 0;
  // NotFound when the user is not a member.
  [[nodiscard]] virtual Result<void> remove_user(std::string_view organization_id,
                                                 std::string_view user_id) = 0;
  [[nodiscard]] virtual Result<bool> has_user(std::string_view organization_id,
                                              std::string_view user_id) = 0;
  // Members with their roles, with UserRepository::list's search, ordered by the time they
  // joined, then id.
  [[nodiscard]] virtual Result<std::vector<OrganizationUser>> users(
      std::string_view organization_id, std::string_view search, Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_users(std::string_view organization_id,
                                                         std::string_view search) = 0;
  // The organizations the user belongs to with the roles held there, ordered by organization
  // name then id (GET /api/users/:id/organizations, the organizations claims).
  [[nodiscard]] virtual Result<std::vector<Membership>> memberships_of_user(
      std::string_view user_id) = 0;

  // The user's roles in the organization, ordered by name.
  [[nodiscard]] virtual Result<std::vector<model::OrganizationRole>> user_roles(
      std::string_view organization_id, std::string_view user_id) = 0;
  // Gives each user each role (holding one already is not an error). NotFound when a user is
  // not a member or a role is absent; InvalidRequest for a MachineToMachine role.
  [[nodiscard]] virtual Result<void> add_user_roles(std::string_view organization_id,
                                                    const std::vector<std::string>& user_ids,
                                                    const std::vector<std::string>& role_ids) = 0;
  // Makes `role_ids` the user's whole set of roles there. Errors as for add_user_roles.
  [[nodiscard]] virtual Result<void> replace_user_roles(
      std::string_view organization_id, std::string_view user_id,
      const std::vector<std::string>& role_ids) = 0;
  // NotFound when the user does not hold the role there.
  [[nodiscard]] virtual Result<void> remove_user_role(std::string_view organization_id,
                                                      std::string_view user_id,
                                                      std::string_view role_id) = 0;
  // Organization scopes the user's roles there grant, deduplicated, ordered by name.
  [[nodiscard]] virtual Result<std::vector<model::OrganizationScope>> user_scopes(
      std::string_view organization_id, std::string_view user_id) = 0;
  // Names of the scopes of API resource `resource_id` the user's roles there grant,
  // deduplicated, ordered by name. An empty `organization_id` means every organization the user
  // belongs to (what a resource token without organization_id carries besides the user's own
  // roles, as Logto issues it). One indexed query (token path).
  [[nodiscard]] virtual Result<std::vector<std::string>> user_resource_scopes(
      std::string_view organization_id, std::string_view user_id, std::string_view resource_id) = 0;

  // ---- application members (machine-to-machine apps), same contracts as for users
  [[nodiscard]] virtual Result<void> add_applications(
      std::string_view organization_id, const std::vector<std::string>& application_ids) = 0;
  [[nodiscard]] virtual Result<void> replace_applications(
      std::string_view organization_id, const std::vector<std::string>& application_ids) = 0;
  [[nodiscard]] virtual Result<void> remove_application(std::string_view organization_id,
                                                        std::string_view application_id) = 0;
  [[nodiscard]] virtual Result<bool> has_application(std::string_view organization_id,
                                                     std::string_view application_id) = 0;
  // `search` matches a substring of the app's id or name, ignoring ASCII case.
  [[nodiscard]] virtual Result<std::vector<OrganizationApplication>> applications(
      std::string_view organization_id, std::string_view search, Page page) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count_applications(std::string_view organization_id,
                                                                std::string_view search) = 0;
  [[nodiscard]] virtual Result<std::vector<Membership>> memberships_of_application(
      std::string_view application_id) = 0;
  [[nodiscard]] virtual Result<std::vector<model::OrganizationRole>> application_roles(
      std::string_view organization_id, std::string_view application_id) = 0;
  [[nodiscard]] virtual Result<void> add_application_roles(
      std::string_view organization_id, const std::vector<std::string>& application_ids,
      const std::vector<std::string>& role_ids) = 0;
  [[nodiscard]] virtual Result<void> replace_application_roles(
      std::string_view organization_id, std::string_view application_id,
      const std::vector<std::string>& role_ids) = 0;
  [[nodiscard]] virtual Result<void> remove_application_role(std::string_view organization_id,
                                                             std::string_view application_id,
                                                             std::string_view role_id) = 0;
  [[nodiscard]] virtual Result<std::vector<model::OrganizationScope>> application_scopes(
      std::string_view organization_id, std::string_view application_id) = 0;
  [[nodiscard]] virtual Result<std::vector<std::string>> application_resource_scopes(
      std::string_view organization_id, std::string_view application_id,
      std::string_view resource_id) = 0;

  // ---- just-in-time provisioning: users whose verified email has one of an organization's
  // domains join it (with its JIT roles) when they register or are created.
  // Domains are stored lower-case, ordered by name.
  [[nodiscard]] virtual Result<std::vector<std::string>> jit_email_domains(
      std::string_view organization_id) = 0;
  // Adds one domain. NotFound when the organization is absent; Conflict keyed
  // entity.unique_integrity_violation when present.
  [[nodiscard]] virtual Result<void> add_jit_email_domain(std::string_view organization_id,
                                                          std::string_view domain) = 0;
  [[nodiscard]] virtual Result<void> replace_jit_email_domains(
      std::string_view organization_id, const std::vector<std::string>& domains) = 0;
  // NotFound when absent.
  [[nodiscard]] virtual Result<void> remove_jit_email_domain(std::string_view organization_id,
                                                             std::string_view domain) = 0;
  // The default organization roles JIT members receive, ordered by name.
  [[nodiscard]] virtual Result<std::vector<model::OrganizationRole>> jit_roles(
      std::string_view organization_id) = 0;
  // Adds the roles not there yet. NotFound when the organization or a role is absent;
  // InvalidRequest for a MachineToMachine role.
  [[nodiscard]] virtual Result<void> add_jit_roles(std::string_view organization_id,
                                                   const std::vector<std::string>& role_ids) = 0;
  [[nodiscard]] virtual Result<void> replace_jit_roles(
      std::string_view organization_id, const std::vector<std::string>& role_ids) = 0;
  [[nodiscard]] virtual Result<void> remove_jit_role(std::string_view organization_id,
                                                     std::string_view role_id) = 0;
  // Makes the user a member of every organization with a JIT rule for `email_domain` (compared
  // lower-case) and gives them that organization's JIT roles. Memberships the user already has
  // are kept as they are. Returns the ids of the organizations joined now.
  [[nodiscard]] virtual Result<std::vector<std::string>> provision_by_email_domain(
      std::string_view user_id, std::string_view email_domain) = 0;
};

struct InvitationFilter {
  std::optional<std::string> organization_id;
  std::optional<std::string> inviter_id;
  std::optional<std::string> invitee;  // compared lower-case
};

// Organization invitations (RFC 0003).
class OrganizationInvitationRepository {
 public:
  virtual ~OrganizationInvitationRepository() = default;
  // Inserts the invitation with its role_ids. NotFound when the organization or a role is
  // absent; Conflict keyed entity.unique_integrity_violation when the invitee already has a
  // Pending invitation to that organization.
  [[nodiscard]] virtual Result<void> insert(const model::OrganizationInvitation& invitation) = 0;
  // With role_ids.
  [[nodiscard]] virtual Result<std::optional<model::OrganizationInvitation>> find(
      std::string_view id) = 0;
  // Ordered by created_at descending, then id; with role_ids.
  [[nodiscard]] virtual Result<std::vector<model::OrganizationInvitation>> list(
      const InvitationFilter& filter) = 0;
  // Sets status, accepted_user_id and updated_at. NotFound when absent.
  [[nodiscard]] virtual Result<void> set_status(std::string_view id, model::InvitationStatus status,
                                                std::optional<std::string_view> accepted_user_id,
                                                std::int64_t at) = 0;
  // Marks Expired every Pending invitation whose expires_at is at or before `now`.
  [[nodiscard]] virtual Result<void> expire(std::int64_t now) = 0;
  // NotFound when absent.
  [[nodiscard]] virtual Result<void> remove(std::string_view id) = 0;
};

}  // namespace latch::storage
