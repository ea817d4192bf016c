#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "management/webhook_payload.hpp"
#include "model/application.hpp"
#include "model/resource.hpp"
#include "model/role.hpp"
#include "model/user.hpp"
#include "storage/store.hpp"

namespace latch::management {

struct NewRole {
  std::string name;         // 1 to 128 characters, unique
  std::string description;  // 1 to 128 characters
  model::RoleType type = model::RoleType::User;
  bool is_default = false;             // User roles only
  std::vector<std::string> scope_ids;  // the permissions it starts with
};

// A partial update; absent members keep their value.
struct RolePatch {
  std::optional<std::string> name, description;
  std::optional<bool> is_default;
};

// Which roles GET /api/roles lists: Logto's search, a type, and not the roles a user or an app
// holds already (the console's "assign roles" picker).
struct RoleQuery {
  std::string search;
  std::optional<model::RoleType> type;
  std::string exclude_user_id, exclude_application_id;
};

// A role with who holds it: the counts and up to three of each (Logto's featured users/apps).
struct RoleSummary {
  model::Role role;
  std::int64_t users_count = 0, applications_count = 0;
  std::vector<model::User> featured_users;
  std::vector<model::Application> featured_applications;
};

template <class T>
struct Listing {
  std::vector<T> items;
  std::int64_t total = 0;
};

// A scope with the resource it belongs to (Logto's scope response).
struct ScopeView {
  model::Scope scope;
  model::Resource resource;  // without its scopes
};

// One effective permission of a user: a scope, its resource and the user's roles that grant it.
struct Permission {
  model::Scope scope;
  model::Resource resource;  // without its scopes
  std::vector<model::Role> roles;
};

// Roles, their scopes and who holds them (Logto's /api/roles, /api/users/:id/roles and
// /api/applications/:id/roles). Each call is one transaction: a request that fails changes
// nothing. Type rules: users hold User roles, machine-to-machine apps hold MachineToMachine
// roles; management API scopes go to MachineToMachine roles only. The built-in roles
// (model::is_built_in_role) cannot be changed or deleted, only assigned. Shared by the CLI and the
// management API. Blocks on the database; thread-safe.
//
// create()'s checks of a name and description (1 to 128 characters). InvalidRequest with the
// field.
[[nodiscard]] Result<void> check_new_role(const NewRole& request);

// Errors (Error::key): NotFound "entity.not_exists_with_id" for a role, scope, user or app that
// does not exist, "entity.not_found" for an assignment to remove that does not exist;
// InvalidRequest "guard.invalid_input" (with Error::field) for malformed input; Forbidden
// "role.internal_role_violation" for a change to a built-in role; Conflict (422) as each says.
class RoleService {
 public:
  // `origin`: the request behind the changes, for their webhook events (Role.Created,
  // Role.Data.Updated, Role.Deleted, Role.Scopes.Updated), queued in each change's transaction;
  // null for the CLI. Not owned; must outlive the service.
  RoleService(storage::Store& store, const Clock& clock, const HookOrigin* origin = nullptr)
      : store_(store), clock_(clock), origin_(origin) {}

  // Conflict "role.name_in_use"; InvalidRequest
  // "role.management_api_scopes_not_assignable_to_user_role"; NotFound for an unknown scope.
  [[nodiscard]] Result<model::Role> create(const NewRole& request);
  // Ordered by creation. An excluded user or app that does not exist excludes nothing.
  [[nodiscard]] Result<Listing<RoleSummary>> list(const RoleQuery& query, storage::Page page);
  [[nodiscard]] Result<model::Role> get(const std::string& id);
  // By id, else by name (the CLI's ROLE argument).
  [[nodiscard]] Result<model::Role> find(const std::string& id_or_name);
  // Conflict "role.name_in_use"; Forbidden for a built-in role.
  [[nodiscard]] Result<model::Role> update(const std::string& id, const RolePatch& patch);
  // Forbidden for a built-in role.
  [[nodiscard]] Result<void> remove(const std::string& id);

  // The role's scopes whose name or description contains `search` (ASCII case ignored).
  [[nodiscard]] Result<Listing<ScopeView>> scopes(const std::string& role_id,
                                                  const std::string& search,
                                                  std::optional<storage::Page> page);
  // Conflict "role.scope_exists"; the type rule as for create; Forbidden for a built-in role.
  // Returns every scope the role then holds.
  [[nodiscard]] Result<std::vector<model::Scope>> add_scopes(
      const std::string& role_id, const std::vector<std::string>& scope_ids);
  [[nodiscard]] Result<void> remove_scope(const std::string& role_id, const std::string& scope_id);

  // Users: the role's holders (user search as GET /api/users), assigning several at once
  // (Conflict "role.user_exists"; Conflict "entity.db_constraint_violated" for a
  // MachineToMachine role, as Logto answers), removing one.
  [[nodiscard]] Result<Listing<model::User>> users(const std::string& role_id,
                                                   const std::string& search, storage::Page page);
  [[nodiscard]] Result<void> assign_users(const std::string& role_id,
                                          const std::vector<std::string>& user_ids);
  [[nodiscard]] Result<void> unassign_user(const std::string& role_id, const std::string& user_id);

  // Applications, as for users (Conflict "role.application_exists"; a User role: Conflict
  // "entity.db_constraint_violated"; an app that is not machine-to-machine: Conflict
  // "application.invalid_type").
  [[nodiscard]] Result<Listing<model::Application>> applications(const std::string& role_id,
                                                                 const std::string& search,
                                                                 storage::Page page);
  [[nodiscard]] Result<void> assign_applications(const std::string& role_id,
                                                 const std::vector<std::string>& app_ids);
  [[nodiscard]] Result<void> unassign_application(const std::string& role_id,
                                                  const std::string& app_id);

  // A user's roles, matching `search` as GET /api/roles does.
  [[nodiscard]] Result<Listing<model::Role>> roles_of_user(const std::string& user_id,
                                                           const std::string& search,
                                                           storage::Page page);
  // Gives the user the roles among `role_ids` it does not hold yet and returns their ids.
  // Conflict "user.invalid_role_type" for a MachineToMachine role.
  [[nodiscard]] Result<std::vector<std::string>> add_user_roles(
      const std::string& user_id, const std::vector<std::string>& role_ids);
  // The user then holds exactly `role_ids`.
  [[nodiscard]] Result<void> set_user_roles(const std::string& user_id,
                                            const std::vector<std::string>& role_ids);
  [[nodiscard]] Result<void> remove_user_role(const std::string& user_id,
                                              const std::string& role_id);

  // As for users; every call first needs a machine-to-machine app (Conflict
  // "application.invalid_type"); a User role is Conflict "application.invalid_role_type".
  [[nodiscard]] Result<Listing<model::Role>> roles_of_application(const std::string& app_id,
                                                                  const std::string& search,
                                                                  storage::Page page);
  [[nodiscard]] Result<std::vector<std::string>> add_application_roles(
      const std::string& app_id, const std::vector<std::string>& role_ids);
  [[nodiscard]] Result<void> set_application_roles(const std::string& app_id,
                                                   const std::vector<std::string>& role_ids);
  [[nodiscard]] Result<void> remove_application_role(const std::string& app_id,
                                                     const std::string& role_id);

  // What the user's roles grant, of the resource `resource` (id or indicator; NotFound when
  // unknown) or of every resource when it is empty. Ordered by resource, then scope name.
  [[nodiscard]] Result<std::vector<Permission>> user_permissions(const std::string& user_id,
                                                                 const std::string& resource);
  // For each scope of the resource, the roles holding it (the API resource page). NotFound.
  [[nodiscard]] Result<std::vector<std::pair<model::Scope, std::vector<model::Role>>>> scope_roles(
      const std::string& resource_id);

 private:
  // Queues webhook event `event` with `data` in `tx`.
  Result<void> raise(storage::Tx& tx, std::string_view event, boost::json::value data) const;
  // Role.Scopes.Updated with the role's scopes as they now are.
  Result<void> raise_scopes(storage::Tx& tx, const std::string& role_id) const;

  storage::Store& store_;
  const Clock& clock_;
  const HookOrigin* origin_;
};

// The role as Logto sends it: id, name, description, type, isDefault.
boost::json::object to_json(const model::Role& role);
// A GET /api/roles item: the role with usersCount, featuredUsers [{id, avatar, name}],
// applicationsCount, featuredApplications [{id, name, type}].
boost::json::object to_json(const RoleSummary& summary);
// A scope as Logto sends it: id, name, description, resourceId, createdAt.
boost::json::object to_json(const model::Scope& scope);
// The scope with its resource {id, name, indicator, isDefault, accessTokenTtl}.
boost::json::object to_json(const ScopeView& view);
// {id, name, description, resourceId, resource {id, name, indicator}, roles [{id, name}]}.
boost::json::object to_json(const Permission& permission);

}  // namespace latch::management
