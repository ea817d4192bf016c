#include "management/organization_member_service.hpp"
#include "management/organization_template_service.hpp"
#include "management_api/management_api.hpp"
#include "management_api/organization_kit.hpp"

// The members of an organization and their organization roles (Logto's organization/user/ and
// organization/application/ routes; shapes in management/organization_member_service.hpp).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using namespace organization_kit;
using http::bhttp::status;
using management::MemberKind;
using Deps = ManagementApiDeps;

management::OrganizationMemberService service(const Deps& d) {
  return management::OrganizationMemberService(d.store, d.clock);
}
// The service for a change, whose webhook events name the request (`origin`, which must outlive
// it).
management::OrganizationMemberService changing(const Deps& d,
                                               const management::HookOrigin& origin) {
  return management::OrganizationMemberService(d.store, d.clock, &origin);
}

// The member's path parameter and the body key of ids for each kind.
std::string member_of(const Call& c, MemberKind kind) {
  return param(c, kind == MemberKind::User ? "userId" : "applicationId");
}
std::string_view ids_key(MemberKind kind) {
  return kind == MemberKind::User ? "userIds" : "applicationIds";
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

Result<http::Response> list_users(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  return listing(service(d).users(param(c, "id"), search_of(c), *page),
                 [](const storage::OrganizationUser& u) { return management::to_json(u); });
}

Result<http::Response> list_apps(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  return listing(service(d).applications(param(c, "id"), search_of(c), *page),
                 [](const storage::OrganizationApplication& a) { return management::to_json(a); });
}

// POST {userIds} answers 201 with the ids as sent (Logto echoes the body); POST
// {applicationIds} 201 without a body. PUT replaces the membership: 204.
template <MemberKind kind, bool replace>
Result<http::Response> set_members(const Deps& d, const Call& c) {
  auto ids = sole_ids(c.body, ids_key(kind), !replace);
  if (!ids) return ids.error();
  auto origin = hook_origin(c, replace ? 204 : 201);
  if (auto r = changing(d, origin).set_members(param(c, "id"), kind, *ids, replace); !r) {
    return r.error();
  }
  if (replace) return http::empty_response(status::no_content);
  if (kind == MemberKind::Application) return http::empty_response(status::created);
  return http::json_response(status::created, json::object{{"userIds", strings(*ids)}});
}

template <MemberKind kind>
Result<http::Response> remove_member(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 204);
  auto removed = changing(d, origin).remove_member(param(c, "id"), kind, member_of(c, kind));
  return done(std::move(removed), status::no_content);
}

// POST {userIds | applicationIds, organizationRoleIds}: each member gets each role.
template <MemberKind kind>
Result<http::Response> add_roles_to_members(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {ids_key(kind), "organizationRoleIds"}); !r) return r.error();
  auto members = ids_field(c.body, ids_key(kind), true);
  if (!members) return members.error();
  auto roles = ids_field(c.body, "organizationRoleIds", true);
  if (!roles) return roles.error();
  if (!*members || !*roles) {
    return with_field(make_error(Errc::InvalidRequest, "both id arrays are required"),
                      *members ? "organizationRoleIds" : std::string(ids_key(kind)));
  }
  auto added = service(d).add_roles_to_members(param(c, "id"), kind, **members, **roles);
  return done(std::move(added), status::created);
}

template <MemberKind kind>
Result<http::Response> member_roles(const Deps& d, const Call& c) {
  auto page = optional_page(c);
  if (!page) return page.error();
  return listing(service(d).roles(param(c, "id"), kind, member_of(c, kind), *page),
                 [](const model::OrganizationRole& r) { return management::to_json(r); });
}

// Users: {organizationRoleIds?, organizationRoleNames?}; apps: {organizationRoleIds} with at
// least one id (Logto's guards).
template <MemberKind kind>
Result<management::RoleChoice> choice_of(const json::object& body) {
  bool user = kind == MemberKind::User;
  if (!user) {
    auto ids = sole_ids(body, "organizationRoleIds", true);
    if (!ids) return ids.error();
    return management::RoleChoice{std::move(*ids), {}};
  }
  if (auto r = only_fields(body, {"organizationRoleIds", "organizationRoleNames"}); !r) {
    return r.error();
  }
  auto ids = ids_field(body, "organizationRoleIds", false);
  if (!ids) return ids.error();
  auto names = ids_field(body, "organizationRoleNames", false);
  if (!names) return names.error();
  return management::RoleChoice{ids->value_or(std::vector<std::string>{}),
                                names->value_or(std::vector<std::string>{})};
}

// POST: users 201 {organizationRoleIds}, apps 201 without a body; PUT: 204.
template <MemberKind kind, bool replace>
Result<http::Response> set_member_roles(const Deps& d, const Call& c) {
  auto choice = choice_of<kind>(c.body);
  if (!choice) return choice.error();
  auto ids = service(d).set_roles(param(c, "id"), kind, member_of(c, kind), *choice, replace);
  if (!ids) return ids.error();
  if (replace) return http::empty_response(status::no_content);
  if (kind == MemberKind::Application) return http::empty_response(status::created);
  return http::json_response(status::created, json::object{{"organizationRoleIds", strings(*ids)}});
}

template <MemberKind kind>
Result<http::Response> remove_member_role(const Deps& d, const Call& c) {
  auto removed = service(d).remove_role(param(c, "id"), kind, member_of(c, kind),
                                        param(c, "organizationRoleId"));
  return done(std::move(removed), status::no_content);
}

template <MemberKind kind>
Result<http::Response> member_scopes(const Deps& d, const Call& c) {
  return array_of(service(d).scopes(param(c, "id"), kind, member_of(c, kind)),
                  [](const model::OrganizationScope& s) { return management::to_json(s); });
}

constexpr MemberKind kUser = MemberKind::User;
constexpr MemberKind kApp = MemberKind::Application;

}  // namespace

// The paths without a member id come first: the router tries templates in order.
void ManagementApi::mount_organization_members(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/organizations/:id/users", "List an organization's users with their roles",
       list_users},
      {post, "/organizations/:id/users", "Add users to an organization", set_members<kUser, false>},
      {put, "/organizations/:id/users", "Replace an organization's users",
       set_members<kUser, true>},
      {post, "/organizations/:id/users/roles", "Give organization roles to members",
       add_roles_to_members<kUser>},
      {delete_, "/organizations/:id/users/:userId", "Remove a user from an organization",
       remove_member<kUser>},
      {get, "/organizations/:id/users/:userId/roles", "List a member's organization roles",
       member_roles<kUser>},
      {post, "/organizations/:id/users/:userId/roles", "Give a member organization roles",
       set_member_roles<kUser, false>},
      {put, "/organizations/:id/users/:userId/roles", "Replace a member's organization roles",
       set_member_roles<kUser, true>},
      {delete_, "/organizations/:id/users/:userId/roles/:organizationRoleId",
       "Take an organization role from a member", remove_member_role<kUser>},
      {get, "/organizations/:id/users/:userId/scopes",
       "List the organization scopes a member's roles grant", member_scopes<kUser>},
      {get, "/organizations/:id/applications", "List an organization's applications", list_apps},
      {post, "/organizations/:id/applications", "Add machine-to-machine apps to an organization",
       set_members<kApp, false>},
      {put, "/organizations/:id/applications", "Replace an organization's applications",
       set_members<kApp, true>},
      {post, "/organizations/:id/applications/roles",
       "Give organization roles to member applications", add_roles_to_members<kApp>},
      {delete_, "/organizations/:id/applications/:applicationId",
       "Remove an application from an organization", remove_member<kApp>},
      {get, "/organizations/:id/applications/:applicationId/roles",
       "List a member application's organization roles", member_roles<kApp>},
      {post, "/organizations/:id/applications/:applicationId/roles",
       "Give a member application organization roles", set_member_roles<kApp, false>},
      {put, "/organizations/:id/applications/:applicationId/roles",
       "Replace a member application's organization roles", set_member_roles<kApp, true>},
      {delete_, "/organizations/:id/applications/:applicationId/roles/:organizationRoleId",
       "Take an organization role from a member application", remove_member_role<kApp>},
      {get, "/organizations/:id/applications/:applicationId/scopes",
       "List the organization scopes a member application's roles grant", member_scopes<kApp>},
  });
}

}  // namespace latch::management_api
