#include "oidc/provider.hpp"

#include <spdlog/spdlog.h>

#include "http/blocking.hpp"
#include "http/revalidation.hpp"
#include "oidc/discovery.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/error_response.hpp"
#include "oidc/grants/authorization_code_grant.hpp"
#include "oidc/grants/client_credentials_grant.hpp"
#include "oidc/grants/device_code_grant.hpp"
#include "oidc/grants/refresh_token_grant.hpp"
#include "oidc/grants/token_exchange_grant.hpp"
#include "oidc/response_mode.hpp"

namespace latch::oidc {
namespace {

using http::bhttp::status;

constexpr std::string_view kJson = "application/json; charset=utf-8";

// A public document: any origin may read it.
http::Response document(const http::Request& req, const http::PreparedDocument& prepared,
                        std::string_view content_type, std::string_view cache_control) {
  http::Response res = http::document_response(req, prepared, content_type, cache_control);
  res.set(http::bhttp::field::access_control_allow_origin, "*");
  return res;
}

template <class Grant, class... Args>
void add_grant(std::map<std::string, std::unique_ptr<oidc::Grant>, std::less<>>& grants,
               Args&&... args) {
  auto grant = std::make_unique<Grant>(std::forward<Args>(args)...);
  std::string type(grant->grant_type());
  grants.emplace(std::move(type), std::move(grant));
}

}  // namespace

Provider::Provider(ProviderDeps deps)
    : deps_(deps),
      tokens_(deps.config, deps.keys, deps.clock, deps.customizer),
      authorization_(deps.config, deps.store, deps.clock),
      device_flow_(deps.config, deps.store, deps.clock),
      registry_(deps.config, deps.store, deps.keys, deps.clock),
      client_keys_(deps.clock) {
  add_grant<ClientCredentialsGrant>(grants_, deps.store, tokens_);
  add_grant<AuthorizationCodeGrant>(grants_, deps_.store, tokens_);
  add_grant<RefreshTokenGrant>(grants_, deps_.store, tokens_, deps_.token_key);
  add_grant<DeviceCodeGrant>(grants_, deps_.store, tokens_);
  add_grant<TokenExchangeGrant>(grants_, deps_.store, tokens_, deps_.keys);
  std::vector<std::string> types;
  for (const auto& [type, grant] : grants_) types.push_back(type);
  discovery_ = http::prepare_document(discovery_document(deps_.config, types));
}

Provider::~Provider() = default;

Grant* Provider::grant(std::string_view type) const {
  auto it = grants_.find(type);
  return it == grants_.end() ? nullptr : it->second.get();
}

http::asio::awaitable<std::shared_ptr<const CatalogSnapshot>> Provider::newer_catalog(
    const CatalogSnapshot& seen) const {
  auto job = [&] { return deps_.catalog.newer_than(deps_.store, seen); };
  auto newer = co_await http::run_blocking(deps_.pool, job);
  if (!newer) {
    spdlog::warn("cannot check the catalog for changes: {}", newer.error().description);
    co_return nullptr;
  }
  co_return std::move(*newer);
}

http::asio::awaitable<std::shared_ptr<const CatalogSnapshot>> Provider::current_catalog() const {
  if (auto known = deps_.catalog.known_current(deps_.store)) co_return known;
  auto job = [&] { return deps_.catalog.checked(deps_.store); };
  auto checked = co_await http::run_blocking(deps_.pool, job);
  if (!checked) {
    spdlog::warn("cannot check the catalog for changes: {}", checked.error().description);
    co_return deps_.catalog.snapshot();
  }
  co_return std::move(*checked);
}

http::CookieOptions Provider::cookie_options(std::int64_t max_age) const {
  http::CookieOptions opts;
  opts.secure = deps_.config.secure_cookies();
  opts.max_age = std::chrono::seconds(max_age);
  return opts;
}

void Provider::mount(http::Router& router) {
  auto with = [this](auto endpoint) {
    return [this, endpoint](http::Request& req) { return endpoint(*this, req); };
  };
  // oidc-provider answers a path or method it has no route for in the OAuth error shape.
  router.unmatched_under("/oidc/", [](http::Request& req) -> http::asio::awaitable<http::Response> {
    std::string_view path = std::string_view(req.path).substr(std::string_view("/oidc").size());
    constexpr std::size_t kShown = 256;
    http::Response res = oauth_error(
        make_error(Errc::InvalidRequest, "unrecognized route or not allowed method (" +
                                             std::string(http::bhttp::to_string(req.method())) +
                                             " on " + std::string(path.substr(0, kShown)) + ")"));
    res.result(http::bhttp::status::not_found);
    co_return res;
  });
  // The documents clients fetch and cache, with ETags for revalidation and gzip as Logto's
  // (prepared once per version of the document); userinfo gets its ETag per answer.
  router.group("/oidc")
      .get("/.well-known/openid-configuration",
           [this](http::Request& req) -> http::asio::awaitable<http::Response> {
             co_return document(req, discovery_, kJson, "public, max-age=300");
           })
      .get("/.well-known/oauth-authorization-server",
           [this](http::Request& req) -> http::asio::awaitable<http::Response> {
             co_return document(req, discovery_, kJson, "public, max-age=300");
           })
      .get("/jwks", [this](http::Request& req) -> http::asio::awaitable<http::Response> {
        auto keys = deps_.keys.snapshot();
        co_return document(req, keys->jwks, "application/jwk-set+json; charset=utf-8",
                           "no-cache, max-age=0, must-revalidate");
      });
  router.group("/oidc", {http::revalidated()}).get("/me", cors(with(userinfo_endpoint)));
  router.group("/oidc")
      .get(kFormPostScriptPath.substr(5),  // the form_post page's script (response_mode.hpp)
           [](http::Request&) -> http::asio::awaitable<http::Response> {
             http::Response res =
                 http::text_response(http::bhttp::status::ok, std::string(kFormPostScript));
             res.set(http::bhttp::field::content_type, "text/javascript; charset=utf-8");
             res.set(http::bhttp::field::cache_control, "public, max-age=86400");
             co_return res;
           })
      .get("/auth", with(authorization_endpoint))
      .post("/auth", with(authorization_endpoint))
      .get("/auth/:uid", with(authorization_resume_endpoint))
      .post("/token", cors(with(token_endpoint)))
      .post("/device/auth", with(device_authorization_endpoint))
      .post("/request", with(pushed_authorization_request_endpoint))
      .post("/me", cors(with(userinfo_endpoint)))
      .get("/session/end", with(end_session_endpoint))
      .post("/session/end", with(end_session_endpoint))
      .post("/session/end/confirm", with(end_session_confirm_endpoint))
      .post("/token/introspection", cors(with(introspection_endpoint)))
      .post("/token/revocation", cors(with(revocation_endpoint)));
  mount_cors(router);
}

}  // namespace latch::oidc
