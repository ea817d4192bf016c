#include <boost/json/array.hpp>

#include "management/role_service.hpp"

// The JSON shapes of roles (Logto's Roles.guard and RoleResponse) and of what relates to them.
namespace latch::management {
namespace {

namespace json = boost::json;

json::value nullable(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::string(*text);
}

json::object resource_brief(const model::Resource& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"indicator", r.indicator},
          {"isDefault", r.is_default},
          {"accessTokenTtl", r.access_token_ttl}};
}

}  // namespace

json::object to_json(const model::Scope& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"description", s.description},
          {"resourceId", s.resource_id},
          {"createdAt", s.created_at}};
}

json::object to_json(const model::Role& role) {
  return {{"id", role.id},
          {"name", role.name},
          {"description", role.description},
          {"type", model::role_type_name(role.type)},
          {"isDefault", role.is_default}};
}

json::object to_json(const RoleSummary& summary) {
  json::array users, apps;
  for (const auto& u : summary.featured_users) {
    users.push_back({{"id", u.id}, {"avatar", nullable(u.avatar)}, {"name", nullable(u.name)}});
  }
  for (const auto& a : summary.featured_applications) {
    apps.push_back({{"id", a.id}, {"name", a.name}, {"type", model::app_type_name(a.type)}});
  }
  json::object out = to_json(summary.role);
  out["usersCount"] = summary.users_count;
  out["featuredUsers"] = std::move(users);
  out["applicationsCount"] = summary.applications_count;
  out["featuredApplications"] = std::move(apps);
  return out;
}

json::object to_json(const ScopeView& view) {
  json::object out = to_json(view.scope);
  out["resource"] = resource_brief(view.resource);
  return out;
}

json::object to_json(const Permission& permission) {
  json::array roles;
  for (const auto& r : permission.roles) roles.push_back({{"id", r.id}, {"name", r.name}});
  const auto& res = permission.resource;
  return {{"id", permission.scope.id},
          {"name", permission.scope.name},
          {"description", permission.scope.description},
          {"resourceId", permission.scope.resource_id},
          {"resource", {{"id", res.id}, {"name", res.name}, {"indicator", res.indicator}}},
          {"roles", std::move(roles)}};
}

}  // namespace latch::management
