#include "core/json.hpp"
#include "experience/api/experience_api.hpp"
#include "http/blocking.hpp"
#include "http/json_body.hpp"
#include "oidc/management_token.hpp"

// The sign-in experience configuration API (Logto: /api/.well-known/sign-in-exp, /api/sign-in-exp).
namespace latch::experience {
namespace {

using http::bhttp::status;
namespace json = boost::json;

http::Response settings_json(const SignInExperience& c) {
  http::Response res = http::json_response(status::ok, to_json(c));
  http::set_no_store(res);
  return res;
}

}  // namespace

http::asio::awaitable<Result<oidc::ManagementCaller>> ExperienceApi::authorize_management(
    const http::Request& req) const {
  auto caller =
      oidc::authorize_management(req.header(http::bhttp::field::authorization), deps_.keys,
                                 deps_.config.issuer(), deps_.clock.now_seconds());
  if (!caller) co_return caller.error();
  auto job = [&] { return oidc::check_management_caller(deps_.store, *caller); };
  if (auto now = co_await http::run_blocking(deps_.pools.database, job); !now)
    co_return now.error();
  co_return std::move(*caller);
}

http::asio::awaitable<http::Response> ExperienceApi::patch_settings(http::Request& req) {
  auto caller = co_await authorize_management(req);
  if (!caller) co_return api_error(caller.error(), Lang::En);
  auto patch = http::parse_json_object(req.body());
  if (!patch) co_return api_error(patch.error(), Lang::En);
  auto job = [&]() -> Result<SignInExperience> {
    auto updated = update_settings(deps_.store, *patch, deps_.clock);
    if (!updated) return updated;
    // An admin change like any through the management API: into the audit log.
    oidc::record_management_change(deps_.store, *caller, "PATCH", req.path, req.remote_address, 200,
                                   deps_.clock.now_millis());
    return updated;
  };
  auto updated = co_await http::run_blocking(deps_.pools.database, job);
  if (!updated) co_return api_error(updated.error(), Lang::En);
  deps_.settings.set(*updated);
  co_return settings_json(*updated);
}

void ExperienceApi::mount_settings(http::Router& router) {
  // Logto's full sign-in experience: the configuration plus the enabled social connectors.
  auto read = [this](http::Request&) -> http::asio::awaitable<http::Response> {
    auto config = deps_.settings.get();
    auto doc = to_json(*config);
    json::array social;
    if (!config->social_targets.empty()) {
      auto job = [&] { return deps_.social.for_targets(config->social_targets); };
      auto enabled = co_await http::run_blocking(deps_.pools.database, job);
      if (!enabled) co_return api_error(enabled.error(), Lang::En);
      for (const auto& info : *enabled) {
        auto full = connector_json(info, deps_.config.endpoint);
        social.push_back(json::object{{"id", full["id"]},
                                      {"target", full["target"]},
                                      {"connectorId", full["connectorId"]},
                                      {"name", full["name"]},
                                      {"logo", full["logo"]},
                                      {"logoDark", nullptr},
                                      {"platform", full["platform"]},
                                      {"isStandard", full["isStandard"]}});
      }
    }
    doc["socialConnectors"] = std::move(social);
    // Logto's ssoConnectors: the enterprise IdPs a custom sign-in page may offer.
    json::array sso;
    if (config->single_sign_on_enabled) {
      auto job = [&] { return deps_.sso.usable(); };
      auto usable = co_await http::run_blocking(deps_.pools.database, job);
      if (!usable) co_return api_error(usable.error(), Lang::En);
      for (const auto& info : *usable) sso.push_back(sso_connector_metadata_json(info));
    }
    doc["ssoConnectors"] = std::move(sso);
    http::Response res = http::json_response(status::ok, doc);
    http::set_no_store(res);
    co_return res;
  };
  auto read_auth = [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    auto caller = co_await authorize_management(req);
    if (!caller) co_return api_error(caller.error(), Lang::En);
    co_return settings_json(*deps_.settings.get());
  };
  auto patch = [this](http::Request& req) { return patch_settings(req); };
  router.group("/api")
      .get("/.well-known/sign-in-exp", read)
      .get("/sign-in-exp", read_auth)
      .patch("/sign-in-exp", patch);
}

}  // namespace latch::experience
