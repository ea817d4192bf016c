#include "oidc/provider.hpp"

#include <boost/json/parse.hpp>

#include "http/blocking.hpp"
#include "http/form.hpp"
#include "oidc/discovery.hpp"
#include "oidc/error_response.hpp"
#include "oidc/grants/client_credentials_grant.hpp"

namespace latch::oidc {
namespace {

using http::bhttp::status;

// Logto accepts JSON bodies at the token endpoint and treats them as forms.
Result<http::Params> json_as_form(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return make_error(Errc::InvalidRequest, "malformed JSON body");
  http::Params params;
  for (const auto& [key, v] : value.as_object()) {
    if (v.is_string()) {
      params.add(std::string(key), std::string(v.as_string()));
    } else if (v.is_array()) {
      for (const auto& item : v.as_array()) {
        if (!item.is_string()) return make_error(Errc::InvalidRequest, "malformed JSON body");
        params.add(std::string(key), std::string(item.as_string()));
      }
    } else {
      return make_error(Errc::InvalidRequest,
                        "parameter " + std::string(key) + " must be a string");
    }
  }
  return params;
}

// RFC 6749 §3.2: parameters must not repeat (resource may, RFC 8707).
Result<http::Params> parse_body(const http::Request& req) {
  std::string type = req.media_type();
  Result<http::Params> params = make_error(Errc::InvalidRequest, "");
  if (type == "application/x-www-form-urlencoded") {
    params = http::parse_form(req.body());
  } else if (type == "application/json") {
    params = json_as_form(req.body());
  } else {
    return make_error(Errc::InvalidRequest, "the body must be application/x-www-form-urlencoded");
  }
  if (!params) return params;
  const auto& items = params->items();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].first == "resource") continue;
    for (std::size_t j = i + 1; j < items.size(); ++j) {
      if (items[i].first == items[j].first) {
        return make_error(Errc::InvalidRequest, "parameter " + items[i].first + " is repeated");
      }
    }
  }
  return params;
}

http::Response json_ok(const std::string& body, std::string_view cache_control) {
  http::Response res = http::json_response(status::ok, body);
  res.set(http::bhttp::field::cache_control, cache_control);
  res.set(http::bhttp::field::access_control_allow_origin, "*");
  return res;
}

}  // namespace

Provider::Provider(ProviderDeps deps) : deps_(deps), tokens_(deps.config, deps.keys, deps.clock) {
  auto client_credentials = std::make_unique<ClientCredentialsGrant>(tokens_);
  grants_.emplace(std::string(client_credentials->grant_type()), std::move(client_credentials));
  std::vector<std::string> types;
  for (const auto& [type, grant] : grants_) types.push_back(type);
  discovery_json_ = discovery_document(deps_.config, types);
}

Provider::~Provider() = default;

void Provider::mount(http::Router& router) {
  router.group("/oidc")
      .get("/.well-known/openid-configuration",
           [this](http::Request&) -> http::asio::awaitable<http::Response> {
             co_return discovery();
           })
      .get("/.well-known/oauth-authorization-server",
           [this](http::Request&) -> http::asio::awaitable<http::Response> {
             co_return discovery();
           })
      .get("/jwks",
           [this](http::Request&) -> http::asio::awaitable<http::Response> { co_return jwks(); })
      .post("/token", [this](http::Request& req) { return token(req); });
}

http::Response Provider::discovery() const {
  return json_ok(discovery_json_, "public, max-age=300");
}

http::Response Provider::jwks() const {
  http::Response res =
      json_ok(deps_.keys.snapshot()->jwks_json, "no-cache, max-age=0, must-revalidate");
  res.set(http::bhttp::field::content_type, "application/jwk-set+json; charset=utf-8");
  return res;
}

// RFC 6749 §3.2, §5.
http::asio::awaitable<http::Response> Provider::token(http::Request& req) {
  auto params = parse_body(req);
  if (!params) co_return oauth_error(params.error());
  auto grant_type = params->get("grant_type");
  if (!grant_type || grant_type->empty()) {
    co_return oauth_error(make_error(Errc::InvalidRequest, "grant_type is required"));
  }
  auto it = grants_.find(*grant_type);
  if (it == grants_.end()) {
    co_return oauth_error(
        make_error(Errc::UnsupportedGrantType,
                   "grant_type " + std::string(*grant_type) + " is not supported"));
  }
  auto catalog = deps_.catalog.snapshot();
  auto client = authenticate_client(req, *params, *catalog);
  if (!client) co_return oauth_error(client.error());
  GrantContext ctx{*params, *client, *catalog};
  Grant& grant = *it->second;
  Result<TokenResponse> result = make_error(Errc::Internal, "");
  if (grant.blocks()) {
    auto job = [&] { return grant.handle(ctx); };
    result = co_await http::run_blocking(deps_.pool, job);
  } else {
    result = grant.handle(ctx);
  }
  if (!result) co_return oauth_error(result.error());
  http::Response res = http::json_response(status::ok, to_json(*result));
  http::set_no_store(res);
  co_return res;
}

}  // namespace latch::oidc
