#include "management_api/client_registration_endpoint.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>

#include "core/json.hpp"
#include "http/blocking.hpp"
#include "http/client_address.hpp"
#include "management/client_metadata.hpp"
#include "management/client_registration_service.hpp"
#include "oidc/error_response.hpp"

namespace latch::management_api {
namespace {

using http::bhttp::status;
using http::bhttp::verb;

management::ClientRegistrationService service(const ClientRegistrationDeps& d) {
  return management::ClientRegistrationService(
      management::parse_registration_mode(d.config.dynamic_registration), d.store, d.secrets,
      d.clock);
}

// RFC 6750 §2.1: the initial or registration access token, from the Authorization header only.
// "" when there is none; InvalidToken for another scheme.
Result<std::string> bearer(const http::Request& req) {
  std::string_view header = req.header(http::bhttp::field::authorization);
  if (header.empty()) return std::string();
  if (header.size() < 8 || !std::equal(header.begin(), header.begin() + 7, "bearer ",
                                       [](char a, char b) { return std::tolower(a) == b; })) {
    return make_error(Errc::InvalidToken, "the authorization header must be a Bearer token");
  }
  return std::string(header.substr(7));
}

// RFC 7591 §3.1: the metadata is a JSON object.
Result<boost::json::object> metadata_body(const http::Request& req) {
  auto parsed = parse_json(req.body());
  if (req.media_type() != "application/json" || !parsed || !parsed->is_object()) {
    return with_key(
        make_error(Errc::InvalidRequest, "the body must be a JSON object sent as application/json"),
        management::kInvalidClientMetadata);
  }
  return std::move(parsed->as_object());
}

// RFC 7591 §3.2.1, RFC 7592 §3: no-store, and the client's configuration endpoint.
http::Response client_response(const Config& config, status code,
                               const management::RegisteredClient& client) {
  boost::json::object body = management::registration_json(client);
  body["registration_client_uri"] = config.issuer() + "/reg/" + client.app.id;
  http::Response res = http::json_response(code, body);
  http::set_no_store(res);
  res.set(http::bhttp::field::pragma, "no-cache");
  return res;
}

// oidc::oauth_error, with RFC 7591 §3.2.2's codes for the errors keyed with them.
http::Response registration_error(const Error& error) {
  http::Response res = oidc::oauth_error(error);
  std::string_view wire = error.key == management::kInvalidRedirectUri ? "invalid_redirect_uri"
                          : error.key == management::kInvalidClientMetadata
                              ? "invalid_client_metadata"
                              : "";
  if (wire.empty()) return res;
  boost::json::object body{{"error", wire},
                           {"error_description", error.description},
                           {"code", "oidc." + std::string(wire)},
                           {"message", error.description}};
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

Error too_many_registrations(std::int64_t wait) {
  Error error = make_error(Errc::TooManyRequests, "too many client registrations; try later");
  error.retry_after = wait;
  return error;
}

}  // namespace

void ClientRegistrationEndpoint::mount(http::Router& router) {
  if (!deps_.config.registration_enabled()) return;
  auto manage = [this](http::Request& req) { return this->manage(req); };
  router.group("/oidc")
      .post("/reg", [this](http::Request& req) { return register_client(req); })
      .get("/reg/:client_id", manage)
      .put("/reg/:client_id", manage)
      .del("/reg/:client_id", manage);
}

// RFC 7591 §3.1, counted per client address.
http::asio::awaitable<http::Response> ClientRegistrationEndpoint::register_client(
    http::Request& req) {
  const std::string address = http::address_key(req.remote_address);
  if (std::int64_t wait = deps_.registrations.blocked_for(address); wait > 0) {
    co_return registration_error(too_many_registrations(wait));
  }
  auto token = bearer(req);
  if (!token) co_return registration_error(token.error());
  auto body = metadata_body(req);
  auto job = [&]() -> Result<management::RegisteredClient> {
    if (std::int64_t wait = deps_.registrations.hit(address); wait > 0) {
      return too_many_registrations(wait);
    }
    if (!body) return body.error();
    return service(deps_).register_client(*body, *token);
  };
  auto client = co_await http::run_blocking(deps_.pools.database, job);
  if (!client) co_return registration_error(client.error());
  co_return client_response(deps_.config, status::created, *client);
}

// RFC 7592 §2: read, update or delete with the registration access token.
http::asio::awaitable<http::Response> ClientRegistrationEndpoint::manage(http::Request& req) {
  auto token = bearer(req);
  if (token && token->empty()) token = make_error(Errc::InvalidToken, "a token is required");
  if (!token) co_return registration_error(token.error());
  const std::string client_id(req.param("client_id"));
  const verb method = req.method();
  if (method == verb::delete_) {
    auto job = [&] { return service(deps_).remove(client_id, *token); };
    auto removed = co_await http::run_blocking(deps_.pools.database, job);
    if (!removed) co_return registration_error(removed.error());
    http::Response res = http::empty_response(status::no_content);
    http::set_no_store(res);
    co_return res;
  }
  auto body = method == verb::put ? metadata_body(req) : Result<boost::json::object>();
  auto job = [&]() -> Result<management::RegisteredClient> {
    auto current = service(deps_).read(client_id, *token);  // the token before the body
    if (method == verb::get || !current) return current;
    if (!body) return body.error();
    return service(deps_).update(client_id, *token, *body);
  };
  auto client = co_await http::run_blocking(deps_.pools.database, job);
  if (!client) co_return registration_error(client.error());
  co_return client_response(deps_.config, status::ok, *client);
}

}  // namespace latch::management_api
