#include "management/resource_service.hpp"
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

}  // namespace

void ManagementApi::mount_resources(Routes& r) {
  auto service = [this] { return management::ResourceService(deps_.store, deps_.clock); };
  auto id_of = [](const Call& c) { return std::string(c.param("resourceId")); };

  r.get("/resources", "List API resources", ([service](const Call& c) -> Result<http::Response> {
          auto page = page_of(c.request);
          if (!page) return page.error();
          auto s = service();
          auto all = s.list();
          if (!all) return all.error();
          json::array items;
          auto first = static_cast<std::size_t>(page->page - 1) * page->page_size;
          for (std::size_t i = first;
               i < all->size() && items.size() < std::size_t(page->page_size); ++i) {
            items.push_back(management::to_json((*all)[i]));
          }
          return page_response(std::move(items), static_cast<std::int64_t>(all->size()));
        }));
  r.post("/resources", "Create an API resource",
         ([service](const Call& c) -> Result<http::Response> {
           if (auto r = only_fields(c.body, {"name", "indicator", "accessTokenTtl"}); !r) {
             return r.error();
           }
           auto name = string_field(c.body, "name");
           auto indicator = string_field(c.body, "indicator");
           auto ttl = ttl_of(c.body);
           if (!name) return name.error();
           if (!indicator) return indicator.error();
           if (!ttl) return ttl.error();
           auto s = service();
           return resource_response(s.create({.name = name->value_or(""),
                                              .indicator = indicator->value_or(""),
                                              .access_token_ttl = ttl->value_or(3600)}));
         }));
  r.get("/resources/:resourceId", "Get an API resource",
        ([service, id_of](const Call& c) -> Result<http::Response> {
          auto s = service();
          auto found = s.find(id_of(c));
          if (!found || found->id != id_of(c)) {
            return keyed_error(Errc::NotFound, "entity.not_found", "no resource " + id_of(c));
          }
          return resource_response(std::move(found));
        }));
  r.patch("/resources/:resourceId", "Update an API resource",
          ([service, id_of](const Call& c) -> Result<http::Response> {
            if (auto r = only_fields(c.body, {"name", "accessTokenTtl", "isDefault"}); !r) {
              return r.error();
            }
            auto name = string_field(c.body, "name");
            auto ttl = ttl_of(c.body);
            auto is_default = bool_field(c.body, "isDefault");
            if (!name) return name.error();
            if (!ttl) return ttl.error();
            if (!is_default) return is_default.error();
            auto s = service();
            return resource_response(s.update(id_of(c), {*name, *ttl, *is_default}));
          }));
  r.del("/resources/:resourceId", "Delete an API resource",
        ([service, id_of](const Call& c) -> Result<http::Response> {
          auto s = service();
          if (auto r = s.remove(id_of(c)); !r) return r.error();
          return http::empty_response(status::no_content);
        }));
  r.get("/resources/:resourceId/scopes", "List a resource's scopes",
        ([service, id_of](const Call& c) -> Result<http::Response> {
          auto s = service();
          auto found = s.find(id_of(c));
          if (!found || found->id != id_of(c)) {
            return keyed_error(Errc::NotFound, "entity.not_found", "no resource " + id_of(c));
          }
          json::array items;
          for (const auto& scope : found->scopes) items.push_back(scope_json(scope));
          return page_response(std::move(items), static_cast<std::int64_t>(found->scopes.size()));
        }));
  r.post("/resources/:resourceId/scopes", "Create a scope",
         ([service, id_of](const Call& c) -> Result<http::Response> {
           if (auto r = only_fields(c.body, {"name", "description"}); !r) return r.error();
           auto name = string_field(c.body, "name");
           auto description = string_field(c.body, "description");
           if (!name) return name.error();
           if (!description) return description.error();
           auto s = service();
           auto scope = s.add_scope(id_of(c), name->value_or(""), description->value_or(""));
           if (!scope) return scope.error();
           return http::json_response(status::created, scope_json(*scope));
         }));
  r.del("/resources/:resourceId/scopes/:scopeId", "Delete a scope",
        ([service, id_of](const Call& c) -> Result<http::Response> {
          auto s = service();
          if (auto r = s.remove_scope(id_of(c), std::string(c.param("scopeId"))); !r) {
            return r.error();
          }
          return http::empty_response(status::no_content);
        }));
}

}  // namespace latch::management_api
