#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cctype>

#include "core/json.hpp"
#include "management/application_service.hpp"
#include "management_api/custom_client_metadata.hpp"
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

// oidcClientMetadata's client authentication members (Latch's; RFC 7591 §2 names):
// tokenEndpointAuthMethod, jwks (a JWK Set object, or null to remove it) and jwksUri (a URL, or
// null to remove it). model::check_client_auth judges the values.
Result<void> read_client_auth(const json::object& oidc, management::ApplicationPatch& patch) {
  constexpr std::string_view kOidc = "oidcClientMetadata";
  auto method = string_field(oidc, "tokenEndpointAuthMethod");
  auto uri = nullable_string(oidc, "jwksUri");
  if (!method) return with_field(method.error(), std::string(kOidc) + ".tokenEndpointAuthMethod");
  if (!uri) return with_field(uri.error(), std::string(kOidc) + ".jwksUri");
  if (*method) patch.token_endpoint_auth_method = **method;
  if (*uri) patch.jwks_uri = (*uri)->value_or("");
  if (const auto* jwks = oidc.if_contains("jwks")) {
    if (!jwks->is_object() && !jwks->is_null()) {
      return with_field(make_error(Errc::InvalidRequest, "jwks must be a JWK Set object or null"),
                        std::string(kOidc) + ".jwks");
    }
    patch.jwks_json = jwks->is_null() ? std::string() : json::serialize(*jwks);
  }
  return ok();
}

// oidcClientMetadata's back-channel logout members (Logto's names): backchannelLogoutUri (a URL,
// or null to remove it) and backchannelLogoutSessionRequired.
Result<void> read_backchannel_logout(const json::object& oidc,
                                     management::ApplicationPatch& patch) {
  constexpr std::string_view kOidc = "oidcClientMetadata";
  auto uri = nullable_string(oidc, "backchannelLogoutUri");
  if (!uri) return with_field(uri.error(), std::string(kOidc) + ".backchannelLogoutUri");
  if (*uri) patch.backchannel_logout_uri = (*uri)->value_or("");
  auto required = bool_field(oidc, "backchannelLogoutSessionRequired");
  if (!required) {
    return with_field(required.error(), std::string(kOidc) + ".backchannelLogoutSessionRequired");
  }
  patch.backchannel_logout_session_required = *required;
  return ok();
}

// oidcClientMetadata {redirectUris, postLogoutRedirectUris, and the members read_client_auth
// reads}, customClientMetadata (read_custom_client_metadata): the nested members both create and
// update take.
Result<void> read_metadata(const json::object& body, management::ApplicationPatch& patch) {
  auto oidc = object_field(body, "oidcClientMetadata");
  if (!oidc) return oidc.error();
  if (*oidc) {
    constexpr std::string_view kOidc = "oidcClientMetadata";
    if (auto r = only_fields(**oidc,
                             {"redirectUris", "postLogoutRedirectUris", "tokenEndpointAuthMethod",
                              "jwks", "jwksUri", "requirePushedAuthorizationRequests",
                              "backchannelLogoutUri", "backchannelLogoutSessionRequired"},
                             kOidc);
        !r) {
      return r;
    }
    if (auto r = read_client_auth(**oidc, patch); !r) return r;
    // RFC 9126 §6 require_pushed_authorization_requests.
    auto par = bool_field(**oidc, "requirePushedAuthorizationRequests");
    if (!par)
      return with_field(par.error(), "oidcClientMetadata.requirePushedAuthorizationRequests");
    patch.require_pushed_authorization_requests = *par;
    if (auto r = read_backchannel_logout(**oidc, patch); !r) return r;
    auto redirects = strings_field(**oidc, "redirectUris", kOidc);
    auto logouts = strings_field(**oidc, "postLogoutRedirectUris", kOidc);
    if (!redirects) return redirects.error();
    if (!logouts) return logouts.error();
    patch.redirect_uris = *redirects;
    patch.post_logout_redirect_uris = *logouts;
  }
  auto custom = object_field(body, "customClientMetadata");
  if (!custom) return custom.error();
  if (*custom) {
    if (auto r = read_custom_client_metadata(**custom, patch); !r) return r;
  }
  auto name = string_field(body, "name");
  auto description = nullable_string(body, "description");
  auto third = bool_field(body, "isThirdParty");
  auto custom_data = object_text(body, "customData");
  if (!custom_data) return custom_data.error();
  patch.custom_data = *custom_data;
  if (!name) return name.error();
  if (!description) return description.error();
  if (!third) return third.error();
  patch.name = *name;
  if (*description) patch.description = (*description)->value_or("");
  patch.is_third_party = *third;
  return ok();
}

using Deps = ManagementApiDeps;

management::ApplicationService service(const Deps& d) { return {d.store, d.secrets, d.clock}; }
std::string app_id(const Call& c) { return std::string(c.param("id")); }

// Logto's isThirdParty query: "true" or "false"; nullopt when absent.
Result<std::optional<bool>> third_party_filter(const Call& c) {
  if (c.request.query.count("isThirdParty") == 0) return std::optional<bool>();
  std::string_view value = c.request.query.value("isThirdParty");
  if (value != "true" && value != "false") {
    return with_field(make_error(Errc::InvalidRequest, "isThirdParty must be true or false"),
                      "isThirdParty");
  }
  return std::optional<bool>(value == "true");
}

// Logto's search value as SQL's ILIKE reads it: "%" matches any run of characters; a value
// without one matches anywhere (Logto wraps it in "%"). ASCII case is ignored.
bool like_folded(std::string_view text, std::string_view pattern) {
  auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  if (pattern.find('%') == std::string_view::npos) {
    return std::search(text.begin(), text.end(), pattern.begin(), pattern.end(), same) !=
           text.end();
  }
  // Greedy wildcard matching with backtracking to the last "%".
  std::size_t t = 0, p = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && same(pattern[p], text[t])) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

// Logto's filters: ?types= (repeated; Latch has no Protected type, so it matches nothing),
// ?isThirdParty=, ?search= (like_folded over the id, name or description).
struct AppFilter {
  std::vector<model::AppType> types;
  bool by_type = false;
  std::optional<bool> third_party;
  std::string search;

  bool matches(const model::Application& app) const {
    if (by_type && std::find(types.begin(), types.end(), app.type) == types.end()) return false;
    if (third_party && app.is_third_party != *third_party) return false;
    return search.empty() || like_folded(app.id, search) || like_folded(app.name, search) ||
           like_folded(app.description, search);
  }
};

// The apps `filter` keeps, newest first, paged in memory.
Result<http::Response> list_filtered(const Deps& d, const AppFilter& filter, storage::Page page) {
  auto all = service(d).list();
  if (!all) return all.error();
  json::array items;
  std::int64_t total = 0, first = std::int64_t{page.page - 1} * page.page_size;
  for (auto& app : *all) {
    if (!filter.matches(app)) continue;
    if (total >= first && total < first + page.page_size) {
      items.push_back(management::to_json({std::move(app), {}}));
    }
    ++total;
  }
  return page_response(std::move(items), total);
}

Result<http::Response> list_apps(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  auto third_party = third_party_filter(c);
  if (!third_party) return third_party.error();
  // Logto's excludeRoleId: the machine-to-machine apps a role can still be given to, with
  // `search` over the id and name.
  std::string exclude_role(c.request.query.value("excludeRoleId"));
  if (!exclude_role.empty()) {
    auto listed = service(d).list_without_role(exclude_role,
                                               std::string(c.request.query.value("search")), *page);
    if (!listed) return listed.error();
    json::array items;
    for (auto& app : listed->apps) items.push_back(management::to_json({std::move(app), {}}));
    return page_response(std::move(items), listed->total);
  }
  AppFilter filter{.by_type = c.request.query.count("types") > 0,
                   .third_party = *third_party,
                   .search = std::string(c.request.query.value("search"))};
  for (std::string_view name : c.request.query.all("types")) {
    if (auto type = model::parse_app_type(name)) filter.types.push_back(*type);
  }
  if (filter.by_type || filter.third_party || !filter.search.empty()) {
    return list_filtered(d, filter, *page);
  }
  auto listed = service(d).list(*page);
  if (!listed) return listed.error();
  json::array items;
  for (auto& app : listed->apps) items.push_back(management::to_json({std::move(app), {}}));
  return page_response(std::move(items), listed->total);
}

Result<http::Response> create_app(const Deps& d, const Call& c) {
  if (auto r = only_fields(
          c.body, {"name", "description", "type", "oidcClientMetadata", "customClientMetadata",
                   "isThirdParty", "customData", "protectedAppMetadata"});
      !r) {
    return r.error();
  }
  management::ApplicationPatch patch;
  if (auto r = read_metadata(c.body, patch); !r) return r.error();
  auto type_text = string_field(c.body, "type");
  if (!type_text) return type_text.error();
  // Logto's protected apps (its Cloud's reverse proxy) need their metadata; Latch has none.
  if (type_text->value_or("") == "Protected" && !c.body.contains("protectedAppMetadata")) {
    return keyed_error(Errc::InvalidRequest, "application.protected_app_metadata_is_required");
  }
  auto type = model::parse_app_type(type_text->value_or(""));
  if (!type) {
    return make_error(Errc::InvalidRequest,
                      "type must be Traditional, SPA, Native or MachineToMachine");
  }
  if (!patch.name) return make_error(Errc::InvalidRequest, "name is required");
  using Uris = std::vector<std::string>;
  return app_response(service(d).create(
      {.name = *patch.name,
       .description = patch.description.value_or(""),
       .type = *type,
       .redirect_uris = patch.redirect_uris.value_or(Uris{}),
       .post_logout_redirect_uris = patch.post_logout_redirect_uris.value_or(Uris{}),
       .cors_allowed_origins = patch.cors_allowed_origins.value_or(Uris{}),
       .is_third_party = patch.is_third_party.value_or(false),
       .token_endpoint_auth_method = patch.token_endpoint_auth_method.value_or(""),
       .jwks_json = patch.jwks_json.value_or(""),
       .jwks_uri = patch.jwks_uri.value_or(""),
       .is_device_flow = patch.is_device_flow.value_or(false),
       .require_pushed_authorization_requests =
           patch.require_pushed_authorization_requests.value_or(false),
       .allow_token_exchange = patch.allow_token_exchange.value_or(false),
       .backchannel_logout_uri = patch.backchannel_logout_uri.value_or(""),
       .backchannel_logout_session_required =
           patch.backchannel_logout_session_required.value_or(false),
       .custom_data = patch.custom_data.value_or("{}"),
       .custom_client_metadata = patch.custom_client_metadata.value_or("{}"),
       .token_settings = patch.token_settings.value_or(model::ClientTokenSettings{})}));
}

// Logto's GET answer adds isAdmin: whether the app holds the management role.
Result<http::Response> get_app(const Deps& d, const Call& c) {
  auto view = service(d).get(app_id(c));
  if (!view) return view.error();
  auto admin = service(d).has_management_access(view->app.id);
  if (!admin) return admin.error();
  json::object out = management::to_json(*view);
  out["isAdmin"] = *admin;
  return http::json_response(status::ok, out);
}

// Logto's isAdmin member gives or takes away the management role, after the other members.
Result<http::Response> update_app(const Deps& d, const Call& c) {
  if (auto r =
          only_fields(c.body, {"name", "description", "oidcClientMetadata", "customClientMetadata",
                               "isThirdParty", "customData", "isAdmin"});
      !r) {
    return r.error();
  }
  management::ApplicationPatch patch;
  if (auto r = read_metadata(c.body, patch); !r) return r.error();
  auto admin = bool_field(c.body, "isAdmin");
  if (!admin) return admin.error();
  auto view = service(d).update(app_id(c), patch);
  if (!view) return view.error();
  if (*admin) {
    if (auto r = service(d).set_management_access(view->app.id, **admin); !r) return r.error();
  }
  return app_response(std::move(view));
}

Result<http::Response> delete_app(const Deps& d, const Call& c) {
  if (auto r = service(d).remove(app_id(c)); !r) return r.error();
  return http::empty_response(status::no_content);
}

// Logto's PATCH /applications/:id/custom-data: the body (a JSON object) replaces customData;
// the answer is the stored object.
Result<http::Response> update_custom_data(const Deps& d, const Call& c) {
  management::ApplicationPatch patch;
  patch.custom_data = json::serialize(c.body);
  auto view = service(d).update(app_id(c), patch);
  if (!view) return view.error();
  return http::json_response(status::ok, json_object_or_empty(view->app.custom_data_json));
}

}  // namespace

void ManagementApi::mount_applications(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/applications", "List applications", list_apps},
      {post, "/applications", "Create an application", create_app},
      {get, "/applications/:id", "Get an application", get_app},
      {patch, "/applications/:id", "Update an application", update_app},
      {delete_, "/applications/:id", "Delete an application", delete_app},
      {patch, "/applications/:id/custom-data", "Update an application's custom data",
       update_custom_data},
  });
}

}  // namespace latch::management_api
