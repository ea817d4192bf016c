#include <boost/json/serialize.hpp>
#include <cstdio>

#include "management/application_service.hpp"
#include "management/resource_service.hpp"
#include "server/cli_commands.hpp"

namespace latch::server {
namespace {

void print_json(const boost::json::value& value) {
  std::printf("%s\n", boost::json::serialize(value).c_str());
}

void print_app(const management::ApplicationView& view, bool json) {
  if (json) {
    // The operator's tool shows the app's secret, which the Management API leaves to
    // /api/applications/:id/secrets.
    boost::json::object out = management::to_json(view);
    if (view.secret) out["secret"] = *view.secret;
    return print_json(out);
  }
  const auto& app = view.app;
  std::printf("App ID:     %s\nName:       %s\nType:       %s\n", app.id.c_str(), app.name.c_str(),
              std::string(model::app_type_name(app.type)).c_str());
  if (view.secret) std::printf("App Secret: %s\n", view.secret->c_str());
  for (const auto& uri : app.redirect_uris) std::printf("Redirect:   %s\n", uri.c_str());
  for (const auto& uri : app.post_logout_redirect_uris) {
    std::printf("Sign-out:   %s\n", uri.c_str());
  }
}

struct AppCreateArgs {
  std::string name;
  std::string description;
  std::string type = "traditional";
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_uris;
  std::vector<std::string> cors_origins;
  bool third_party = false;
  std::string auth_method;  // token_endpoint_auth_method (model::Application)
  std::string jwks;         // a JWK Set, JSON
  std::string jwks_uri;
  bool device_flow = false;
  bool require_par = false;            // RFC 9126 §6 require_pushed_authorization_requests
  std::string backchannel_logout_uri;  // OIDC Back-Channel Logout 1.0 §2.2
  bool backchannel_logout_session_required = false;
  bool management_api = false;
  bool json = false;
};

int create_app(Runtime& rt, const AppCreateArgs& args) {
  auto type = model::parse_app_type(args.type);
  if (!type) {
    return fail(make_error(Errc::InvalidRequest, "--type must be traditional, spa, native or m2m"));
  }
  management::ApplicationService service(*rt.store, *rt.secrets, rt.clock);
  auto view = service.create(
      {.name = args.name,
       .description = args.description,
       .type = *type,
       .redirect_uris = args.redirect_uris,
       .post_logout_redirect_uris = args.post_logout_uris,
       .cors_allowed_origins = args.cors_origins,
       .is_third_party = args.third_party,
       .token_endpoint_auth_method = args.auth_method,
       .jwks_json = args.jwks,
       .jwks_uri = args.jwks_uri,
       .is_device_flow = args.device_flow,
       .require_pushed_authorization_requests = args.require_par,
       .backchannel_logout_uri = args.backchannel_logout_uri,
       .backchannel_logout_session_required = args.backchannel_logout_session_required});
  if (!view) return fail(view.error());
  if (args.management_api) {
    if (*type != model::AppType::MachineToMachine) {
      return fail(make_error(Errc::InvalidRequest, "--management-api needs --type m2m"));
    }
    // The built-in role with scope all of Latch's management resource and Logto's alias.
    if (auto given = service.give_management_access(view->app.id); !given) {
      return fail(given.error());
    }
  }
  print_app(*view, args.json);
  return 0;
}

void add_create(CLI::App& apps, Action& action) {
  auto args = std::make_shared<AppCreateArgs>();
  auto* cmd = apps.add_subcommand("create", "Create an application");
  cmd->add_option("--name", args->name, "Display name")->required();
  cmd->add_option("--description", args->description, "Description");
  cmd->add_flag("--management-api", args->management_api,
                "m2m only: allow tokens for the management API (scope all)");
  cmd->add_option("--type", args->type, "traditional, spa, native or m2m")->capture_default_str();
  cmd->add_option("--redirect-uri", args->redirect_uris, "Allowed redirect URI (repeatable)");
  cmd->add_option("--post-logout-redirect-uri", args->post_logout_uris,
                  "Allowed post sign-out redirect URI (repeatable)");
  cmd->add_option("--cors-origin", args->cors_origins, "Allowed CORS origin (repeatable)");
  cmd->add_flag("--third-party", args->third_party, "Third-party app: users see a consent page");
  cmd->add_option("--token-endpoint-auth-method", args->auth_method,
                  "client_secret_basic (default), client_secret_post, client_secret_jwt or "
                  "private_key_jwt");
  cmd->add_option("--jwks", args->jwks, "The app's public keys for private_key_jwt (JWK Set JSON)");
  cmd->add_option("--jwks-uri", args->jwks_uri, "Where the app publishes its JWK Set");
  cmd->add_flag("--device-flow", args->device_flow,
                "native only: sign in with the device authorization grant (RFC 8628)");
  cmd->add_flag("--require-pushed-authorization-requests", args->require_par,
                "sign in only through pushed authorization requests (RFC 9126)");
  cmd->add_option("--backchannel-logout-uri", args->backchannel_logout_uri,
                  "Where to POST a logout token when a session the app signed in through ends");
  cmd->add_flag("--backchannel-logout-session-required", args->backchannel_logout_session_required,
                "The app needs the session's sid in every logout token");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback(
      [&action, args] { action = [args](Runtime& rt) { return create_app(rt, *args); }; });
}

void add_list_show_delete(CLI::App& apps, Action& action) {
  auto json = std::make_shared<bool>(false);
  auto id = std::make_shared<std::string>();
  auto* list = apps.add_subcommand("list", "List applications");
  list->add_flag("--json", *json, "Print JSON");
  list->callback([&action, json] {
    action = [json](Runtime& rt) {
      management::ApplicationService service(*rt.store, *rt.secrets, rt.clock);
      auto all = service.list();
      if (!all) return fail(all.error());
      boost::json::array out;
      for (auto& app : *all) {
        if (!*json) {
          std::printf("%s  %-16s  %s\n", app.id.c_str(),
                      std::string(model::app_type_name(app.type)).c_str(), app.name.c_str());
        }
        out.push_back(management::to_json({std::move(app), std::nullopt}));
      }
      if (*json) print_json(out);
      return 0;
    };
  });
  auto* show = apps.add_subcommand("show", "Show an application and its secret");
  show->add_option("id", *id, "App ID")->required();
  show->add_flag("--json", *json, "Print JSON");
  show->callback([&action, json, id] {
    action = [json, id](Runtime& rt) {
      management::ApplicationService service(*rt.store, *rt.secrets, rt.clock);
      auto view = service.get(*id);
      if (!view) return fail(view.error());
      print_app(*view, *json);
      return 0;
    };
  });
  auto* del = apps.add_subcommand("delete", "Delete an application and revoke its tokens");
  del->add_option("id", *id, "App ID")->required();
  del->callback([&action, id] {
    action = [id](Runtime& rt) {
      management::ApplicationService service(*rt.store, *rt.secrets, rt.clock);
      if (auto done = service.remove(*id); !done) return fail(done.error());
      std::printf("deleted %s\n", id->c_str());
      return 0;
    };
  });
}

void add_grant(CLI::App& apps, Action& action) {
  struct Args {
    std::string app_id, resource;
    std::vector<std::string> scopes;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = apps.add_subcommand(
      "grant",
      "Give a machine-to-machine app scopes of a resource through its own role (client "
      "credentials; `latch role` manages roles in general)");
  cmd->add_option("id", args->app_id, "App ID")->required();
  cmd->add_option("--resource", args->resource, "Resource id or indicator")->required();
  cmd->add_option("--scope", args->scopes, "Scope name (repeatable)");
  cmd->callback([&action, args] {
    action = [args](Runtime& rt) {
      management::ResourceService resources(*rt.store, rt.clock);
      auto resource = resources.find(args->resource);
      if (!resource) return fail(resource.error());
      management::ApplicationService apps(*rt.store, *rt.secrets, rt.clock);
      if (auto done = apps.grant(args->app_id, resource->id, args->scopes); !done) {
        return fail(done.error());
      }
      std::printf("granted\n");
      return 0;
    };
  });
}

}  // namespace

void add_app_commands(CLI::App& app, Action& action) {
  auto* apps = app.add_subcommand("app", "Manage applications (OAuth clients)");
  apps->require_subcommand(1);
  add_create(*apps, action);
  add_list_show_delete(*apps, action);
  add_grant(*apps, action);
  for (auto* sub : apps->get_subcommands({})) sub->fallthrough();
}

}  // namespace latch::server
