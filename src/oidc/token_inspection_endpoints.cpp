#include "http/blocking.hpp"
#include "oidc/client_assertion_auth.hpp"
#include "oidc/client_auth_guard.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/error_response.hpp"

namespace latch::oidc {
namespace {

struct InspectionRequest {
  std::string token;
  std::string client_id;
};

// Both endpoints authenticate the client the token endpoint's way (RFC 7662 §2.1, RFC 7009 §2.1),
// under the same limits on failures. A client unknown to the snapshot is looked up once more in
// the database (see Catalog).
awaitable<Result<InspectionRequest>> parse(Provider& op, const http::Request& req) {
  auto params = parse_token_body(req);
  if (!params) co_return params.error();
  auto catalog = op.deps().catalog.snapshot();
  if (auto blocked = client_auth_blocked(op, req, *params, *catalog)) co_return *blocked;
  auto client = co_await authenticate_request(op, req, *params, *catalog);
  if (!client && stale_catalog_may_explain(client.error())) {
    if (auto newer = co_await op.newer_catalog(*catalog)) {
      catalog = std::move(newer);
      client = co_await authenticate_request(op, req, *params, *catalog);
    }
  }
  if (!client) {
    if (client.error().code != Errc::InvalidClient) co_return client.error();
    co_return co_await client_auth_failed(op, req, *params, *catalog, client.error());
  }
  auto token = params->get("token");
  if (!token || token->empty()) co_return missing_parameter("token");
  co_return InspectionRequest{std::string(*token), client->client->app.id};
}

}  // namespace

awaitable<http::Response> introspection_endpoint(Provider& op, http::Request& req) {
  auto request = co_await parse(op, req);
  if (!request) co_return oauth_error(request.error());
  auto job = [&] { return op.registry().introspect(request->token, request->client_id); };
  auto result = co_await http::run_blocking(op.deps().pool, job);
  if (!result) co_return oauth_error(result.error());
  http::Response res = http::json_response(http::bhttp::status::ok, *result);
  http::set_no_store(res);
  co_return res;
}

awaitable<http::Response> revocation_endpoint(Provider& op, http::Request& req) {
  auto request = co_await parse(op, req);
  if (!request) co_return oauth_error(request.error());
  auto job = [&] { return op.registry().revoke(request->token, request->client_id); };
  auto result = co_await http::run_blocking(op.deps().pool, job);
  if (!result) co_return oauth_error(result.error());
  http::Response res = http::empty_response(http::bhttp::status::ok);
  http::set_no_store(res);
  co_return res;
}

}  // namespace latch::oidc
