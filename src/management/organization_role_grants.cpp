#include "management/organization_rules.hpp"
#include "management/organization_template_service.hpp"
#include "management/role_rules.hpp"

// What an organization role grants: OrganizationTemplateService's scope relation calls
// (Logto's /api/organization-roles/:id/scopes and /:id/resource-scopes).
namespace latch::management {
namespace {

using namespace organization_rules;
using storage::OrganizationRoleRepository;

// The calls of one relation: organization scopes or API resource scopes.
struct Relation {
  std::string_view noun;
  Result<void> (*check)(storage::Tx&, const std::vector<std::string>&);
  Result<void> (OrganizationRoleRepository::*add)(std::string_view,
                                                  const std::vector<std::string>&);
  Result<void> (OrganizationRoleRepository::*replace)(std::string_view,
                                                      const std::vector<std::string>&);
  Result<void> (OrganizationRoleRepository::*remove)(std::string_view, std::string_view);
};

const Relation& relation(RoleGrant what) {
  static const Relation kScopes{
      "organization scope", check_scopes, &OrganizationRoleRepository::add_scopes,
      &OrganizationRoleRepository::replace_scopes, &OrganizationRoleRepository::remove_scope};
  static const Relation kResourceScopes{"resource scope", check_resource_scopes,
                                        &OrganizationRoleRepository::add_resource_scopes,
                                        &OrganizationRoleRepository::replace_resource_scopes,
                                        &OrganizationRoleRepository::remove_resource_scope};
  return what == RoleGrant::OrganizationScopes ? kScopes : kResourceScopes;
}

// Everything `read` returns for the role, paged when `page` is given.
template <class T, class Read>
Result<Listing<T>> listed(storage::Store& store, const std::string& role_id,
                          std::optional<storage::Page> page, Read read) {
  Listing<T> out;
  auto done = store.read([&](storage::Tx& tx) -> Result<void> {
    if (auto role = role_in(tx, role_id); !role) return role.error();
    auto items = read(tx.organization_roles());
    if (!items) return items.error();
    out.total = static_cast<std::int64_t>(items->size());
    out.items = page ? role_rules::page_slice(std::move(*items), *page) : std::move(*items);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace

Result<Listing<model::OrganizationScope>> OrganizationTemplateService::role_scopes(
    const std::string& role_id, std::optional<storage::Page> page) {
  return listed<model::OrganizationScope>(
      store_, role_id, page, [&](OrganizationRoleRepository& r) { return r.scopes(role_id); });
}

Result<Listing<model::Scope>> OrganizationTemplateService::role_resource_scopes(
    const std::string& role_id, std::optional<storage::Page> page) {
  return listed<model::Scope>(store_, role_id, page, [&](OrganizationRoleRepository& r) {
    return r.resource_scopes(role_id);
  });
}

Result<void> OrganizationTemplateService::grant(const std::string& role_id, RoleGrant what,
                                                const std::vector<std::string>& scope_ids,
                                                bool replace) {
  const Relation& rel = relation(what);
  auto ids = role_rules::unique(scope_ids);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto role = role_in(tx, role_id); !role) {
      if (role.error().code != Errc::NotFound) return role.error();
      return missing_relation("organization role " + role_id + " does not exist");
    }
    if (auto r = rel.check(tx, ids); !r) return r;
    auto& roles = tx.organization_roles();
    auto set = replace ? (roles.*rel.replace)(role_id, ids) : (roles.*rel.add)(role_id, ids);
    if (!set) return set;
    return raise_scopes(tx, role_id, what);
  });
}

Result<void> OrganizationTemplateService::revoke(const std::string& role_id, RoleGrant what,
                                                 const std::string& scope_id) {
  const Relation& rel = relation(what);
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto done = (tx.organization_roles().*rel.remove)(role_id, scope_id);
    auto gone = removed(std::move(done), "organization role " + role_id + " does not hold " +
                                             std::string(rel.noun) + " " + scope_id);
    if (!gone) return gone;
    return raise_scopes(tx, role_id, what);
  });
}

// Logto raises OrganizationRole.Scopes.Updated for the organization scopes routes only.
Result<void> OrganizationTemplateService::raise_scopes(storage::Tx& tx, const std::string& role_id,
                                                       RoleGrant what) const {
  if (what != RoleGrant::OrganizationScopes) return ok();
  auto scopes = tx.organization_roles().scopes(role_id);
  if (!scopes) return scopes.error();
  boost::json::array data;
  for (const auto& scope : *scopes) data.push_back(to_json(scope));
  return raise(tx, "OrganizationRole.Scopes.Updated", std::move(data));
}

}  // namespace latch::management
