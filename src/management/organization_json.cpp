#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "management/application_service.hpp"
#include "management/organization_member_service.hpp"
#include "management/organization_service.hpp"
#include "management/organization_template_service.hpp"
#include "management/user_service.hpp"

// The JSON shapes of organizations and their template, as Logto sends them (without tenantId).
namespace latch::management {
namespace {

namespace json = boost::json;

json::value nullable(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::string(*text);
}

// A JSON object stored as text; {} should the text be damaged.
json::value object_of(const std::string& text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return json::object();
  return value;
}

json::array role_briefs(const std::vector<model::OrganizationRole>& roles) {
  json::array out;
  for (const auto& role : roles) out.push_back({{"id", role.id}, {"name", role.name}});
  return out;
}

}  // namespace

json::object to_json(const model::OrganizationScope& scope) {
  return {{"id", scope.id}, {"name", scope.name}, {"description", nullable(scope.description)}};
}

json::object to_json(const model::OrganizationRole& role) {
  return {{"id", role.id},
          {"name", role.name},
          {"description", nullable(role.description)},
          {"type", model::role_type_name(role.type)}};
}

json::object to_json(const OrganizationRoleView& view) {
  json::array scopes, resource_scopes;
  for (const auto& s : view.scopes) scopes.push_back({{"id", s.id}, {"name", s.name}});
  for (const auto& s : view.resource_scopes) {
    resource_scopes.push_back({{"id", s.scope.id},
                               {"name", s.scope.name},
                               {"resource", {{"id", s.resource.id}, {"name", s.resource.name}}}});
  }
  json::object out = to_json(view.role);
  out["scopes"] = std::move(scopes);
  out["resourceScopes"] = std::move(resource_scopes);
  return out;
}

json::object to_json(const model::Organization& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"description", nullable(o.description)},
          {"customData", object_of(o.custom_data)},
          {"isMfaRequired", o.is_mfa_required},
          {"color", object_of(o.color)},
          {"branding", object_of(o.branding)},
          {"customCss", nullable(o.custom_css)},
          {"createdAt", o.created_at}};
}

json::object to_json(const OrganizationSummary& summary) {
  json::object out = to_json(summary.organization);
  if (!summary.users_count) return out;
  json::array featured;
  for (const auto& u : summary.featured_users) {
    featured.push_back({{"id", u.id}, {"avatar", nullable(u.avatar)}, {"name", nullable(u.name)}});
  }
  out["usersCount"] = *summary.users_count;
  out["featuredUsers"] = std::move(featured);
  return out;
}

json::object to_json(const storage::Membership& membership) {
  json::object out = to_json(membership.organization);
  out["organizationRoles"] = role_briefs(membership.roles);
  return out;
}

json::object to_json(const storage::OrganizationUser& member) {
  json::object out = to_json(member.user);
  out.erase("hasPassword");
  out["organizationRoles"] = role_briefs(member.roles);
  return out;
}

json::object to_json(const storage::OrganizationApplication& member) {
  json::object out = to_json(ApplicationView{member.application, std::nullopt});
  out["organizationRoles"] = role_briefs(member.roles);
  return out;
}

}  // namespace latch::management
