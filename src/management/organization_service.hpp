#pragma once

#include <boost/json/object.hpp>
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

// The settings of an organization (Logto's Organizations columns). JSON members are objects,
// as text. On create, absent members take their defaults; on update, they keep their value.
struct OrganizationFields {
  std::optional<std::string> name;                        // 1 to 128 characters; required on create
  std::optional<std::optional<std::string>> description;  // at most 256 characters; null clears
  std::optional<std::string> custom_data;                 // a JSON object
  std::optional<bool> is_mfa_required;
  std::optional<std::string> color;     // {primaryColor, isDarkModeEnabled, darkPrimaryColor}
  std::optional<std::string> branding;  // {logoUrl, darkLogoUrl, favicon, darkFavicon}
  std::optional<std::optional<std::string>> custom_css;
};

// GET /api/organizations: Logto's `q` search and, with `featured`, the member counts.
struct OrganizationQuery {
  std::string search;
  bool featured = false;
};

// An organization with, when asked for, its member count and up to three members.
struct OrganizationSummary {
  model::Organization organization;
  std::optional<std::int64_t> users_count;
  std::vector<model::User> featured_users;
};

// Organizations and their just-in-time provisioning rules (Logto's /api/organizations,
// /:id/jit/email-domains, /:id/jit/roles, /api/users/:id/organizations and
// /api/applications/:id/organizations). Each call is one transaction. Blocks on the database;
// thread-safe. Members: OrganizationMemberService.
//
// Errors (Error::key): NotFound "entity.not_exists_with_id" for an organization (or user, app)
// that does not exist, "entity.not_exists" for one to update, "entity.not_found" for one to
// delete or a JIT rule to remove that is not there; Conflict (422)
// "entity.relation_foreign_key_not_found" for a write under an organization or with a role that
// does not exist, "entity.unique_integrity_violation" for an email domain there already,
// "entity.db_constraint_violated" for a MachineToMachine role as a JIT role; InvalidRequest (with
// Error::field) for malformed input.
class OrganizationService {
 public:
  // `origin`: the request behind the changes, for their webhook events (Organization.Created,
  // Organization.Data.Updated, Organization.Deleted), queued in each change's transaction; null
  // for the CLI. Not owned; must outlive the service.
  OrganizationService(storage::Store& store, const Clock& clock, const HookOrigin* origin = nullptr)
      : store_(store), clock_(clock), origin_(origin) {}

  [[nodiscard]] Result<model::Organization> create(const OrganizationFields& fields);
  // Newest first.
  [[nodiscard]] Result<Listing<OrganizationSummary>> list(const OrganizationQuery& query,
                                                          storage::Page page);
  [[nodiscard]] Result<model::Organization> get(const std::string& id);
  [[nodiscard]] Result<model::Organization> update(const std::string& id,
                                                   const OrganizationFields& fields);
  // With its memberships, member roles, JIT rules and invitations.
  [[nodiscard]] Result<void> remove(const std::string& id);

  // The organizations the user (NotFound when absent) belongs to, with the roles held there.
  [[nodiscard]] Result<std::vector<storage::Membership>> memberships_of_user(
      const std::string& user_id);
  // The same for an application; every one without `page`.
  [[nodiscard]] Result<Listing<storage::Membership>> memberships_of_application(
      const std::string& app_id, std::optional<storage::Page> page);

  // JIT email domains (lower case); every one without `page`. A domain is 1 to 128 characters
  // without '@' or spaces (InvalidRequest "emailDomain[s]" otherwise).
  [[nodiscard]] Result<Listing<std::string>> email_domains(const std::string& id,
                                                           std::optional<storage::Page> page);
  [[nodiscard]] Result<std::string> add_email_domain(const std::string& id,
                                                     const std::string& domain);
  [[nodiscard]] Result<void> replace_email_domains(const std::string& id,
                                                   const std::vector<std::string>& domains);
  [[nodiscard]] Result<void> remove_email_domain(const std::string& id, const std::string& domain);

  // JIT organization roles (User roles); every one without `page`.
  [[nodiscard]] Result<Listing<model::OrganizationRole>> jit_roles(
      const std::string& id, std::optional<storage::Page> page);
  // Adds the roles not there yet; with `replace`, makes them the whole set.
  [[nodiscard]] Result<void> set_jit_roles(const std::string& id,
                                           const std::vector<std::string>& role_ids, bool replace);
  [[nodiscard]] Result<void> remove_jit_role(const std::string& id, const std::string& role_id);

 private:
  // Queues webhook event `event` about `organization` in `tx`.
  Result<void> raise(storage::Tx& tx, std::string_view event,
                     const model::Organization& organization) const;

  storage::Store& store_;
  const Clock& clock_;
  const HookOrigin* origin_;
};

// Logto's Organizations.guard without tenantId: id, name, description, customData,
// isMfaRequired, color, branding, customCss, createdAt.
boost::json::object to_json(const model::Organization& organization);
// With usersCount and featuredUsers [{id, avatar, name}] when counted.
boost::json::object to_json(const OrganizationSummary& summary);
// The organization with organizationRoles [{id, name}].
boost::json::object to_json(const storage::Membership& membership);

}  // namespace latch::management
