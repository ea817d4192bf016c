#include "management/consent_scope_service.hpp"
#include "management_api/management_api.hpp"

// /api/applications/:id/user-consent-scopes (Logto's application-user-consent-scope routes):
// what a third-party app may ask its users to consent to (management/consent_scope_service.hpp).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;
using storage::ConsentScopeType;

management::ConsentScopeService service(const Deps& d) { return {d.store, d.clock}; }
std::string app_id(const Call& c) { return std::string(c.param("id")); }

// Logto's four lists, each optional; absent = none.
Result<management::ConsentScopeIds> consent_ids(const json::object& body) {
  if (auto r = only_fields(body, {"organizationScopes", "resourceScopes",
                                  "organizationResourceScopes", "userScopes"});
      !r) {
    return r.error();
  }
  management::ConsentScopeIds ids;
  const std::pair<std::string_view, std::vector<std::string>*> lists[] = {
      {"organizationScopes", &ids.organization_scopes},
      {"resourceScopes", &ids.resource_scopes},
      {"organizationResourceScopes", &ids.organization_resource_scopes},
      {"userScopes", &ids.user_scopes}};
  for (const auto& [key, out] : lists) {
    auto list = strings_field(body, key);
    if (!list) return list.error();
    if (*list) *out = std::move(**list);
  }
  return ids;
}

Result<http::Response> assign_scopes(const Deps& d, const Call& c) {
  auto ids = consent_ids(c.body);
  if (!ids) return ids.error();
  if (auto r = service(d).assign(app_id(c), *ids); !r) return r.error();
  return http::empty_response(status::created);
}

Result<http::Response> list_scopes(const Deps& d, const Call& c) {
  auto scopes = service(d).get(app_id(c));
  if (!scopes) return scopes.error();
  return http::json_response(status::ok, management::to_json(*scopes));
}

Result<ConsentScopeType> scope_type(std::string_view name) {
  for (auto type : {ConsentScopeType::OrganizationScopes, ConsentScopeType::ResourceScopes,
                    ConsentScopeType::OrganizationResourceScopes, ConsentScopeType::UserScopes}) {
    if (storage::consent_scope_type_name(type) == name) return type;
  }
  return with_field(
      make_error(Errc::InvalidRequest, "unknown consent scope type " + std::string(name)),
      "scopeType");
}

Result<http::Response> delete_scope(const Deps& d, const Call& c) {
  auto type = scope_type(c.param("scopeType"));
  if (!type) return type.error();
  auto removed = service(d).remove(app_id(c), *type, std::string(c.param("scopeId")));
  if (!removed) return removed.error();
  return http::empty_response(status::no_content);
}

}  // namespace

void ManagementApi::mount_application_consent_scopes(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {post, "/applications/:id/user-consent-scopes",
       "Let a third-party application ask users for scopes", assign_scopes},
      {get, "/applications/:id/user-consent-scopes",
       "List the scopes a third-party application may ask users for", list_scopes},
      {delete_, "/applications/:id/user-consent-scopes/:scopeType/:scopeId",
       "Take a scope from what a third-party application may ask users for", delete_scope},
  });
}

}  // namespace latch::management_api
