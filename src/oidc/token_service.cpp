#include "oidc/token_service.hpp"

#include "crypto/jws.hpp"
#include "crypto/random.hpp"

namespace latch::oidc {

boost::json::object to_json(const TokenResponse& response) {
  boost::json::object out{{"access_token", response.access_token},
                          {"expires_in", response.expires_in},
                          {"token_type", response.token_type}};
  // Logto echoes the token's scope; one with none granted has none to echo.
  if (!response.scope.empty() || response.scope_when_empty) out["scope"] = response.scope;
  if (response.id_token) out["id_token"] = *response.id_token;
  if (response.refresh_token) out["refresh_token"] = *response.refresh_token;
  if (response.issued_token_type) out["issued_token_type"] = *response.issued_token_type;
  return out;
}

Result<std::string> TokenService::sign(crypto::JwsAlg alg, const boost::json::object& payload,
                                       std::string_view typ) const {
  auto snapshot = keys_.snapshot();
  const crypto::SigningKeyPair* key = snapshot->signer(alg);
  if (!key) {
    return make_error(Errc::Unavailable, "no signing key is available",
                      "no current key for " + std::string(crypto::alg_name(alg)));
  }
  return crypto::sign_jwt(*key, payload, typ);
}

Result<std::string> TokenService::jwt_access_token(const AccessTokenClaims& claims) const {
  std::int64_t now = clock_.now_seconds();
  boost::json::object payload = claims.extra;
  payload["jti"] = claims.jti.empty() ? crypto::random_token(16) : claims.jti;
  payload["sub"] = claims.subject;
  payload["iat"] = now;
  payload["exp"] = now + claims.ttl;
  // None granted: no claim, as Logto's, except on an organization token.
  if (!claims.scope.empty() || claims.scope_when_empty) payload["scope"] = claims.scope;
  payload["client_id"] = claims.client_id;
  payload["iss"] = config_.issuer();
  payload["aud"] = claims.audience;
  auto alg = crypto::parse_alg(config_.access_token_alg).value_or(crypto::JwsAlg::ES256);
  return sign(alg, payload, "at+jwt");
}

}  // namespace latch::oidc
