#include "management/organization_template_service.hpp"

#include "crypto/random.hpp"
#include "management/organization_rules.hpp"
#include "management/role_rules.hpp"
#include "management/webhook_events.hpp"

// Organization scopes and roles: create, list, read, update, delete.
namespace latch::management {
namespace {

using namespace organization_rules;

Error not_updated(std::string_view what, std::string_view id) {
  return keyed_error(Errc::NotFound, "entity.not_exists",
                     std::string(what) + " " + std::string(id) + " does not exist");
}

Result<void> check_patch(const TemplatePatch& patch) {
  if (patch.name) {
    if (auto r = check_text("name", *patch.name, 128); !r) return r;
  }
  if (patch.description) return check_description(*patch.description);
  return ok();
}

template <class T>
void apply(T& item, const TemplatePatch& patch) {
  if (patch.name) item.name = *patch.name;
  if (patch.description) item.description = *patch.description;
}

// The role with its organization scopes and its resource scopes with their resources.
Result<OrganizationRoleView> view_of(storage::Tx& tx, model::OrganizationRole role) {
  OrganizationRoleView out;
  auto scopes = tx.organization_roles().scopes(role.id);
  if (!scopes) return scopes.error();
  auto resource_scopes = tx.organization_roles().resource_scopes(role.id);
  if (!resource_scopes) return resource_scopes.error();
  for (auto& scope : *resource_scopes) {
    auto resource = tx.resources().find(scope.resource_id);
    if (!resource) return resource.error();
    if (!*resource) continue;
    (*resource)->scopes.clear();
    out.resource_scopes.push_back({std::move(scope), std::move(**resource)});
  }
  out.scopes = std::move(*scopes);
  out.role = std::move(role);
  return out;
}

}  // namespace

Result<void> OrganizationTemplateService::raise(storage::Tx& tx, std::string_view event,
                                                boost::json::value data) const {
  return queue_data_hook(tx, event, origin_, std::move(data), clock_.now_millis());
}

Result<model::OrganizationScope> OrganizationTemplateService::create_scope(
    const NewOrganizationScope& request) {
  if (auto r = check_text("name", request.name, 128); !r) return r.error();
  if (auto r = check_description(request.description); !r) return r.error();
  model::OrganizationScope scope{.id = crypto::random_id(21),
                                 .name = request.name,
                                 .description = request.description,
                                 .created_at = clock_.now_millis()};
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = tx.organization_scopes().insert(scope); !r) return r;
    return raise(tx, "OrganizationScope.Created", to_json(scope));
  });
  if (!done) return done.error();
  return scope;
}

Result<Listing<model::OrganizationScope>> OrganizationTemplateService::scopes(
    const std::string& search, std::optional<storage::Page> page) {
  Listing<model::OrganizationScope> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto items = tx.organization_scopes().list(search, page.value_or(kEverything));
    if (!items) return items.error();
    auto total = tx.organization_scopes().count(search);
    if (!total) return total.error();
    out = {std::move(*items), *total};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<model::OrganizationScope> OrganizationTemplateService::scope(const std::string& id) {
  std::optional<model::OrganizationScope> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto scope = scope_in(tx, id);
    if (!scope) return scope.error();
    out = std::move(*scope);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<model::OrganizationScope> OrganizationTemplateService::update_scope(
    const std::string& id, const TemplatePatch& patch) {
  if (auto r = check_patch(patch); !r) return r.error();
  std::optional<model::OrganizationScope> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.organization_scopes().find(id);
    if (!found) return found.error();
    if (!*found) return not_updated("organization scope", id);
    apply(**found, patch);
    if (auto r = tx.organization_scopes().update(**found); !r) return r;
    if (auto r = raise(tx, "OrganizationScope.Data.Updated", to_json(**found)); !r) return r;
    out = std::move(**found);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<void> OrganizationTemplateService::remove_scope(const std::string& id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.organization_scopes().find(id);
    if (!found) return found.error();
    if (*found) {
      if (auto r = raise(tx, "OrganizationScope.Deleted", to_json(**found)); !r) return r;
    }
    return removed(tx.organization_scopes().remove(id), "organization scope " + id);
  });
}

Result<model::OrganizationRole> OrganizationTemplateService::create_role(
    const NewOrganizationRole& request) {
  if (auto r = check_text("name", request.name, 128); !r) return r.error();
  if (auto r = check_description(request.description); !r) return r.error();
  model::OrganizationRole role{.id = crypto::random_id(21),
                               .name = request.name,
                               .description = request.description,
                               .type = request.type,
                               .created_at = clock_.now_millis()};
  auto scope_ids = role_rules::unique(request.scope_ids);
  auto resource_scope_ids = role_rules::unique(request.resource_scope_ids);
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = tx.organization_roles().insert(role); !r) return r;
    if (auto r = check_scopes(tx, scope_ids); !r) return r;
    if (auto r = check_resource_scopes(tx, resource_scope_ids); !r) return r;
    if (!scope_ids.empty()) {
      if (auto r = tx.organization_roles().add_scopes(role.id, scope_ids); !r) return r;
    }
    if (!resource_scope_ids.empty()) {
      auto r = tx.organization_roles().add_resource_scopes(role.id, resource_scope_ids);
      if (!r) return r;
    }
    if (auto r = raise(tx, "OrganizationRole.Created", to_json(role)); !r) return r;
    if (scope_ids.empty() && resource_scope_ids.empty()) return ok();
    // Logto's OrganizationRole.Scopes.Updated of a role created with scopes: no data, the role's
    // id.
    return queue_data_hook(tx, "OrganizationRole.Scopes.Updated", origin_, nullptr,
                           clock_.now_millis(), {{"organizationRoleId", role.id}});
  });
  if (!done) return done.error();
  return role;
}

Result<Listing<OrganizationRoleView>> OrganizationTemplateService::roles(const std::string& search,
                                                                         storage::Page page) {
  Listing<OrganizationRoleView> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    storage::OrganizationRoleFilter filter{search, std::nullopt};
    auto roles = tx.organization_roles().list(filter, page);
    if (!roles) return roles.error();
    auto total = tx.organization_roles().count(filter);
    if (!total) return total.error();
    for (auto& role : *roles) {
      auto view = view_of(tx, std::move(role));
      if (!view) return view.error();
      out.items.push_back(std::move(*view));
    }
    out.total = *total;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<model::OrganizationRole> OrganizationTemplateService::role(const std::string& id) {
  std::optional<model::OrganizationRole> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto role = role_in(tx, id);
    if (!role) return role.error();
    out = std::move(*role);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<model::OrganizationRole> OrganizationTemplateService::update_role(
    const std::string& id, const TemplatePatch& patch) {
  if (auto r = check_patch(patch); !r) return r.error();
  std::optional<model::OrganizationRole> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.organization_roles().find(id);
    if (!found) return found.error();
    if (!*found) return not_updated("organization role", id);
    apply(**found, patch);
    if (auto r = tx.organization_roles().update(**found); !r) return r;
    if (auto r = raise(tx, "OrganizationRole.Data.Updated", to_json(**found)); !r) return r;
    out = std::move(**found);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<void> OrganizationTemplateService::remove_role(const std::string& id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.organization_roles().find(id);
    if (!found) return found.error();
    if (*found) {
      if (auto r = raise(tx, "OrganizationRole.Deleted", to_json(**found)); !r) return r;
    }
    return removed(tx.organization_roles().remove(id), "organization role " + id);
  });
}

}  // namespace latch::management
