#include "oidc/client_signature.hpp"

#include "oidc/client_keys.hpp"
#include "oidc/provider.hpp"

namespace latch::oidc {
namespace {

using http::asio::awaitable;
using Keys = std::vector<boost::json::object>;

Error failed(const SignatureFailure& f, std::string why, std::string detail = {}) {
  return make_error(f.code, std::string(f.what) + ": " + std::move(why), std::move(detail));
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
awaitable<Result<Keys>> remote_keys(const Provider& op, const std::string& url, bool refresh,
                                    const SignatureFailure& f) {
  if (auto cached = op.client_keys().find(url, refresh)) co_return std::move(*cached);
  auto job = [&] { return op.deps().jwks_fetcher.fetch(url); };
  auto fetched = co_await op.deps().outbound.try_run(job);
  if (!fetched) co_return make_error(Errc::Unavailable, "too many outbound calls; retry later");
  if (!*fetched) {
    co_return make_error(f.code, "the client's jwks_uri could not be fetched",
                         fetched->error().description + " " + fetched->error().detail);
  }
  auto keys = parse_jwk_set(**fetched);
  if (!keys) co_return make_error(f.code, "the client's jwks_uri does not serve a JWK Set");
  op.client_keys().store(url, *keys);
  co_return std::move(*keys);
}

awaitable<Result<void>> verify_private_key(const Provider& op, const model::Application& app,
                                           const crypto::UnverifiedJws& jws,
                                           const SignatureFailure& f) {
  std::optional<std::string_view> kid;
  if (const auto* k = jws.header.if_contains("kid"); k && k->is_string()) kid = k->as_string();
  if (!app.jwks_json.empty()) {
    auto keys = parse_jwk_set(app.jwks_json);
    if (!keys) co_return make_error(f.code, "the client's jwks is not a JWK Set");
    if (verified_by_any(jws, matching(*keys, kid))) co_return ok();
    co_return failed(f, "no key of the client verifies it");
  }
  if (app.jwks_uri.empty()) co_return failed(f, "the client has no registered keys");
  auto keys = co_await remote_keys(op, app.jwks_uri, false, f);
  if (!keys) co_return keys.error();
  Keys candidates = matching(*keys, kid);
  if (candidates.empty() && kid) {
    keys = co_await remote_keys(op, app.jwks_uri, true, f);
    if (!keys) co_return keys.error();
    candidates = matching(*keys, kid);
  }
  if (verified_by_any(jws, candidates)) co_return ok();
  co_return failed(f, "no key of the client verifies it");
}

}  // namespace

awaitable<Result<void>> verify_client_signature(const Provider& op, const ClientEntry& client,
                                                const crypto::UnverifiedJws& jws,
                                                SignatureFailure failure) {
  if (!crypto::is_hmac(jws.alg)) {
    co_return co_await verify_private_key(op, client.app, jws, failure);
  }
  // The catalog keeps a secret where an HMAC can be computed only for client_secret_jwt apps.
  if (client.app.token_endpoint_auth_method != model::kAuthSecretJwt) {
    co_return failed(failure, "an HMAC signature needs an app registered for client_secret_jwt");
  }
  std::string_view key = client.hmac_key(op.deps().clock.now_millis());
  if (key.empty()) co_return failed(failure, "the app has no unexpired secret");
  if (!crypto::verify_hmac(jws, key)) {
    co_return failed(failure, "the MAC does not verify");
  }
  co_return ok();
}

}  // namespace latch::oidc
