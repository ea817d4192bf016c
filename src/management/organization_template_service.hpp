#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "management/role_service.hpp"
#include "management/webhook_payload.hpp"
#include "model/organization.hpp"
#include "storage/store.hpp"

namespace latch::management {

struct NewOrganizationScope {
  std::string name;                        // 1 to 128 characters, unique among organization scopes
  std::optional<std::string> description;  // at most 256 characters
};

struct NewOrganizationRole {
  std::string name;  // 1 to 128 characters, unique among organization roles
  std::optional<std::string> description;
  model::RoleType type = model::RoleType::User;
  std::vector<std::string> scope_ids;           // organization scopes it starts with
  std::vector<std::string> resource_scope_ids;  // API resource scopes it starts with
};

// A partial update of a scope's or a role's name and description; absent members keep their
// value, a description set to nullopt clears it.
struct TemplatePatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> description;
};

// A GET /api/organization-roles item: the role with what it grants.
struct OrganizationRoleView {
  model::OrganizationRole role;
  std::vector<model::OrganizationScope> scopes;
  std::vector<ScopeView> resource_scopes;
};

// Which relation of a role a call is about: its organization scopes or its API resource scopes.
enum class RoleGrant { OrganizationScopes, ResourceScopes };

// The organization template (Logto's /api/organization-scopes and /api/organization-roles):
// organization scopes, organization roles and the scopes each role holds. Each call is one
// transaction: a request that fails changes nothing. Blocks on the database; thread-safe.
//
// Errors (Error::key): NotFound "entity.not_exists_with_id" for a scope or role that does not
// exist, "entity.not_found" for one to delete or a relation to remove that is not there;
// Conflict (422) "entity.unique_integrity_violation" for a name in use,
// "entity.relation_foreign_key_not_found" for an unknown scope id given; InvalidRequest (with
// Error::field) for malformed input.
class OrganizationTemplateService {
 public:
  // `origin`: the request behind the changes, for their webhook events
  // (OrganizationScope.Created, .Data.Updated, .Deleted and the same of OrganizationRole),
  // queued in each change's transaction; null for the CLI. Not owned; must outlive the service.
  OrganizationTemplateService(storage::Store& store, const Clock& clock,
                              const HookOrigin* origin = nullptr)
      : store_(store), clock_(clock), origin_(origin) {}

  [[nodiscard]] Result<model::OrganizationScope> create_scope(const NewOrganizationScope& request);
  // `search` matches a substring of the name ignoring ASCII case; every scope without `page`.
  [[nodiscard]] Result<Listing<model::OrganizationScope>> scopes(const std::string& search,
                                                                 std::optional<storage::Page> page);
  [[nodiscard]] Result<model::OrganizationScope> scope(const std::string& id);
  [[nodiscard]] Result<model::OrganizationScope> update_scope(const std::string& id,
                                                              const TemplatePatch& patch);
  // Takes the scope from every role that holds it.
  [[nodiscard]] Result<void> remove_scope(const std::string& id);

  [[nodiscard]] Result<model::OrganizationRole> create_role(const NewOrganizationRole& request);
  // `search` matches a substring of the id, name or description ignoring ASCII case.
  [[nodiscard]] Result<Listing<OrganizationRoleView>> roles(const std::string& search,
                                                            storage::Page page);
  [[nodiscard]] Result<model::OrganizationRole> role(const std::string& id);
  [[nodiscard]] Result<model::OrganizationRole> update_role(const std::string& id,
                                                            const TemplatePatch& patch);
  // Takes the role from every member, invitation and JIT rule.
  [[nodiscard]] Result<void> remove_role(const std::string& id);

  // What a role grants: its organization scopes (ordered by name) or its API resource scopes
  // (ordered by creation); every one without `page`.
  [[nodiscard]] Result<Listing<model::OrganizationScope>> role_scopes(
      const std::string& role_id, std::optional<storage::Page> page);
  [[nodiscard]] Result<Listing<model::Scope>> role_resource_scopes(
      const std::string& role_id, std::optional<storage::Page> page);
  // Adds the scopes the role does not hold yet; with `replace`, makes them its whole set.
  [[nodiscard]] Result<void> grant(const std::string& role_id, RoleGrant what,
                                   const std::vector<std::string>& scope_ids, bool replace);
  [[nodiscard]] Result<void> revoke(const std::string& role_id, RoleGrant what,
                                    const std::string& scope_id);

 private:
  // Queues webhook event `event` with `data` in `tx`.
  Result<void> raise(storage::Tx& tx, std::string_view event, boost::json::value data) const;
  // OrganizationRole.Scopes.Updated with the role's organization scopes as they now are, when
  // `what` is them.
  Result<void> raise_scopes(storage::Tx& tx, const std::string& role_id, RoleGrant what) const;

  storage::Store& store_;
  const Clock& clock_;
  const HookOrigin* origin_;
};

// {id, name, description} (Logto's OrganizationScopes.guard without tenantId).
boost::json::object to_json(const model::OrganizationScope& scope);
// {id, name, description, type}.
boost::json::object to_json(const model::OrganizationRole& role);
// The role with scopes [{id, name}] and resourceScopes [{id, name, resource {id, name}}].
boost::json::object to_json(const OrganizationRoleView& view);

}  // namespace latch::management
