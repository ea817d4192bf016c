#include "core/json.hpp"
#include "experience/api/experience_api.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/security/password_policy.hpp"
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

// The body of POST /api/sign-in-exp/default/check-password: {password, userId?}.
struct PasswordCheck {
  std::string password;
  std::optional<std::string> user_id;
};

Result<PasswordCheck> read_password_check(const json::object& body) {
  PasswordCheck check;
  for (const auto& kv : body) {
    if (kv.key() != "password" && kv.key() != "userId") {
      return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input"),
                        std::string(kv.key()));
    }
  }
  const auto* password = body.if_contains("password");
  if (!password || !password->is_string()) {
    return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input"), "password");
  }
  check.password = std::string(password->as_string());
  if (const auto* user = body.if_contains("userId")) {
    if (!user->is_string()) {
      return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input"), "userId");
    }
    check.user_id = std::string(user->as_string());
  }
  return check;
}

// Logto's answer when the policy rejects user info and no user was named: the reason in `data`.
http::Response user_info_required(const Error& error) {
  json::object body{{"code", error.key},
                    {"message", error_text(Lang::En, error)},
                    {"data", {{"message", error.detail}}}};
  http::Response res = http::json_response(status::bad_request, body);
  http::set_no_store(res);
  return res;
}

}  // namespace

// POST /api/sign-in-exp/default/check-password (Logto's): 200 {result: true}, or 400 {result:
// false, issues: [{code}]} naming every rule of the password policy the password breaks; with
// userId, the user's identifiers count for the user-info rule (404 when there is no such user).
http::asio::awaitable<http::Response> ExperienceApi::password_check(http::Request& req) {
  auto caller = co_await authorize_management(req);
  if (!caller) co_return api_error(caller.error(), Lang::En);
  auto body = http::parse_json_object(req.body());
  if (!body) co_return api_error(body.error(), Lang::En);
  auto check = read_password_check(*body);
  if (!check) co_return api_error(check.error(), Lang::En);
  auto config = deps_.settings.get();
  auto job = [&]() -> Result<std::vector<std::string>> {
    if (!check->user_id) return password_issues(config->password_policy, check->password, nullptr);
    std::vector<std::string> info;
    auto read = deps_.store.read([&](storage::Tx& tx) -> Result<void> {
      auto user = tx.users().find(*check->user_id);
      if (!user) return user.error();
      if (!*user) return keyed_error(Errc::NotFound, "entity.not_exists_with_id", "no such user");
      info = user_info(**user);
      return ok();
    });
    if (!read) return read.error();
    return password_issues(config->password_policy, check->password, &info);
  };
  auto issues = co_await http::run_blocking(deps_.pools.database, job);
  if (!issues && issues.error().key == "request.invalid_input") {
    co_return user_info_required(issues.error());
  }
  if (!issues) co_return api_error(issues.error(), Lang::En);
  if (issues->empty()) co_return http::json_response(status::ok, json::object{{"result", true}});
  json::array list;
  for (const auto& code : *issues) list.push_back(json::object{{"code", code}});
  co_return http::json_response(status::bad_request,
                                json::object{{"result", false}, {"issues", std::move(list)}});
}

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
  auto check = [this](http::Request& req) { return password_check(req); };
  router.group("/api")
      .get("/.well-known/sign-in-exp", read)
      .get("/sign-in-exp", read_auth)
      .patch("/sign-in-exp", patch)
      .post("/sign-in-exp/default/check-password", check);
}

}  // namespace latch::experience
