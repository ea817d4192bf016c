#include "management/resource_service.hpp"
#include "management/role_service.hpp"
#include "management_api/management_api.hpp"

// /api/resources and their scopes (Logto's shapes: management/resource_service.hpp to_json).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;

Result<http::Response> resource_response(Result<model::Resource> resource) {
  if (!resource) return resource.error();
  return http::json_response(status::ok, management::to_json(*resource));
}

json::object scope_json(const model::Scope& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"description", s.description},
          {"resourceId", s.resource_id},
          {"createdAt", s.created_at}};
}

Result<std::optional<std::int64_t>> ttl_of(const json::object& body) {
  const auto* v = body.if_contains("accessTokenTtl");
  if (!v) return std::optional<std::int64_t>();
  if (!v->is_int64()) return make_error(Errc::InvalidRequest, "accessTokenTtl must be an integer");
  return std::optional<std::int64_t>(v->as_int64());
}

using Deps = ManagementApiDeps;

management::ResourceService service(const Deps& d) { return {d.store, d.clock}; }
// The service for a change, whose webhook events name the request (`origin`, which must outlive
// it).
management::ResourceService changing(const Deps& d, const management::HookOrigin& origin) {
  return {d.store, d.clock, &origin};
}
std::string resource_id(const Call& c) { return std::string(c.param("resourceId")); }

// The resource the path names, or NotFound; find() also answers to an indicator, which the
// path must not.
Result<model::Resource> resource_of(const Deps& d, const Call& c) {
  auto found = service(d).find(resource_id(c));
  if (!found || found->id != resource_id(c)) {
    return keyed_error(Errc::NotFound, "entity.not_found", "no resource " + resource_id(c));
  }
  return found;
}

Result<http::Response> list_resources(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  auto all = service(d).list();
  if (!all) return all.error();
  json::array items;
  auto first = static_cast<std::size_t>(page->page - 1) * page->page_size;
  for (std::size_t i = first; i < all->size() && items.size() < std::size_t(page->page_size); ++i) {
    items.push_back(management::to_json((*all)[i]));
  }
  return page_response(std::move(items), static_cast<std::int64_t>(all->size()));
}

Result<http::Response> create_resource(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name", "indicator", "accessTokenTtl", "customData"}); !r) {
    return r.error();
  }
  auto name = string_field(c.body, "name");
  auto indicator = string_field(c.body, "indicator");
  auto ttl = ttl_of(c.body);
  auto custom_data = object_text(c.body, "customData");
  if (!name) return name.error();
  if (!indicator) return indicator.error();
  if (!ttl) return ttl.error();
  if (!custom_data) return custom_data.error();
  return resource_response(service(d).create({.name = name->value_or(""),
                                              .indicator = indicator->value_or(""),
                                              .access_token_ttl = ttl->value_or(3600),
                                              .custom_data = custom_data->value_or("{}")}));
}

Result<http::Response> get_resource(const Deps& d, const Call& c) {
  return resource_response(resource_of(d, c));
}

Result<http::Response> update_resource(const Deps& d, const Call& c) {
  // An indicator cannot change (tokens and clients name the API by it); as Logto, one sent
  // along is ignored rather than refused.
  if (auto r =
          only_fields(c.body, {"name", "indicator", "accessTokenTtl", "isDefault", "customData"});
      !r) {
    return r.error();
  }
  auto name = string_field(c.body, "name");
  auto ttl = ttl_of(c.body);
  auto is_default = bool_field(c.body, "isDefault");
  auto custom_data = object_text(c.body, "customData");
  if (!name) return name.error();
  if (!ttl) return ttl.error();
  if (!is_default) return is_default.error();
  if (!custom_data) return custom_data.error();
  return resource_response(
      service(d).update(resource_id(c), {*name, *ttl, *is_default, *custom_data}));
}

Result<http::Response> delete_resource(const Deps& d, const Call& c) {
  if (auto r = service(d).remove(resource_id(c)); !r) return r.error();
  return http::empty_response(status::no_content);
}

Result<http::Response> list_scopes(const Deps& d, const Call& c) {
  auto found = resource_of(d, c);
  if (!found) return found.error();
  json::array items;
  for (const auto& scope : found->scopes) items.push_back(scope_json(scope));
  return page_response(std::move(items), static_cast<std::int64_t>(found->scopes.size()));
}

Result<http::Response> create_scope(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name", "description"}); !r) return r.error();
  auto name = string_field(c.body, "name");
  auto description = string_field(c.body, "description");
  if (!name) return name.error();
  if (!description) return description.error();
  auto origin = hook_origin(c, 201);
  auto scope =
      changing(d, origin).add_scope(resource_id(c), name->value_or(""), description->value_or(""));
  if (!scope) return scope.error();
  return http::json_response(status::created, scope_json(*scope));
}

Result<http::Response> delete_scope(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 204);
  if (auto r = changing(d, origin).remove_scope(resource_id(c), std::string(c.param("scopeId")));
      !r) {
    return r.error();
  }
  return http::empty_response(status::no_content);
}

// Logto's PATCH /resources/:id/is-default {isDefault}: at most one resource is the default.
Result<http::Response> set_default(const Deps& d, const Call& c) {
  auto is_default = sole_bool(c.body, "isDefault");
  if (!is_default) return is_default.error();
  return resource_response(service(d).set_default(resource_id(c), *is_default));
}

Result<http::Response> update_scope(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"name", "description"}); !r) return r.error();
  auto name = string_field(c.body, "name");
  auto description = string_field(c.body, "description");
  if (!name) return name.error();
  if (!description) return description.error();
  auto origin = hook_origin(c, 200);
  auto scope = changing(d, origin).update_scope(resource_id(c), std::string(c.param("scopeId")),
                                                {*name, *description});
  if (!scope) return scope.error();
  return http::json_response(status::ok, scope_json(*scope));
}

// Latch: for each scope of the resource, the roles holding it (the console's "used by" column):
// [{scopeId, roles: [{id, name, type}]}], in the resource's scope order.
Result<http::Response> scope_roles(const Deps& d, const Call& c) {
  management::RoleService roles(d.store, d.clock);
  auto listed = roles.scope_roles(resource_id(c));
  if (!listed) return listed.error();
  json::array out;
  for (const auto& [scope, holders] : *listed) {
    json::array items;
    for (const auto& r : holders) {
      items.push_back({{"id", r.id}, {"name", r.name}, {"type", model::role_type_name(r.type)}});
    }
    out.push_back({{"scopeId", scope.id}, {"roles", std::move(items)}});
  }
  http::Response res = http::json_response(status::ok, out);
  http::set_no_store(res);
  return res;
}

}  // namespace

void ManagementApi::mount_resources(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/resources", "List API resources", list_resources},
      {post, "/resources", "Create an API resource", create_resource},
      {get, "/resources/:resourceId", "Get an API resource", get_resource},
      {patch, "/resources/:resourceId", "Update an API resource", update_resource},
      {delete_, "/resources/:resourceId", "Delete an API resource", delete_resource},
      {get, "/resources/:resourceId/scopes", "List a resource's scopes", list_scopes},
      {post, "/resources/:resourceId/scopes", "Create a scope", create_scope},
      {patch, "/resources/:resourceId/is-default", "Make an API resource the default, or not",
       set_default},
      {patch, "/resources/:resourceId/scopes/:scopeId", "Update a scope", update_scope},
      {delete_, "/resources/:resourceId/scopes/:scopeId", "Delete a scope", delete_scope},
      {get, "/resources/:resourceId/scope-roles", "The roles holding each scope of a resource",
       scope_roles},
  });
}

}  // namespace latch::management_api
