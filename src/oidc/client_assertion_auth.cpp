#include "oidc/client_assertion_auth.hpp"

#include <boost/json/serialize.hpp>

#include "crypto/foreign_jws.hpp"
#include "http/blocking.hpp"
#include "oidc/client_assertion.hpp"
#include "oidc/provider.hpp"

namespace latch::oidc {
namespace {

using http::asio::awaitable;
using Keys = std::vector<boost::json::object>;

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

// The keys whose "kid" is `kid` (all of them when the header names none).
Keys matching(const Keys& keys, std::optional<std::string_view> kid) {
  if (!kid) return keys;
  Keys out;
  for (const auto& key : keys) {
    const auto* k = key.if_contains("kid");
    if (k && k->is_string() && k->as_string() == *kid) out.push_back(key);
  }
  return out;
}

bool verified_by_any(const crypto::UnverifiedJws& jws, const Keys& keys) {
  for (const auto& key : keys) {
    if (crypto::verify_with_jwk(jws, key)) return true;
  }
  return false;
}

// The client's JWK Set behind its jwks_uri: cached, else fetched on the outbound pool.
awaitable<Result<Keys>> remote_keys(const Provider& op, const std::string& url, bool refresh) {
  if (auto cached = op.client_keys().find(url, refresh)) co_return std::move(*cached);
  auto job = [&] { return op.deps().jwks_fetcher.fetch(url); };
  auto fetched = co_await op.deps().outbound.try_run(job);
  if (!fetched) co_return make_error(Errc::Unavailable, "too many outbound calls; retry later");
  if (!*fetched) {
    co_return invalid_client("the client's jwks_uri could not be fetched",
                             fetched->error().description + " " + fetched->error().detail);
  }
  auto keys = parse_jwk_set(**fetched);
  if (!keys) co_return invalid_client("the client's jwks_uri does not serve a JWK Set");
  op.client_keys().store(url, *keys);
  co_return std::move(*keys);
}

// RFC 7523 §3 item 9: the signature, under a key of the client's JWK Set. With a jwks_uri, a
// kid the cached set does not hold (the client rotated its keys) refetches the set once.
awaitable<Result<void>> verify_private_key(const Provider& op, const model::Application& app,
                                           const crypto::UnverifiedJws& jws) {
  std::optional<std::string_view> kid;
  if (const auto* k = jws.header.if_contains("kid"); k && k->is_string()) kid = k->as_string();
  if (!app.jwks_json.empty()) {
    auto keys = parse_jwk_set(app.jwks_json);
    if (!keys) co_return invalid_client("the client's jwks is not a JWK Set");
    if (verified_by_any(jws, matching(*keys, kid))) co_return ok();
    co_return invalid_client("invalid client_assertion: no key of the client verifies it");
  }
  auto keys = co_await remote_keys(op, app.jwks_uri, false);
  if (!keys) co_return keys.error();
  Keys candidates = matching(*keys, kid);
  if (candidates.empty() && kid) {
    keys = co_await remote_keys(op, app.jwks_uri, true);
    if (!keys) co_return keys.error();
    candidates = matching(*keys, kid);
  }
  if (verified_by_any(jws, candidates)) co_return ok();
  co_return invalid_client("invalid client_assertion: no key of the client verifies it");
}

awaitable<Result<void>> verify_signature(const Provider& op, const ClientEntry& client,
                                         const crypto::UnverifiedJws& jws) {
  if (!crypto::is_hmac(jws.alg)) co_return co_await verify_private_key(op, client.app, jws);
  if (client.hmac_secret.empty() || !crypto::verify_hmac(jws, client.hmac_secret)) {
    co_return invalid_client("invalid client_assertion: the MAC does not verify");
  }
  co_return ok();
}

// The jti is spent on the first use (RFC 7523 §3 item 7), in the table every node shares.
awaitable<Result<void>> spend_jti(const Provider& op, const std::string& client_id,
                                  const AssertionClaims& claims, std::int64_t now) {
  std::string id = client_id + ":" + claims.jti;
  std::int64_t until = claims.exp + kAssertionLeeway;
  bool fresh = false;
  auto job = [&] {
    return op.deps().store.transact([&](storage::Tx& tx) -> Result<void> {
      auto recorded = tx.replays().record_once(kReplayScope, id, now, until);
      if (!recorded) return recorded.error();
      fresh = *recorded;
      return ok();
    });
  };
  auto done = co_await http::run_blocking(op.deps().pool, job);
  if (!done) co_return done.error();
  if (!fresh) co_return invalid_client("invalid client_assertion: its jti was already used");
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
  auto signed_ok = co_await verify_signature(op, *client, *jws);
  if (!signed_ok) co_return signed_ok.error();
  std::int64_t now = op.deps().clock.now_seconds();
  const std::string issuer = op.deps().config.issuer();
  auto claims = check_assertion_claims(jws->payload, {issuer, issuer + "/token", now});
  if (!claims) co_return claims.error();
  auto spent = co_await spend_jti(op, *client_id, *claims, now);
  if (!spent) co_return spent.error();
  co_return AuthenticatedClient{client, *method};
}

}  // namespace

awaitable<Result<AuthenticatedClient>> authenticate_request(const Provider& op,
                                                            const http::Request& request,
                                                            const http::Params& body,
                                                            const CatalogSnapshot& catalog) {
  if (!has_client_assertion(body)) co_return authenticate_client(request, body, catalog);
  co_return co_await authenticate_assertion(op, request, body, catalog);
}

}  // namespace latch::oidc
