#include "oidc/client_assertion_auth.hpp"

#include <boost/json/serialize.hpp>

#include "crypto/foreign_jws.hpp"
#include "oidc/client_assertion.hpp"
#include "oidc/client_signature.hpp"
#include "oidc/first_use.hpp"
#include "oidc/provider.hpp"

namespace latch::oidc {
namespace {

using http::asio::awaitable;

// The replay table's scope for client assertions (storage/replay_repository.hpp).
constexpr std::string_view kReplayScope = "client_assertion";

Error invalid_client(std::string description, std::string detail = {}) {
  return make_error(Errc::InvalidClient, std::move(description), std::move(detail));
}

// RFC 7521 §4.2: both parameters, the one type RFC 7523 defines, and no other method beside.
Result<std::string_view> assertion_param(const http::Request& req, const http::Params& body) {
  auto type = body.get("client_assertion_type");
  auto assertion = body.get("client_assertion");
  if (!type || !assertion || assertion->empty()) {
    return make_error(Errc::InvalidRequest,
                      "client_assertion and client_assertion_type go together");
  }
  if (!req.header(http::bhttp::field::authorization).empty() || body.get("client_secret")) {
    return make_error(Errc::InvalidRequest, "use only one client authentication method");
  }
  if (*type != kJwtBearerAssertion) {
    return invalid_client("client_assertion_type must be " + std::string(kJwtBearerAssertion));
  }
  return *assertion;
}

// The method the assertion's algorithm implies, when the client is registered for it.
Result<ClientAuthMethod> method_for(const model::Application& app, crypto::ForeignAlg alg) {
  bool mac = crypto::is_hmac(alg);
  std::string_view wanted = mac ? model::kAuthSecretJwt : model::kAuthPrivateKeyJwt;
  const std::string& registered = app.token_endpoint_auth_method;
  if (registered != model::kAuthSecretJwt && registered != model::kAuthPrivateKeyJwt) {
    return invalid_client(
        "this client is not registered for client_secret_jwt or "
        "private_key_jwt");
  }
  if (registered != wanted) {
    return invalid_client("alg " + std::string(crypto::foreign_alg_name(alg)) +
                          " does not fit this client's method, " + registered);
  }
  return mac ? ClientAuthMethod::SecretJwt : ClientAuthMethod::PrivateKeyJwt;
}

// The jti is spent on the first use (RFC 7523 §3 item 7), in the table every node shares.
awaitable<Result<void>> spend_jti(const Provider& op, const std::string& client_id,
                                  const AssertionClaims& claims, std::int64_t now) {
  std::int64_t until = claims.exp + kAssertionLeeway;
  std::string id = client_id + ":" + claims.jti;
  auto first = co_await record_first_use(op, kReplayScope, id, now, until);
  if (!first) co_return first.error();
  if (!*first) co_return invalid_client("invalid client_assertion: its jti was already used");
  co_return ok();
}

awaitable<Result<AuthenticatedClient>> authenticate_assertion(const Provider& op,
                                                              const http::Request& req,
                                                              const http::Params& body,
                                                              const CatalogSnapshot& catalog) {
  auto token = assertion_param(req, body);
  if (!token) co_return token.error();
  auto jws = crypto::decode_unverified(*token);
  if (!jws) co_return invalid_client("invalid client_assertion: " + jws.error().description);
  auto client_id = assertion_client_id(jws->payload);
  if (!client_id) co_return client_id.error();
  if (auto sent = body.get("client_id"); sent && *sent != *client_id) {
    co_return invalid_client("invalid client_assertion: sub differs from client_id");
  }
  const ClientEntry* client = catalog.client(*client_id);
  if (!client) co_return invalid_client("client authentication failed");
  auto method = method_for(client->app, jws->alg);
  if (!method) co_return method.error();
  SignatureFailure failure{Errc::InvalidClient, "invalid client_assertion"};
  auto signed_ok = co_await verify_client_signature(op, *client, *jws, failure);
  if (!signed_ok) co_return signed_ok.error();
  std::int64_t now = op.deps().clock.now_seconds();
  const std::string issuer = op.deps().config.issuer();
  auto claims = check_assertion_claims(jws->payload, {issuer, issuer + "/token", now});
  if (!claims) co_return claims.error();
  auto spent = co_await spend_jti(op, *client_id, *claims, now);
  if (!spent) co_return spent.error();
  co_return AuthenticatedClient{client, *method, {}};
}

}  // namespace

awaitable<Result<AuthenticatedClient>> authenticate_request(const Provider& op,
                                                            const http::Request& request,
                                                            const http::Params& body,
                                                            const CatalogSnapshot& catalog) {
  if (!has_client_assertion(body)) {
    co_return authenticate_client(request, body, catalog, op.deps().clock.now_millis());
  }
  co_return co_await authenticate_assertion(op, request, body, catalog);
}

}  // namespace latch::oidc
