#include <boost/json/object.hpp>

#include "http/blocking.hpp"
#include "http/form.hpp"
#include "oidc/authorization_request.hpp"
#include "oidc/client_auth_guard.hpp"
#include "oidc/device_flow.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/error_response.hpp"
#include "oidc/scope.hpp"

// The device authorization endpoint (RFC 8628 §3.1, §3.2): POST /oidc/device/auth.
namespace latch::oidc {
namespace {

// The client, authenticated as at the token endpoint, and its request, one rule after another.
Result<DeviceRequest> parse_device_request(const http::Request& req, const http::Params& params,
                                           const CatalogSnapshot& catalog, std::int64_t now_ms) {
  auto client = authenticate_client(req, params, catalog, now_ms);
  if (!client) return client.error();
  const model::Application& app = client->client->app;
  // Logto's customClientMetadata.isDeviceFlow, on Native apps only.
  if (app.type != model::AppType::Native || !app.is_device_flow) {
    return make_error(Errc::UnauthorizedClient,
                      "the device authorization grant is not enabled for this app");
  }
  auto scopes = parse_scope(params.value("scope"));
  if (!scopes) return scopes.error();
  auto resources = resource_values(params);
  if (!resources) return resources.error();
  if (auto known = check_resources(*resources, catalog, *client->client); !known) {
    return known.error();
  }
  return DeviceRequest{client->client, std::move(*scopes), std::move(*resources)};
}

http::Response device_authorization_response(const Config& config, const DeviceAuthorization& d) {
  std::string verification_uri = config.endpoint + "/device";
  boost::json::object body{{"device_code", d.device_code},
                           {"user_code", d.user_code},
                           {"verification_uri", verification_uri},
                           {"verification_uri_complete",
                            verification_uri + "?user_code=" + http::percent_encode(d.user_code)},
                           {"expires_in", d.expires_in},
                           {"interval", d.interval}};
  http::Response res = http::json_response(http::bhttp::status::ok, body);
  http::set_no_store(res);
  return res;
}

}  // namespace

awaitable<http::Response> device_authorization_endpoint(Provider& op, http::Request& req) {
  auto params = parse_token_body(req);
  if (!params) co_return oauth_error(params.error());
  auto catalog = op.deps().catalog.snapshot();
  if (auto blocked = client_auth_blocked(op, req, *params, *catalog)) {
    co_return oauth_error(*blocked);
  }
  auto request = parse_device_request(req, *params, *catalog, op.deps().clock.now_millis());
  if (!request && stale_catalog_may_explain(request.error())) {
    if (auto newer = co_await op.newer_catalog(*catalog)) {
      catalog = std::move(newer);
      request = parse_device_request(req, *params, *catalog, op.deps().clock.now_millis());
    }
  }
  if (!request) {
    Error error = request.error();
    if (error.code == Errc::InvalidClient) {
      error = co_await client_auth_failed(op, req, *params, *catalog, std::move(error));
    }
    co_return oauth_error(error);
  }
  auto job = [&] { return op.device_flow().start(*request); };
  auto started = co_await http::run_blocking(op.deps().pool, job);
  if (!started) co_return oauth_error(started.error());
  co_return device_authorization_response(op.deps().config, *started);
}

}  // namespace latch::oidc
