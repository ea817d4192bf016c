#include "management/application_service.hpp"
#include "management/role_service.hpp"
#include "management/user_service.hpp"
#include "management_api/management_api.hpp"

// /api/roles: roles, their scopes, users and applications (Logto's role.ts, role.scope.ts,
// role.user.ts, role.application.ts; shapes in management/role_service.hpp).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::RoleService service(const Deps& d) { return {d.store, d.clock}; }
// The service for a change, whose webhook events name the request (`origin`, which must outlive
// it).
management::RoleService changing(const Deps& d, const management::HookOrigin& origin) {
  return {d.store, d.clock, &origin};
}
std::string role_id(const Call& c) { return std::string(c.param("id")); }
std::string search_of(const Call& c) { return std::string(c.request.query.value("search")); }

Result<http::Response> role_response(Result<model::Role> role) {
  if (!role) return role.error();
  return http::json_response(status::ok, management::to_json(*role));
}

Result<http::Response> done(Result<void> result, status code) {
  if (!result) return result.error();
  return http::empty_response(code);
}

template <class T, class ToJson>
Result<http::Response> listing(Result<management::Listing<T>> listed, ToJson to_json) {
  if (!listed) return listed.error();
  json::array items;
  for (const auto& item : listed->items) items.push_back(to_json(item));
  return page_response(std::move(items), listed->total);
}

Result<std::optional<model::RoleType>> type_of(std::string_view text, bool given) {
  if (!given) return std::optional<model::RoleType>();
  auto type = model::parse_role_type(text);
  if (!type) {
    return with_field(make_error(Errc::InvalidRequest, "type must be User or MachineToMachine"),
                      "type");
  }
  return std::optional<model::RoleType>(*type);
}

Result<http::Response> list_roles(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  const auto& q = c.request.query;
  auto type = type_of(q.value("type"), q.get("type").has_value());
  if (!type) return type.error();
  management::RoleQuery query{search_of(c), *type, std::string(q.value("excludeUserId")),
                              std::string(q.value("excludeApplicationId"))};
  return listing(service(d).list(query, *page),
                 [](const management::RoleSummary& s) { return management::to_json(s); });
}

Result<http::Response> create_role(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name", "description", "type", "isDefault", "scopeIds"}); !r) {
    return r.error();
  }
  auto name = string_field(c.body, "name");
  auto description = string_field(c.body, "description");
  auto type_text = string_field(c.body, "type");
  auto is_default = bool_field(c.body, "isDefault");
  if (!name) return name.error();
  if (!description) return description.error();
  if (!type_text) return type_text.error();
  if (!is_default) return is_default.error();
  auto type = type_of(type_text->value_or(""), type_text->has_value());
  if (!type) return type.error();
  std::vector<std::string> scope_ids;
  if (c.body.contains("scopeIds")) {
    auto ids = sole_ids(json::object{{"scopeIds", c.body.at("scopeIds")}}, "scopeIds", false);
    if (!ids) return ids.error();
    scope_ids = std::move(*ids);
  }
  auto origin = hook_origin(c, 200);
  return role_response(changing(d, origin).create({.name = name->value_or(""),
                                                   .description = description->value_or(""),
                                                   .type = type->value_or(model::RoleType::User),
                                                   .is_default = is_default->value_or(false),
                                                   .scope_ids = std::move(scope_ids)}));
}

Result<http::Response> get_role(const Deps& d, const Call& c) {
  return role_response(service(d).get(role_id(c)));
}

Result<http::Response> update_role(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name", "description", "isDefault"}); !r) return r.error();
  auto name = string_field(c.body, "name");
  auto description = string_field(c.body, "description");
  auto is_default = bool_field(c.body, "isDefault");
  if (!name) return name.error();
  if (!description) return description.error();
  if (!is_default) return is_default.error();
  auto origin = hook_origin(c, 200);
  return role_response(changing(d, origin).update(role_id(c), {*name, *description, *is_default}));
}

Result<http::Response> delete_role(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 204);
  return done(changing(d, origin).remove(role_id(c)), status::no_content);
}

// Paginated when page or page_size is given, else every scope (Logto's optional pagination).
Result<http::Response> list_role_scopes(const Deps& d, const Call& c) {
  std::optional<storage::Page> page;
  if (c.request.query.get("page") || c.request.query.get("page_size")) {
    auto asked = page_of(c.request);
    if (!asked) return asked.error();
    page = *asked;
  }
  return listing(service(d).scopes(role_id(c), search_of(c), page),
                 [](const management::ScopeView& v) { return management::to_json(v); });
}

Result<http::Response> add_role_scopes(const Deps& d, const Call& c) {
  auto ids = sole_ids(c.body, "scopeIds", true);
  if (!ids) return ids.error();
  auto origin = hook_origin(c, 201);
  auto scopes = changing(d, origin).add_scopes(role_id(c), *ids);
  if (!scopes) return scopes.error();
  json::array out;
  for (const auto& s : *scopes) out.push_back(management::to_json(s));
  return http::json_response(status::created, out);
}

Result<http::Response> remove_role_scope(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 204);
  auto removed = changing(d, origin).remove_scope(role_id(c), std::string(c.param("scopeId")));
  return done(std::move(removed), status::no_content);
}

Result<http::Response> list_role_users(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  return listing(service(d).users(role_id(c), search_of(c), *page),
                 [](const model::User& u) { return management::to_json(u); });
}

Result<http::Response> assign_role_users(const Deps& d, const Call& c) {
  auto ids = sole_ids(c.body, "userIds", true);
  if (!ids) return ids.error();
  return done(service(d).assign_users(role_id(c), *ids), status::created);
}

Result<http::Response> unassign_role_user(const Deps& d, const Call& c) {
  auto removed = service(d).unassign_user(role_id(c), std::string(c.param("userId")));
  return done(std::move(removed), status::no_content);
}

Result<http::Response> list_role_apps(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  return listing(service(d).applications(role_id(c), search_of(c), *page),
                 [](const model::Application& a) {
                   return management::to_json({a, {}});
                 });
}

Result<http::Response> assign_role_apps(const Deps& d, const Call& c) {
  auto ids = sole_ids(c.body, "applicationIds", true);
  if (!ids) return ids.error();
  return done(service(d).assign_applications(role_id(c), *ids), status::created);
}

Result<http::Response> unassign_role_app(const Deps& d, const Call& c) {
  auto removed = service(d).unassign_application(role_id(c), std::string(c.param("applicationId")));
  return done(std::move(removed), status::no_content);
}

}  // namespace

void ManagementApi::mount_roles(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/roles", "List roles with who holds them", list_roles},
      {post, "/roles", "Create a role", create_role},
      {get, "/roles/:id", "Get a role", get_role},
      {patch, "/roles/:id", "Update a role", update_role},
      {delete_, "/roles/:id", "Delete a role", delete_role},
      {get, "/roles/:id/scopes", "List a role's scopes", list_role_scopes},
      {post, "/roles/:id/scopes", "Add scopes to a role", add_role_scopes},
      {delete_, "/roles/:id/scopes/:scopeId", "Remove a scope from a role", remove_role_scope},
      {get, "/roles/:id/users", "List a role's users", list_role_users},
      {post, "/roles/:id/users", "Assign a role to users", assign_role_users},
      {delete_, "/roles/:id/users/:userId", "Remove a role from a user", unassign_role_user},
      {get, "/roles/:id/applications", "List a role's applications", list_role_apps},
      {post, "/roles/:id/applications", "Assign a role to applications", assign_role_apps},
      {delete_, "/roles/:id/applications/:applicationId", "Remove a role from an application",
       unassign_role_app},
  });
}

}  // namespace latch::management_api
