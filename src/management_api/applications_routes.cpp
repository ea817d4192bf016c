#include "management/application_service.hpp"
#include "management_api/management_api.hpp"

// /api/applications (Logto's shapes: management/application_service.hpp to_json).
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;

Result<http::Response> app_response(Result<management::ApplicationView> view) {
  if (!view) return view.error();
  return http::json_response(status::ok, management::to_json(*view));
}

// oidcClientMetadata {redirectUris, postLogoutRedirectUris}, customClientMetadata
// {corsAllowedOrigins}: the nested members both create and update take.
Result<void> read_metadata(const json::object& body, management::ApplicationPatch& patch) {
  auto oidc = object_field(body, "oidcClientMetadata");
  if (!oidc) return oidc.error();
  if (*oidc) {
    if (auto r = only_fields(**oidc, {"redirectUris", "postLogoutRedirectUris"}); !r) return r;
    auto redirects = strings_field(**oidc, "redirectUris");
    auto logouts = strings_field(**oidc, "postLogoutRedirectUris");
    if (!redirects) return redirects.error();
    if (!logouts) return logouts.error();
    patch.redirect_uris = *redirects;
    patch.post_logout_redirect_uris = *logouts;
  }
  auto custom = object_field(body, "customClientMetadata");
  if (!custom) return custom.error();
  if (*custom) {
    if (auto r = only_fields(**custom, {"corsAllowedOrigins"}); !r) return r;
    auto origins = strings_field(**custom, "corsAllowedOrigins");
    if (!origins) return origins.error();
    patch.cors_allowed_origins = *origins;
  }
  auto name = string_field(body, "name");
  auto description = nullable_string(body, "description");
  auto third = bool_field(body, "isThirdParty");
  if (!name) return name.error();
  if (!description) return description.error();
  if (!third) return third.error();
  patch.name = *name;
  if (*description) patch.description = (*description)->value_or("");
  patch.is_third_party = *third;
  return ok();
}

}  // namespace

void ManagementApi::mount_applications(Routes& r) {
  auto service = [this] {
    return management::ApplicationService(deps_.store, deps_.secrets, deps_.clock);
  };
  r.get("/applications", "List applications", ([service](const Call& c) -> Result<http::Response> {
          auto page = page_of(c.request);
          if (!page) return page.error();
          auto s = service();
          auto listed = s.list(*page);
          if (!listed) return listed.error();
          json::array items;
          for (auto& app : listed->apps) {
            items.push_back(management::to_json({std::move(app), std::nullopt}));
          }
          return page_response(std::move(items), listed->total);
        }));
  r.post("/applications", "Create an application",
         ([service](const Call& c) -> Result<http::Response> {
           if (auto r = only_fields(c.body, {"name", "description", "type", "oidcClientMetadata",
                                             "customClientMetadata", "isThirdParty"});
               !r) {
             return r.error();
           }
           management::ApplicationPatch patch;
           if (auto r = read_metadata(c.body, patch); !r) return r.error();
           auto type_text = string_field(c.body, "type");
           if (!type_text) return type_text.error();
           auto type = model::parse_app_type(type_text->value_or(""));
           if (!type) {
             return make_error(Errc::InvalidRequest,
                               "type must be Traditional, SPA, Native or MachineToMachine");
           }
           if (!patch.name) return make_error(Errc::InvalidRequest, "name is required");
           auto s = service();
           return app_response(
               s.create({.name = *patch.name,
                         .description = patch.description.value_or(""),
                         .type = *type,
                         .redirect_uris = patch.redirect_uris.value_or(std::vector<std::string>{}),
                         .post_logout_redirect_uris =
                             patch.post_logout_redirect_uris.value_or(std::vector<std::string>{}),
                         .cors_allowed_origins =
                             patch.cors_allowed_origins.value_or(std::vector<std::string>{}),
                         .is_third_party = patch.is_third_party.value_or(false)}));
         }));
  r.get("/applications/:id", "Get an application with its secret", ([service](const Call& c) {
          auto s = service();
          return app_response(s.get(std::string(c.param("id"))));
        }));
  r.patch("/applications/:id", "Update an application",
          ([service](const Call& c) -> Result<http::Response> {
            if (auto r = only_fields(c.body, {"name", "description", "oidcClientMetadata",
                                              "customClientMetadata", "isThirdParty"});
                !r) {
              return r.error();
            }
            management::ApplicationPatch patch;
            if (auto r = read_metadata(c.body, patch); !r) return r.error();
            auto s = service();
            return app_response(s.update(std::string(c.param("id")), patch));
          }));
  r.del("/applications/:id", "Delete an application",
        ([service](const Call& c) -> Result<http::Response> {
          auto s = service();
          if (auto r = s.remove(std::string(c.param("id"))); !r) return r.error();
          return http::empty_response(status::no_content);
        }));
  // Latch: a new App Secret (the console's "rotate"); the old one stops working at once.
  r.post("/applications/:id/secret/rotate", "Rotate an application's secret",
         ([service](const Call& c) {
           auto s = service();
           return app_response(s.rotate_secret(std::string(c.param("id"))));
         }));
}

}  // namespace latch::management_api
