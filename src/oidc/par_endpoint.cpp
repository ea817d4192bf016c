#include <boost/json/object.hpp>

#include "http/blocking.hpp"
#include "oidc/authorization_request.hpp"
#include "oidc/client_assertion_auth.hpp"
#include "oidc/client_auth_guard.hpp"
#include "oidc/dpop_request.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/error_response.hpp"
#include "oidc/pushed_request.hpp"
#include "oidc/request_object.hpp"

// The pushed authorization request endpoint (RFC 9126 §2): POST /oidc/request.
namespace latch::oidc {
namespace {

using http::asio::awaitable;

// Client authentication travels beside the request; it is not part of it.
bool is_client_auth_param(std::string_view name) {
  return name == "client_secret" || name == "client_assertion" || name == "client_assertion_type";
}

// RFC 9126 §2.1, §3: the authorization request the body carries: the request object's
// parameters when it sends one (then only those), else the body's own, minus client
// authentication. client_id is the authenticated client's.
awaitable<Result<http::Params>> pushed_params(const Provider& op, const ClientEntry& client,
                                              const http::Params& body) {
  if (body.get("request_uri")) {
    co_return make_error(Errc::InvalidRequest,
                         "request_uri cannot be pushed: it is what this endpoint issues");
  }
  if (auto object = body.get("request")) {
    co_return co_await read_request_object(op, client, *object);
  }
  http::Params params;
  for (const auto& [name, value] : body.items()) {
    if (!is_client_auth_param(name) && name != "client_id") params.add(name, value);
  }
  params.add("client_id", client.app.id);
  co_return params;
}

// The request passes the checks the authorization endpoint applies (RFC 9126 §2.1), so that
// errors come back to the client now, as JSON.
Result<void> validate(const http::Params& params, const CatalogSnapshot& catalog) {
  auto parsed = parse_authorization_request(params, catalog);
  if (!parsed) return parsed.error().error;
  return ok();
}

// RFC 9449 §10.1: a DPoP proof sent with the push binds the code to the proof's key, as the
// dpop_jkt parameter does; when both come, they must name the same key.
awaitable<Result<void>> bind_dpop_key(const Provider& op, const http::Request& req,
                                      http::Params& params) {
  auto proof = co_await request_dpop_proof(op, req, "/request", std::nullopt);
  if (!proof) co_return proof.error();
  if (!*proof) co_return ok();
  auto named = params.get("dpop_jkt");
  if (!named) {
    params.add("dpop_jkt", (*proof)->jkt);
  } else if (*named != (*proof)->jkt) {
    co_return make_error(Errc::InvalidRequest, "dpop_jkt does not match the DPoP proof's key");
  }
  co_return ok();
}

// RFC 9126 §2.2: 201 Created with the request_uri and its lifetime.
http::Response created(const std::string& request_uri, std::int64_t ttl) {
  boost::json::object body{{"request_uri", request_uri}, {"expires_in", ttl}};
  http::Response res = http::json_response(http::bhttp::status::created, body);
  http::set_no_store(res);
  return res;
}

awaitable<Result<std::string>> push(Provider& op, const http::Request& req,
                                    const http::Params& body, const CatalogSnapshot& catalog) {
  auto client = co_await authenticate_request(op, req, body, catalog);
  if (!client) co_return client.error();
  auto params = co_await pushed_params(op, *client->client, body);
  if (!params) co_return params.error();
  if (auto valid = validate(*params, catalog); !valid) co_return valid.error();
  if (auto bound = co_await bind_dpop_key(op, req, *params); !bound) co_return bound.error();
  PushedRequests pushed(op.deps().store, op.deps().clock, op.deps().config.pushed_request_ttl);
  const std::string& client_id = client->client->app.id;
  auto job = [&] { return pushed.push(client_id, *params); };
  co_return co_await http::run_blocking(op.deps().pool, job);
}

// RFC 9126 §2: the client authenticates as at the token endpoint and pushes its request.
awaitable<http::Response> push_answer(Provider& op, http::Request& req) {
  auto body = parse_token_body(req);
  if (!body) co_return oauth_error(body.error());
  auto catalog = op.deps().catalog.snapshot();
  if (auto blocked = client_auth_blocked(op, req, *body, *catalog)) {
    co_return oauth_error(*blocked);
  }
  // An app, a redirect URI or an API created a moment ago: look at a newer catalog first (a
  // client assertion cannot be tried twice).
  auto claimed = claimed_client_id(req, *body);
  if (!claimed || !catalog->client(*claimed)) {
    if (auto newer = co_await op.newer_catalog(*catalog)) catalog = std::move(newer);
  }
  auto request_uri = co_await push(op, req, *body, *catalog);
  if (!request_uri) {
    Error error = request_uri.error();
    if (error.code == Errc::InvalidClient) {
      error = co_await client_auth_failed(op, req, *body, *catalog, std::move(error));
    }
    co_return oauth_error(error);
  }
  co_return created(*request_uri, op.deps().config.pushed_request_ttl);
}

}  // namespace

awaitable<http::Response> pushed_authorization_request_endpoint(Provider& op, http::Request& req) {
  http::Response res = co_await push_answer(op, req);
  add_dpop_nonce(op, res);  // RFC 9449 §8: a fresh nonce with every answer, when required
  co_return res;
}

}  // namespace latch::oidc
