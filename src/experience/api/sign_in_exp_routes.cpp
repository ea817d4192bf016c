#include <boost/json/parse.hpp>

#include "crypto/jws.hpp"
#include "experience/api/experience_api.hpp"
#include "http/blocking.hpp"

// The sign-in experience configuration API (Logto: /api/.well-known/sign-in-exp, /api/sign-in-exp).
namespace latch::experience {
namespace {

using http::bhttp::status;
namespace json = boost::json;

constexpr std::string_view kManagementResources[] = {"https://default.logto.app/api",
                                                     "urn:latch:management"};

bool audience_ok(const json::object& payload) {
  const auto* aud = payload.if_contains("aud");
  if (!aud) return false;
  auto matches = [](const json::value& v) {
    if (!v.is_string()) return false;
    for (auto r : kManagementResources) {
      if (v.as_string() == r) return true;
    }
    return false;
  };
  if (aud->is_array()) {
    for (const auto& v : aud->as_array()) {
      if (matches(v)) return true;
    }
    return false;
  }
  return matches(*aud);
}

bool scope_has_all(const json::object& payload) {
  const auto* scope = payload.if_contains("scope");
  if (!scope || !scope->is_string()) return false;
  std::string_view s = scope->as_string();
  while (!s.empty()) {
    auto sp = s.find(' ');
    if (s.substr(0, sp) == "all") return true;
    s = sp == std::string_view::npos ? "" : s.substr(sp + 1);
  }
  return false;
}

http::Response settings_json(const SignInExperience& c) {
  http::Response res = http::json_response(status::ok, to_json(c));
  http::set_no_store(res);
  return res;
}

}  // namespace

Result<void> ExperienceApi::authorize_management(const http::Request& req) const {
  std::string_view header = req.header(http::bhttp::field::authorization);
  if (header.size() < 8 || header.substr(0, 7) != "Bearer ") {
    return make_error(Errc::Unauthorized, "Authorization: Bearer <management token> is required");
  }
  auto keys = deps_.keys.snapshot();
  auto jwt = crypto::verify_jwt(header.substr(7),
                                [&](std::string_view kid) { return keys->verifier(kid); });
  if (!jwt) return make_error(Errc::Unauthorized, "the access token is invalid");
  const auto& p = jwt->payload;
  const auto* iss = p.if_contains("iss");
  const auto* exp = p.if_contains("exp");
  if (!iss || !iss->is_string() || iss->as_string() != deps_.config.issuer() || !exp ||
      !exp->is_int64() || exp->as_int64() <= deps_.clock.now_seconds() || !audience_ok(p)) {
    return make_error(Errc::Unauthorized, "the access token is not for the management API");
  }
  if (!scope_has_all(p)) return make_error(Errc::Forbidden, "the access token lacks scope all");
  return ok();
}

http::asio::awaitable<http::Response> ExperienceApi::patch_settings(http::Request& req) {
  if (auto auth = authorize_management(req); !auth) co_return api_error(auth.error(), Lang::En);
  boost::system::error_code ec;
  auto parsed = json::parse(req.body(), ec);
  if (ec || !parsed.is_object()) {
    co_return api_error(make_error(Errc::InvalidRequest, "the body must be a JSON object"),
                        Lang::En);
  }
  auto patch = parsed.as_object();
  auto job = [&] { return update_settings(deps_.store, patch, deps_.clock); };
  auto updated = co_await http::run_blocking(deps_.pool, job);
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
      auto enabled = co_await http::run_blocking(deps_.pool, job);
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
    http::Response res = http::json_response(status::ok, doc);
    http::set_no_store(res);
    co_return res;
  };
  auto read_auth = [this](http::Request& req) -> http::asio::awaitable<http::Response> {
    if (auto auth = authorize_management(req); !auth) co_return api_error(auth.error(), Lang::En);
    co_return settings_json(*deps_.settings.get());
  };
  auto patch = [this](http::Request& req) { return patch_settings(req); };
  router.group("/api")
      .get("/.well-known/sign-in-exp", read)
      .get("/sign-in-exp", read_auth)
      .patch("/sign-in-exp", patch);
}

}  // namespace latch::experience
