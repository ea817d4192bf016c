#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "latch/claims.hpp"
#include "latch/dpop.hpp"
#include "latch/error.hpp"

namespace latch {

struct ValidatorConfig {
  std::string endpoint;  // the Latch endpoint; the issuer is endpoint + "/oidc"
  // Your API's resource indicator, e.g. "https://api.example.com". Needed by verify(); may be
  // empty when the API takes only organization tokens (verify_organization_token).
  std::string audience;
  std::chrono::seconds clock_skew{60};
  std::chrono::milliseconds timeout{10000};
  std::string ca_file;
  std::chrono::seconds jwks_ttl{600};
  std::function<std::int64_t()> now_seconds;  // the clock (tests); empty = system clock
};

// Protects an API: verifies a bearer access token (RFC 9068 JWT) against the endpoint's JWKS
// (fetched on first use, cached, refetched once for an unknown kid), its issuer, audience,
// expiry and the scopes the route requires. Thread-safe; share one per API.
// A DPoP-bound token (RFC 9449: cnf.jkt) is refused by verify() and accepted by verify_dpop()
// with a proof by its key.
class JwtValidator {
 public:
  explicit JwtValidator(ValidatorConfig config);
  ~JwtValidator();

  // `token` is the JWT (without "Bearer "). Throws latch::Error: invalid_config (no
  // ValidatorConfig::audience), invalid_token (malformed, bad
  // signature, unknown key, wrong issuer, expired, not yet valid), wrong_audience,
  // insufficient_scope (naming every missing scope), network (JWKS unreachable),
  // discovery_failed or unexpected_response (the endpoint's metadata cannot be read).
  // bearer_challenge.hpp turns each into the HTTP answer.
  AccessTokenClaims verify(std::string_view token,
                           const std::vector<std::string>& required_scopes = {});
  boost::asio::awaitable<AccessTokenClaims> async_verify(
      std::string token, std::vector<std::string> required_scopes = {});

  // Verifies an organization token (Logto's RFC 0001, what Client::organization_token gets):
  // as verify(), but `aud` must be "urn:logto:organization:<organization_id>" (wrong_audience
  // otherwise: another organization's token, or an API's). With an empty `organization_id` any
  // organization's token is accepted: the route MUST then act only within
  // claims.organization_id. `required_scopes` are organization scopes (the organization
  // template's permissions the user's organization roles grant).
  AccessTokenClaims verify_organization_token(std::string_view token,
                                              std::string_view organization_id,
                                              const std::vector<std::string>& required_scopes = {});
  boost::asio::awaitable<AccessTokenClaims> async_verify_organization_token(
      std::string token, std::string organization_id,
      std::vector<std::string> required_scopes = {});

  // RFC 9449 §7.1: a DPoP-bound token, from "Authorization: DPoP <token>" with the request's
  // DPoP proof. As verify(), and: the token names a key (cnf.jkt); the proof is a valid proof
  // by that key (typ dpop+jwt, an asymmetric alg, a public jwk that verifies it) for
  // `request.method` and `request.url`, with iat within clock_skew and ath the token's hash;
  // and its jti was not seen before by this validator (remembered in memory for twice the
  // clock skew: run one validator per process, and behind several processes accept that a
  // proof may be replayed once per process within that time). Throws as verify(), with
  // invalid_token naming the failed DPoP check.
  AccessTokenClaims verify_dpop(std::string_view token, const DpopRequest& request,
                                const std::vector<std::string>& required_scopes = {});
  boost::asio::awaitable<AccessTokenClaims> async_verify_dpop(
      std::string token, DpopRequest request, std::vector<std::string> required_scopes = {});

  // The token from an Authorization header value ("Bearer x" → "x"); Errc::invalid_token when
  // it is not a bearer credential.
  static std::string bearer_token(std::string_view authorization_header);
  // The token from "DPoP x" (RFC 9449 §7.1); Errc::invalid_token otherwise.
  static std::string dpop_token(std::string_view authorization_header);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace latch
