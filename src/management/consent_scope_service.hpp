#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "model/organization.hpp"
#include "model/resource.hpp"
#include "storage/store.hpp"

namespace latch::management {

// What a third-party app may ask users to consent to, by id (Logto's POST
// /applications/:id/user-consent-scopes): organization scope ids, resource scope ids, resource
// scope ids for an organization's context, user scope names.
struct ConsentScopeIds {
  std::vector<std::string> organization_scopes, resource_scopes, organization_resource_scopes,
      user_scopes;
};

// An API resource with some of its scopes.
struct ResourceScopes {
  model::Resource resource;
  std::vector<model::Scope> scopes;
};

// An app's consent scopes as Logto's GET shows them.
struct ConsentScopes {
  std::vector<model::OrganizationScope> organization_scopes;
  std::vector<ResourceScopes> resource_scopes, organization_resource_scopes;
  std::vector<std::string> user_scopes;
};

// Whether `name` is one of Logto's user scopes (its UserScope enum: "profile", "email", "phone",
// "address", "custom_data", "identities", "roles", "urn:logto:scope:organizations",
// "urn:logto:scope:organization_roles", "urn:logto:scope:sessions",
// "urn:logto:scope:trusted_devices").
bool is_user_scope(std::string_view name);

// Logto's user consent scopes of third-party apps. Blocks on the database; thread-safe.
class ConsentScopeService {
 public:
  ConsentScopeService(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Adds `ids` to the app's consent scopes (ids it holds already are kept). NotFound
  // entity.not_exists_with_id for an unknown app; Conflict (422)
  // application.third_party_application_only for a first-party app; Conflict (422)
  // application.user_consent_scopes_not_found for an id that names no scope of its kind;
  // InvalidRequest for a user scope Logto does not know.
  [[nodiscard]] Result<void> assign(const std::string& app_id, const ConsentScopeIds& ids);
  // The app's consent scopes, resource scopes grouped by resource (scopes deleted since are left
  // out). NotFound entity.not_exists_with_id for an unknown app.
  [[nodiscard]] Result<ConsentScopes> get(const std::string& app_id);
  // NotFound entity.not_exists_with_id for an unknown app, entity.not_found for a scope the app
  // does not hold.
  [[nodiscard]] Result<void> remove(const std::string& app_id, storage::ConsentScopeType type,
                                    const std::string& id);

 private:
  storage::Store& store_;
  const Clock& clock_;
};

// {organizationScopes: [{id, name, description}], resourceScopes: [{resource: {id, name,
// indicator}, scopes: [{id, name, description}]}], organizationResourceScopes (the same),
// userScopes: [names]}.
boost::json::object to_json(const ConsentScopes& scopes);

}  // namespace latch::management
