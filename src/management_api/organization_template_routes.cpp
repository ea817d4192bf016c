#include "management/organization_template_service.hpp"
#include "management_api/management_api.hpp"
#include "management_api/organization_kit.hpp"

// The organization template: /api/organization-scopes and /api/organization-roles with the
// scopes each role holds (Logto's organization-scope/ and organization-role/ routes; shapes in
// management/organization_template_service.hpp).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using namespace organization_kit;
using http::bhttp::status;
using management::RoleGrant;
using Deps = ManagementApiDeps;

management::OrganizationTemplateService service(const Deps& d) { return {d.store, d.clock}; }
// The service for a change, whose webhook events name the request (`origin`, which must outlive
// it).
management::OrganizationTemplateService changing(const Deps& d,
                                                 const management::HookOrigin& origin) {
  return {d.store, d.clock, &origin};
}

json::object scope_json(const model::OrganizationScope& s) { return management::to_json(s); }
json::object role_json(const model::OrganizationRole& r) { return management::to_json(r); }

// {name?, description?} from a body holding only `allowed` members.
Result<management::TemplatePatch> patch_of(const json::object& body,
                                           std::initializer_list<std::string_view> allowed) {
  if (auto r = only_fields(body, allowed); !r) return r.error();
  auto name = string_field(body, "name");
  if (!name) return name.error();
  auto description = nullable_string(body, "description");
  if (!description) return description.error();
  return management::TemplatePatch{std::move(*name), std::move(*description)};
}

Result<http::Response> list_scopes(const Deps& d, const Call& c) {
  auto page = optional_page(c);
  if (!page) return page.error();
  return listing(service(d).scopes(search_of(c), *page), scope_json);
}

Result<http::Response> create_scope(const Deps& d, const Call& c) {
  auto patch = patch_of(c.body, {"name", "description"});
  if (!patch) return patch.error();
  management::NewOrganizationScope scope{patch->name.value_or(""),
                                         patch->description.value_or(std::nullopt)};
  auto origin = hook_origin(c, 201);
  return one(changing(d, origin).create_scope(scope), status::created, scope_json);
}

Result<http::Response> get_scope(const Deps& d, const Call& c) {
  return one(service(d).scope(param(c, "id")), status::ok, scope_json);
}

Result<http::Response> update_scope(const Deps& d, const Call& c) {
  auto patch = patch_of(c.body, {"name", "description"});
  if (!patch) return patch.error();
  auto origin = hook_origin(c, 200);
  return one(changing(d, origin).update_scope(param(c, "id"), *patch), status::ok, scope_json);
}

Result<http::Response> delete_scope(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 204);
  return done(changing(d, origin).remove_scope(param(c, "id")), status::no_content);
}

Result<http::Response> list_roles(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  return listing(service(d).roles(search_of(c), *page),
                 [](const management::OrganizationRoleView& v) { return management::to_json(v); });
}

Result<model::RoleType> type_of(const json::object& body) {
  auto text = string_field(body, "type");
  if (!text) return text.error();
  if (!*text) return model::RoleType::User;
  auto type = model::parse_role_type(**text);
  if (!type) {
    return with_field(make_error(Errc::InvalidRequest, "type must be User or MachineToMachine"),
                      "type");
  }
  return *type;
}

Result<http::Response> create_role(const Deps& d, const Call& c) {
  auto patch =
      patch_of(c.body, {"name", "description", "type", "organizationScopeIds", "resourceScopeIds"});
  if (!patch) return patch.error();
  auto type = type_of(c.body);
  if (!type) return type.error();
  auto scope_ids = ids_field(c.body, "organizationScopeIds", false);
  if (!scope_ids) return scope_ids.error();
  auto resource_scope_ids = ids_field(c.body, "resourceScopeIds", false);
  if (!resource_scope_ids) return resource_scope_ids.error();
  management::NewOrganizationRole role{
      .name = patch->name.value_or(""),
      .description = patch->description.value_or(std::nullopt),
      .type = *type,
      .scope_ids = scope_ids->value_or(std::vector<std::string>{}),
      .resource_scope_ids = resource_scope_ids->value_or(std::vector<std::string>{})};
  auto origin = hook_origin(c, 201);
  return one(changing(d, origin).create_role(role), status::created, role_json);
}

Result<http::Response> get_role(const Deps& d, const Call& c) {
  return one(service(d).role(param(c, "id")), status::ok, role_json);
}

Result<http::Response> update_role(const Deps& d, const Call& c) {
  auto patch = patch_of(c.body, {"name", "description"});
  if (!patch) return patch.error();
  auto origin = hook_origin(c, 200);
  return one(changing(d, origin).update_role(param(c, "id"), *patch), status::ok, role_json);
}

Result<http::Response> delete_role(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 204);
  return done(changing(d, origin).remove_role(param(c, "id")), status::no_content);
}

template <RoleGrant what>
Result<http::Response> list_grants(const Deps& d, const Call& c) {
  auto page = optional_page(c);
  if (!page) return page.error();
  if constexpr (what == RoleGrant::OrganizationScopes) {
    return listing(service(d).role_scopes(param(c, "id"), *page), scope_json);
  } else {
    return listing(service(d).role_resource_scopes(param(c, "id"), *page),
                   [](const model::Scope& s) { return management::to_json(s); });
  }
}

constexpr std::string_view ids_key(RoleGrant what) {
  return what == RoleGrant::OrganizationScopes ? "organizationScopeIds" : "scopeIds";
}

// POST {ids} adds (201), PUT {ids} replaces (204).
template <RoleGrant what, bool replace>
Result<http::Response> set_grants(const Deps& d, const Call& c) {
  auto ids = sole_ids(c.body, ids_key(what), !replace);
  if (!ids) return ids.error();
  auto origin = hook_origin(c, replace ? 204 : 201);
  auto set = changing(d, origin).grant(param(c, "id"), what, *ids, replace);
  return done(std::move(set), replace ? status::no_content : status::created);
}

template <RoleGrant what>
Result<http::Response> remove_grant(const Deps& d, const Call& c) {
  std::string scope_id =
      param(c, what == RoleGrant::OrganizationScopes ? "organizationScopeId" : "scopeId");
  auto origin = hook_origin(c, 204);
  return done(changing(d, origin).revoke(param(c, "id"), what, scope_id), status::no_content);
}

constexpr RoleGrant kScopes = RoleGrant::OrganizationScopes;
constexpr RoleGrant kResource = RoleGrant::ResourceScopes;

}  // namespace

void ManagementApi::mount_organization_template(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/organization-scopes", "List organization scopes", list_scopes},
      {post, "/organization-scopes", "Create an organization scope", create_scope},
      {get, "/organization-scopes/:id", "Get an organization scope", get_scope},
      {patch, "/organization-scopes/:id", "Update an organization scope", update_scope},
      {delete_, "/organization-scopes/:id", "Delete an organization scope", delete_scope},
      {get, "/organization-roles", "List organization roles with their scopes", list_roles},
      {post, "/organization-roles", "Create an organization role", create_role},
      {get, "/organization-roles/:id", "Get an organization role", get_role},
      {patch, "/organization-roles/:id", "Update an organization role", update_role},
      {delete_, "/organization-roles/:id", "Delete an organization role", delete_role},
      {get, "/organization-roles/:id/scopes", "List a role's organization scopes",
       list_grants<kScopes>},
      {post, "/organization-roles/:id/scopes", "Add organization scopes to a role",
       set_grants<kScopes, false>},
      {put, "/organization-roles/:id/scopes", "Replace a role's organization scopes",
       set_grants<kScopes, true>},
      {delete_, "/organization-roles/:id/scopes/:organizationScopeId",
       "Remove an organization scope from a role", remove_grant<kScopes>},
      {get, "/organization-roles/:id/resource-scopes", "List a role's API resource scopes",
       list_grants<kResource>},
      {post, "/organization-roles/:id/resource-scopes", "Add API resource scopes to a role",
       set_grants<kResource, false>},
      {put, "/organization-roles/:id/resource-scopes", "Replace a role's API resource scopes",
       set_grants<kResource, true>},
      {delete_, "/organization-roles/:id/resource-scopes/:scopeId",
       "Remove an API resource scope from a role", remove_grant<kResource>},
  });
}

}  // namespace latch::management_api
