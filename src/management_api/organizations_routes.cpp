#include <boost/json/serialize.hpp>

#include "management/organization_service.hpp"
#include "management_api/management_api.hpp"
#include "management_api/organization_kit.hpp"

// /api/organizations and the organizations of a user or an app (Logto's organization/index.ts,
// admin-user/organization.ts, applications/application-organization.ts; shapes in
// management/organization_service.hpp).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using namespace organization_kit;
using http::bhttp::status;
using Deps = ManagementApiDeps;

management::OrganizationService service(const Deps& d) { return {d.store, d.clock}; }
// The service for a change, whose webhook events name the request (`origin`, which must outlive
// it).
management::OrganizationService changing(const Deps& d, const management::HookOrigin& origin) {
  return {d.store, d.clock, &origin};
}

json::object organization_json(const model::Organization& o) { return management::to_json(o); }

// The body of POST and PATCH: Logto's Organizations columns.
Result<management::OrganizationFields> fields_of(const json::object& body) {
  if (auto r = only_fields(body, {"name", "description", "customData", "isMfaRequired", "color",
                                  "branding", "customCss"});
      !r) {
    return r.error();
  }
  auto name = string_field(body, "name");
  if (!name) return name.error();
  auto description = nullable_string(body, "description");
  if (!description) return description.error();
  auto custom_data = object_text(body, "customData");
  if (!custom_data) return custom_data.error();
  auto mfa = bool_field(body, "isMfaRequired");
  if (!mfa) return mfa.error();
  auto color = object_text(body, "color");
  if (!color) return color.error();
  auto branding = object_text(body, "branding");
  if (!branding) return branding.error();
  auto css = nullable_string(body, "customCss");
  if (!css) return css.error();
  return management::OrganizationFields{*name,  *description, *custom_data, *mfa,
                                        *color, *branding,    *css};
}

// Logto's yes(): "true", "1", "yes" or "y", any case.
bool yes(std::string_view text) {
  std::string lower;
  for (unsigned char c : text) lower.push_back(static_cast<char>(std::tolower(c)));
  return lower == "true" || lower == "1" || lower == "yes" || lower == "y";
}

Result<http::Response> list_organizations(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  management::OrganizationQuery query{search_of(c), yes(c.request.query.value("showFeatured"))};
  return listing(service(d).list(query, *page),
                 [](const management::OrganizationSummary& s) { return management::to_json(s); });
}

Result<http::Response> create_organization(const Deps& d, const Call& c) {
  auto fields = fields_of(c.body);
  if (!fields) return fields.error();
  auto origin = hook_origin(c, 201);
  return one(changing(d, origin).create(*fields), status::created, organization_json);
}

Result<http::Response> get_organization(const Deps& d, const Call& c) {
  return one(service(d).get(param(c, "id")), status::ok, organization_json);
}

Result<http::Response> update_organization(const Deps& d, const Call& c) {
  auto fields = fields_of(c.body);
  if (!fields) return fields.error();
  auto origin = hook_origin(c, 200);
  return one(changing(d, origin).update(param(c, "id"), *fields), status::ok, organization_json);
}

Result<http::Response> delete_organization(const Deps& d, const Call& c) {
  auto origin = hook_origin(c, 204);
  return done(changing(d, origin).remove(param(c, "id")), status::no_content);
}

// Not paginated, as Logto: it is what the ID token's organizations claim carries.
Result<http::Response> user_organizations(const Deps& d, const Call& c) {
  return array_of(service(d).memberships_of_user(param(c, "userId")),
                  [](const storage::Membership& m) { return management::to_json(m); });
}

Result<http::Response> app_organizations(const Deps& d, const Call& c) {
  auto page = optional_page(c);
  if (!page) return page.error();
  return listing(service(d).memberships_of_application(param(c, "id"), *page),
                 [](const storage::Membership& m) { return management::to_json(m); });
}

}  // namespace

void ManagementApi::mount_organizations(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/organizations", "List organizations", list_organizations},
      {post, "/organizations", "Create an organization", create_organization},
      {get, "/organizations/:id", "Get an organization", get_organization},
      {patch, "/organizations/:id", "Update an organization", update_organization},
      {delete_, "/organizations/:id", "Delete an organization", delete_organization},
      {get, "/users/:userId/organizations", "List a user's organizations with their roles",
       user_organizations},
      {get, "/applications/:id/organizations", "List an application's organizations",
       app_organizations},
  });
}

}  // namespace latch::management_api
