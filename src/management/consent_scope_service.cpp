#include "management/consent_scope_service.hpp"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>

namespace latch::management {
namespace {

namespace json = boost::json;
using storage::ConsentScopeType;

constexpr std::array<std::string_view, 11> kUserScopes = {"profile",
                                                          "email",
                                                          "phone",
                                                          "address",
                                                          "custom_data",
                                                          "identities",
                                                          "roles",
                                                          "urn:logto:scope:organizations",
                                                          "urn:logto:scope:organization_roles",
                                                          "urn:logto:scope:sessions",
                                                          "urn:logto:scope:trusted_devices"};

std::vector<std::string> distinct(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Error app_not_found(const std::string& app_id) {
  return keyed_error(Errc::NotFound, "entity.not_exists_with_id", "no application " + app_id);
}

Result<model::Application> find_app(storage::Tx& tx, const std::string& app_id) {
  auto app = tx.applications().find(app_id);
  if (!app) return app.error();
  if (!*app) return app_not_found(app_id);
  return std::move(**app);
}

Error scopes_not_found() {
  return keyed_error(Errc::Conflict, "application.user_consent_scopes_not_found");
}

// Every one of `ids` names an existing scope of its kind (Logto's 422 otherwise).
Result<void> check_exist(storage::Tx& tx, const ConsentScopeIds& ids) {
  auto organization = distinct(ids.organization_scopes);
  auto found = tx.organization_scopes().find_many(organization);
  if (!found) return found.error();
  if (found->size() != organization.size()) return scopes_not_found();
  for (const auto* list : {&ids.resource_scopes, &ids.organization_resource_scopes}) {
    auto wanted = distinct(*list);
    auto scopes = tx.resources().find_scopes(wanted);
    if (!scopes) return scopes.error();
    if (scopes->size() != wanted.size()) return scopes_not_found();
  }
  return ok();
}

// The resource scopes among `ids`, grouped by resource in the order of the resources' first
// scopes.
Result<std::vector<ResourceScopes>> grouped(storage::Tx& tx, const std::vector<std::string>& ids) {
  auto scopes = tx.resources().find_scopes(ids);
  if (!scopes) return scopes.error();
  std::vector<ResourceScopes> out;
  for (auto& scope : *scopes) {
    auto group = std::find_if(out.begin(), out.end(), [&](const ResourceScopes& g) {
      return g.resource.id == scope.resource_id;
    });
    if (group == out.end()) {
      auto resource = tx.resources().find(scope.resource_id);
      if (!resource) return resource.error();
      if (!*resource) continue;
      out.push_back({std::move(**resource), {}});
      group = out.end() - 1;
    }
    group->scopes.push_back(std::move(scope));
  }
  return out;
}

json::array scopes_json(const std::vector<model::Scope>& scopes) {
  json::array out;
  for (const auto& s : scopes) {
    out.push_back(json::object{{"id", s.id}, {"name", s.name}, {"description", s.description}});
  }
  return out;
}

json::array groups_json(const std::vector<ResourceScopes>& groups) {
  json::array out;
  for (const auto& g : groups) {
    out.push_back(json::object{
        {"resource",
         {{"id", g.resource.id}, {"name", g.resource.name}, {"indicator", g.resource.indicator}}},
        {"scopes", scopes_json(g.scopes)}});
  }
  return out;
}

}  // namespace

bool is_user_scope(std::string_view name) {
  return std::find(kUserScopes.begin(), kUserScopes.end(), name) != kUserScopes.end();
}

Result<void> ConsentScopeService::assign(const std::string& app_id, const ConsentScopeIds& ids) {
  for (const auto& name : ids.user_scopes) {
    if (!is_user_scope(name)) {
      return with_field(make_error(Errc::InvalidRequest, "unknown user scope " + name),
                        "userScopes");
    }
  }
  std::int64_t now = clock_.now_millis();
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto app = find_app(tx, app_id);
    if (!app) return app.error();
    if (!app->is_third_party) {
      return keyed_error(Errc::Conflict, "application.third_party_application_only");
    }
    if (auto r = check_exist(tx, ids); !r) return r;
    auto& repo = tx.consent_scopes();
    const std::pair<ConsentScopeType, const std::vector<std::string>*> kinds[] = {
        {ConsentScopeType::OrganizationScopes, &ids.organization_scopes},
        {ConsentScopeType::ResourceScopes, &ids.resource_scopes},
        {ConsentScopeType::OrganizationResourceScopes, &ids.organization_resource_scopes},
        {ConsentScopeType::UserScopes, &ids.user_scopes}};
    for (const auto& [type, list] : kinds) {
      if (auto r = repo.add(app_id, type, distinct(*list), now); !r) return r;
    }
    return ok();
  });
}

Result<ConsentScopes> ConsentScopeService::get(const std::string& app_id) {
  ConsentScopes out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto app = find_app(tx, app_id); !app) return app.error();
    auto& repo = tx.consent_scopes();
    auto organization = repo.list(app_id, ConsentScopeType::OrganizationScopes);
    if (!organization) return organization.error();
    auto found = tx.organization_scopes().find_many(*organization);
    if (!found) return found.error();
    out.organization_scopes = std::move(*found);
    auto resource = repo.list(app_id, ConsentScopeType::ResourceScopes);
    if (!resource) return resource.error();
    auto resource_groups = grouped(tx, *resource);
    if (!resource_groups) return resource_groups.error();
    out.resource_scopes = std::move(*resource_groups);
    auto in_organization = repo.list(app_id, ConsentScopeType::OrganizationResourceScopes);
    if (!in_organization) return in_organization.error();
    auto organization_groups = grouped(tx, *in_organization);
    if (!organization_groups) return organization_groups.error();
    out.organization_resource_scopes = std::move(*organization_groups);
    auto user = repo.list(app_id, ConsentScopeType::UserScopes);
    if (!user) return user.error();
    out.user_scopes = std::move(*user);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> ConsentScopeService::remove(const std::string& app_id, ConsentScopeType type,
                                         const std::string& id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto app = find_app(tx, app_id); !app) return app.error();
    auto removed = tx.consent_scopes().remove(app_id, type, id);
    if (!removed && removed.error().code == Errc::NotFound) {
      return keyed_error(Errc::NotFound, "entity.not_found", "no consent scope " + id);
    }
    return removed;
  });
}

json::object to_json(const ConsentScopes& scopes) {
  json::array organization;
  for (const auto& s : scopes.organization_scopes) {
    json::value description = s.description ? json::value(*s.description) : json::value(nullptr);
    organization.push_back(
        json::object{{"id", s.id}, {"name", s.name}, {"description", std::move(description)}});
  }
  json::array user;
  for (const auto& name : scopes.user_scopes) user.emplace_back(name);
  return {{"organizationScopes", std::move(organization)},
          {"resourceScopes", groups_json(scopes.resource_scopes)},
          {"organizationResourceScopes", groups_json(scopes.organization_resource_scopes)},
          {"userScopes", std::move(user)}};
}

}  // namespace latch::management
