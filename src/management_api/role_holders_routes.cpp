#include <algorithm>

#include "management/role_service.hpp"
#include "management_api/management_api.hpp"

// The roles of one user or one application (Logto's admin-user/role.ts and
// applications/application-role.ts), and Latch's effective permissions of a user.
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::RoleService service(const Deps& d) { return {d.store, d.clock}; }

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

// GET: the holder's roles, paginated, with Logto's search.
template <class List>
Result<http::Response> list_roles(const Call& c, std::string_view param, List list) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  auto listed =
      list(std::string(c.param(param)), std::string(c.request.query.value("search")), *page);
  if (!listed) return listed.error();
  json::array items;
  for (const auto& role : listed->items) items.push_back(management::to_json(role));
  return page_response(std::move(items), listed->total);
}

// POST {roleIds}: 201 {roleIds, addedRoleIds}; the roles held already are left as they are.
template <class Add>
Result<http::Response> add_roles(const Call& c, std::string_view param, Add add) {
  auto ids = sole_ids(c.body, "roleIds", false);
  if (!ids) return ids.error();
  auto added = add(std::string(c.param(param)), *ids);
  if (!added) return added.error();
  return http::json_response(
      status::created, json::object{{"roleIds", strings(*ids)}, {"addedRoleIds", strings(*added)}});
}

// PUT {roleIds}: the holder then holds exactly these; 200 {roleIds}.
template <class Set>
Result<http::Response> set_roles(const Call& c, std::string_view param, Set set) {
  auto ids = sole_ids(c.body, "roleIds", false);
  if (!ids) return ids.error();
  if (auto r = set(std::string(c.param(param)), *ids); !r) return r.error();
  std::vector<std::string> unique;
  for (const auto& id : *ids) {
    if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
  }
  return http::json_response(status::ok, json::object{{"roleIds", strings(unique)}});
}

Result<http::Response> removed(Result<void> result) {
  if (!result) return result.error();
  return http::empty_response(status::no_content);
}

Result<http::Response> user_roles(const Deps& d, const Call& c) {
  auto s = service(d);
  return list_roles(c, "userId", [&](auto... a) { return s.roles_of_user(a...); });
}

Result<http::Response> add_user_roles(const Deps& d, const Call& c) {
  auto s = service(d);
  return add_roles(c, "userId", [&](auto... a) { return s.add_user_roles(a...); });
}

Result<http::Response> set_user_roles(const Deps& d, const Call& c) {
  auto s = service(d);
  return set_roles(c, "userId", [&](auto... a) { return s.set_user_roles(a...); });
}

Result<http::Response> remove_user_role(const Deps& d, const Call& c) {
  auto user = std::string(c.param("userId"));
  return removed(service(d).remove_user_role(user, std::string(c.param("roleId"))));
}

// Latch: what the user's roles grant, with the roles that grant each scope (?resource= an id or
// indicator narrows it to one resource).
Result<http::Response> user_scopes(const Deps& d, const Call& c) {
  auto permissions = service(d).user_permissions(std::string(c.param("userId")),
                                                 std::string(c.request.query.value("resource")));
  if (!permissions) return permissions.error();
  json::array out;
  for (const auto& p : *permissions) out.push_back(management::to_json(p));
  http::Response res = http::json_response(status::ok, out);
  http::set_no_store(res);
  return res;
}

Result<http::Response> app_roles(const Deps& d, const Call& c) {
  auto s = service(d);
  return list_roles(c, "id", [&](auto... a) { return s.roles_of_application(a...); });
}

Result<http::Response> add_app_roles(const Deps& d, const Call& c) {
  auto s = service(d);
  return add_roles(c, "id", [&](auto... a) { return s.add_application_roles(a...); });
}

Result<http::Response> set_app_roles(const Deps& d, const Call& c) {
  auto s = service(d);
  return set_roles(c, "id", [&](auto... a) { return s.set_application_roles(a...); });
}

Result<http::Response> remove_app_role(const Deps& d, const Call& c) {
  auto app = std::string(c.param("id"));
  return removed(service(d).remove_application_role(app, std::string(c.param("roleId"))));
}

}  // namespace

void ManagementApi::mount_role_holders(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/users/:userId/roles", "List a user's roles", user_roles},
      {post, "/users/:userId/roles", "Assign roles to a user", add_user_roles},
      {put, "/users/:userId/roles", "Replace a user's roles", set_user_roles},
      {delete_, "/users/:userId/roles/:roleId", "Remove a role from a user", remove_user_role},
      {get, "/users/:userId/scopes", "A user's effective permissions and the roles granting them",
       user_scopes},
      {get, "/applications/:id/roles", "List a machine-to-machine app's roles", app_roles},
      {post, "/applications/:id/roles", "Assign roles to a machine-to-machine app", add_app_roles},
      {put, "/applications/:id/roles", "Replace a machine-to-machine app's roles", set_app_roles},
      {delete_, "/applications/:id/roles/:roleId", "Remove a role from an app", remove_app_role},
  });
}

}  // namespace latch::management_api
