#include "management/application_service.hpp"

#include <algorithm>

#include <boost/json/array.hpp>

#include "core/json.hpp"
#include "crypto/random.hpp"
#include "management/application_secret_service.hpp"

namespace latch::management {
namespace {

boost::json::array to_array(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

Result<void> validate(const NewApplication& request) {
  if (request.name.empty() || request.name.size() > 256) {
    return make_error(Errc::InvalidRequest, "name must be 1 to 256 characters");
  }
  for (const auto& uri : request.redirect_uris) {
    if (auto r = model::check_redirect_uri(request.type, uri, "redirect URI"); !r) return r;
  }
  for (const auto& uri : request.post_logout_redirect_uris) {
    auto r = model::check_redirect_uri(request.type, uri, "post sign-out redirect URI");
    if (!r) return r;
  }
  for (const auto& origin : request.cors_allowed_origins) {
    if (auto r = model::check_cors_origin(origin); !r) return r;
  }
  // Logto's 400: only apps a person signs in to can be third-party apps.
  if (request.is_third_party && request.type != model::AppType::Traditional &&
      request.type != model::AppType::Spa && request.type != model::AppType::Native) {
    return keyed_error(Errc::InvalidRequest, "application.invalid_third_party_application_type");
  }
  // Logto's 422: the device authorization grant is for apps without a browser, native ones.
  if (request.is_device_flow && request.type != model::AppType::Native) {
    return with_field(keyed_error(Errc::Conflict, "application.device_flow_native_only"),
                      "customClientMetadata.isDeviceFlow");
  }
  // Logto's 422: a third-party app holds only what a user consented to, and an exchange would
  // turn that into the user's first-party authorization.
  if (request.allow_token_exchange && request.is_third_party) {
    return with_field(
        keyed_error(Errc::Conflict,
                    "application.third_party_application_cannot_enable_token_exchange"),
        "customClientMetadata.allowTokenExchange");
  }
  if (auto r = model::check_backchannel_logout_uri(request.backchannel_logout_uri); !r) return r;
  model::Application auth{.type = request.type,
                          .token_endpoint_auth_method = request.token_endpoint_auth_method,
                          .jwks_json = request.jwks_json,
                          .jwks_uri = request.jwks_uri};
  return model::check_client_auth(auth);
}

// The fields an operator sets, on create and update alike (the type is set once).
void assign(model::Application& app, const NewApplication& r) {
  app.name = r.name;
  app.description = r.description;
  app.redirect_uris = r.redirect_uris;
  app.post_logout_redirect_uris = r.post_logout_redirect_uris;
  app.cors_allowed_origins = r.cors_allowed_origins;
  app.is_third_party = r.is_third_party;
  app.token_endpoint_auth_method = r.token_endpoint_auth_method;
  app.jwks_json = r.jwks_json;
  app.jwks_uri = r.jwks_uri;
  app.require_pushed_authorization_requests = r.require_pushed_authorization_requests;
  app.allow_token_exchange = r.allow_token_exchange;
  app.backchannel_logout_uri = r.backchannel_logout_uri;
  app.backchannel_logout_session_required = r.backchannel_logout_session_required;
  app.custom_data_json = r.custom_data;
  app.custom_client_metadata_json = r.custom_client_metadata;
  app.token_settings = r.token_settings;
}

// customClientMetadata as it was given, with what the app's columns hold and the object does
// not say (an app made by the CLI or an import, or before the object was kept).
boost::json::object custom_client_metadata(const model::Application& app) {
  auto stored = parse_json(app.custom_client_metadata_json);
  boost::json::object out =
      stored && stored->is_object() ? stored->as_object() : boost::json::object{};
  if (!app.cors_allowed_origins.empty())
    out["corsAllowedOrigins"] = to_array(app.cors_allowed_origins);
  if (app.is_device_flow) out["isDeviceFlow"] = true;
  if (app.allow_token_exchange) out["allowTokenExchange"] = true;
  return out;
}

}  // namespace

Result<ImportedApplication> imported_application(const NewApplication& request, std::string id,
                                                 const std::optional<std::string>& secret,
                                                 const crypto::SecretBox& secrets,
                                                 std::int64_t created_at) {
  if (request.type == model::AppType::Saml) return use_saml_app_api();
  if (auto r = validate(request); !r) return r.error();
  ImportedApplication out;
  model::Application& app = out.app;
  app.id = std::move(id);
  app.type = request.type;
  assign(app, request);
  app.is_device_flow = request.is_device_flow;
  app.created_at = created_at;
  if (model::holds_secrets(app.type)) {
    out.secret = make_secret(secrets, app.id, std::string(model::kDefaultSecretName), created_at,
                             std::nullopt, secret.value_or(crypto::random_alnum(32)))
                     .secret;
  }
  return out;
}

Result<ApplicationView> ApplicationService::create(const NewApplication& request) {
  if (request.type == model::AppType::Saml) return use_saml_app_api();
  if (auto r = validate(request); !r) return r.error();
  ApplicationView view;
  model::Application& app = view.app;
  app.id = crypto::random_id(21);
  app.type = request.type;
  assign(app, request);
  app.is_device_flow = request.is_device_flow;
  app.created_at = clock_.now_millis();
  std::optional<SecretView> secret;
  if (model::holds_secrets(app.type)) {  // Logto's first secret, "Default secret"
    secret = make_secret(secrets_, app.id, std::string(model::kDefaultSecretName), app.created_at);
    view.secret = secret->value;
  }
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = tx.applications().insert(app); !r) return r;
    if (!secret) return ok();
    return tx.application_secrets().insert(secret->secret);
  });
  if (!done) return done.error();
  return view;
}

Result<ApplicationView> ApplicationService::get(const std::string& id) {
  std::optional<ApplicationView> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto app = tx.applications().find(id);
    if (!app) return app.error();
    if (!*app) return keyed_error(Errc::NotFound, "entity.not_found", "no application " + id);
    auto secret = active_secret(tx, secrets_, id, clock_.now_millis());
    if (!secret) return secret.error();
    found = ApplicationView{std::move(**app), std::move(*secret)};
    return ok();
  });
  if (!done) return done.error();
  return std::move(*found);
}

Result<std::vector<model::Application>> ApplicationService::list() {
  std::vector<model::Application> apps;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto all = tx.applications().list_all();
    if (!all) return all.error();
    apps = std::move(*all);
    return ok();
  });
  if (!done) return done.error();
  return apps;
}

Result<ApplicationPage> ApplicationService::list_without_role(const std::string& role_id,
                                                              const std::string& search,
                                                              storage::Page page) {
  ApplicationPage out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto apps = tx.roles().applications_without(role_id, search, page);
    if (!apps) return apps.error();
    auto total = tx.roles().count_applications_without(role_id, search);
    if (!total) return total.error();
    out.apps = std::move(*apps);
    out.total = *total;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<ApplicationPage> ApplicationService::list(storage::Page page) {
  ApplicationPage out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto apps = tx.applications().list(page);
    if (!apps) return apps.error();
    auto total = tx.applications().count();
    if (!total) return total.error();
    out.apps = std::move(*apps);
    out.total = *total;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

namespace {

// A SAML app changes only through /api/saml-applications (Logto's rule).
Result<void> refuse_saml(const model::Application& app) {
  if (app.type == model::AppType::Saml) return use_saml_app_api();
  return ok();
}

Result<void> refuse_console(const std::string& id) {
  // Logto keeps its demo app out of the applications table: only GET finds it.
  if (id == model::kDemoAppId) {
    return keyed_error(Errc::NotFound, "entity.not_found", "no application " + id);
  }
  if (id != kConsoleAppId && id != model::kAccountAppId) return ok();
  return make_error(Errc::InvalidRequest,
                    "Latch's own applications (console, account page) are managed by Latch and "
                    "cannot be changed");
}

}  // namespace

Result<ApplicationView> ApplicationService::update(const std::string& id,
                                                   const ApplicationPatch& patch) {
  if (auto r = refuse_console(id); !r) return r.error();
  auto current = get(id);
  if (!current) return current.error();
  if (auto r = refuse_saml(current->app); !r) return r.error();
  auto& app = current->app;
  if (patch.is_device_flow && *patch.is_device_flow != app.is_device_flow) {
    return with_field(keyed_error(Errc::Conflict, "application.device_flow_not_changeable"),
                      "customClientMetadata.isDeviceFlow");
  }
  NewApplication check{
      patch.name.value_or(app.name),
      patch.description.value_or(app.description),
      app.type,
      patch.redirect_uris.value_or(app.redirect_uris),
      patch.post_logout_redirect_uris.value_or(app.post_logout_redirect_uris),
      patch.cors_allowed_origins.value_or(app.cors_allowed_origins),
      patch.is_third_party.value_or(app.is_third_party),
      patch.token_endpoint_auth_method.value_or(app.token_endpoint_auth_method),
      patch.jwks_json.value_or(app.jwks_json),
      patch.jwks_uri.value_or(app.jwks_uri),
      app.is_device_flow,
      patch.require_pushed_authorization_requests.value_or(
          app.require_pushed_authorization_requests),
      patch.allow_token_exchange.value_or(app.allow_token_exchange),
      patch.backchannel_logout_uri.value_or(app.backchannel_logout_uri),
      patch.backchannel_logout_session_required.value_or(app.backchannel_logout_session_required),
      patch.custom_data.value_or(app.custom_data_json),
      patch.custom_client_metadata.value_or(app.custom_client_metadata_json),
      patch.token_settings.value_or(app.token_settings)};
  if (auto r = validate(check); !r) return r.error();
  assign(app, check);
  auto done = store_.transact([&](storage::Tx& tx) { return tx.applications().update(app); });
  if (!done) return done.error();
  return current;
}

Result<ApplicationView> ApplicationService::rotate_secret(const std::string& id) {
  if (auto r = refuse_console(id); !r) return r.error();
  auto current = get(id);
  if (!current) return current.error();
  if (auto r = refuse_saml(current->app); !r) return r.error();
  auto rotated = ApplicationSecretService(store_, secrets_, clock_).rotate_default(id);
  if (!rotated) return rotated.error();
  current->secret = std::move(rotated->value);
  return current;
}

Result<void> ApplicationService::remove(const std::string& id) {
  if (auto r = refuse_console(id); !r) return r;
  auto current = get(id);
  if (!current) return current.error();
  if (auto r = refuse_saml(current->app); !r) return r;
  auto done = store_.transact([&](storage::Tx& tx) { return tx.applications().remove(id); });
  if (!done && done.error().code == Errc::NotFound) {
    return keyed_error(Errc::NotFound, "entity.not_found", "no application " + id);
  }
  return done;
}

Result<bool> ApplicationService::ensure_console(const std::string& endpoint) {
  return ensure_built_in({.id = std::string(kConsoleAppId),
                          .name = "Latch Console",
                          .description = "The admin console (built in)",
                          .type = model::AppType::Spa,
                          .redirect_uris = {endpoint + "/console/callback"},
                          .post_logout_redirect_uris = {endpoint + "/console"}});
}

Result<bool> ApplicationService::ensure_account(const std::string& endpoint) {
  return ensure_built_in({.id = std::string(model::kAccountAppId),
                          .name = "Account",
                          .description = "The hosted account page /account (built in)",
                          .type = model::AppType::Spa,
                          .redirect_uris = {endpoint + "/account/callback"},
                          .post_logout_redirect_uris = {endpoint + "/account"}});
}

Result<bool> ApplicationService::ensure_demo(const std::string& endpoint) {
  return ensure_built_in({.id = std::string(model::kDemoAppId),
                          .name = "Live Preview",
                          .description = "Preview for Sign-in Experience.",
                          .type = model::AppType::Spa,
                          .redirect_uris = {endpoint + "/demo-app"},
                          .post_logout_redirect_uris = {endpoint + "/demo-app"}});
}

Result<bool> ApplicationService::ensure_built_in(model::Application wanted) {
  bool changed = false;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    // Nodes starting together: one inserts the app, the others then find it.
    if (auto locked = tx.lock("built-in-app:" + wanted.id); !locked) return locked;
    auto found = tx.applications().find(wanted.id);
    if (!found) return found.error();
    if (!*found) {
      wanted.created_at = clock_.now_millis();
      changed = true;
      return tx.applications().insert(wanted);
    }
    auto& app = **found;
    if (app.redirect_uris == wanted.redirect_uris &&
        app.post_logout_redirect_uris == wanted.post_logout_redirect_uris &&
        app.type == wanted.type) {
      return ok();
    }
    wanted.created_at = app.created_at;
    changed = true;
    return tx.applications().update(wanted);
  });
  if (!done) return done.error();
  return changed;
}

namespace {

// The app, which must be machine-to-machine.
Result<model::Application> m2m_app(storage::Tx& tx, const std::string& app_id) {
  auto app = tx.applications().find(app_id);
  if (!app) return app.error();
  if (!*app) return make_error(Errc::NotFound, "application " + app_id + " does not exist");
  if ((*app)->type != model::AppType::MachineToMachine) {
    return keyed_error(Errc::InvalidRequest, "application.invalid_type",
                       "only machine-to-machine applications hold roles");
  }
  return std::move(**app);
}

}  // namespace

Result<void> ApplicationService::grant(const std::string& app_id, const std::string& resource_id,
                                       const std::vector<std::string>& scopes) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto app = m2m_app(tx, app_id);
    if (!app) return app.error();
    auto resource = tx.resources().find(resource_id);
    if (!resource) return resource.error();
    if (!*resource)
      return make_error(Errc::NotFound, "resource " + resource_id + " does not exist");
    std::string role_id = "granted-" + app_id;
    auto role = tx.roles().find(role_id);
    if (!role) return role.error();
    std::int64_t now = clock_.now_millis();
    if (!*role) {
      model::Role made{.id = role_id,
                       .name = "Granted to " + app->name + " (" + app_id + ")",
                       .description = "Scopes granted with latch app grant",
                       .type = model::RoleType::MachineToMachine,
                       .created_at = now};
      if (auto r = tx.roles().insert(made); !r) return r;
      if (auto r = tx.roles().assign_application(role_id, app_id, now); !r) return r;
    }
    auto held = tx.roles().scopes(role_id);
    if (!held) return held.error();
    std::vector<std::string> added;
    for (const auto& name : scopes) {
      const model::Scope* scope = nullptr;
      for (const auto& s : (*resource)->scopes) {
        if (s.name == name) scope = &s;
      }
      if (!scope) return make_error(Errc::InvalidRequest, "scope '" + name + "' is not defined");
      bool has = std::any_of(held->begin(), held->end(),
                             [&](const model::Scope& h) { return h.id == scope->id; });
      if (!has && std::find(added.begin(), added.end(), scope->id) == added.end()) {
        added.push_back(scope->id);
      }
    }
    return tx.roles().add_scopes(role_id, added);
  });
}

Result<void> ApplicationService::give_management_access(const std::string& app_id) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto app = m2m_app(tx, app_id);
    if (!app) return app.error();
    auto roles = tx.roles().roles_of_application(app_id);
    if (!roles) return roles.error();
    for (const auto& role : *roles) {
      if (role.id == model::kManagementRoleId) return ok();
    }
    return tx.roles().assign_application(model::kManagementRoleId, app_id, clock_.now_millis());
  });
}

Result<void> ApplicationService::set_management_access(const std::string& app_id, bool on) {
  if (on) return give_management_access(app_id);
  auto held = has_management_access(app_id);
  if (!held) return held.error();
  if (!*held) return ok();
  return store_.transact([&](storage::Tx& tx) {
    return tx.roles().unassign_application(model::kManagementRoleId, app_id);
  });
}

Result<bool> ApplicationService::has_management_access(const std::string& app_id) {
  bool held = false;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto roles = tx.roles().roles_of_application(app_id);
    if (!roles) return roles.error();
    held = std::any_of(roles->begin(), roles->end(),
                       [](const model::Role& r) { return r.id == model::kManagementRoleId; });
    return ok();
  });
  if (!done) return done.error();
  return held;
}

boost::json::object to_json(const ApplicationView& view) {
  const model::Application& app = view.app;
  // A SAML app's OIDC side is internal (Logto's hideOidcClientMetadataForSamlApp).
  const bool saml = app.type == model::AppType::Saml;
  const std::vector<std::string> none;
  boost::json::object out{
      {"tenantId", "default"},  // Latch has one tenant; Logto names it in every app
      {"id", app.id},
      {"name", app.name},
      {"description", app.description},
      {"type", model::app_type_name(app.type)},
      {"oidcClientMetadata",
       {{"redirectUris", to_array(saml ? none : app.redirect_uris)},
        {"postLogoutRedirectUris", to_array(saml ? none : app.post_logout_redirect_uris)}}},
      {"customClientMetadata", custom_client_metadata(app)},
      {"customData", json_object_or_empty(app.custom_data_json)},
      {"isThirdParty", app.is_third_party},
      {"createdAt", app.created_at},
  };
  auto& oidc = out["oidcClientMetadata"].as_object();
  std::string method = app.token_endpoint_auth_method;
  if (method.empty()) method = model::is_confidential(app.type) ? "client_secret_basic" : "none";
  oidc["tokenEndpointAuthMethod"] = method;
  if (auto jwks = parse_json(app.jwks_json); !app.jwks_json.empty() && jwks) oidc["jwks"] = *jwks;
  if (!app.jwks_uri.empty()) oidc["jwksUri"] = app.jwks_uri;
  oidc["requirePushedAuthorizationRequests"] = app.require_pushed_authorization_requests;
  if (!saml && !app.backchannel_logout_uri.empty()) {
    oidc["backchannelLogoutUri"] = app.backchannel_logout_uri;
  }
  oidc["backchannelLogoutSessionRequired"] = app.backchannel_logout_session_required;
  return out;
}

}  // namespace latch::management
