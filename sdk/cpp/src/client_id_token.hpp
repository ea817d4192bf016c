#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http_client.hpp"
#include "latch/claims.hpp"

// ID token validation for the Client (OIDC Core §3.1.3.7, §12.2 for refreshed ID tokens).
namespace latch::detail {

struct IdTokenExpectations {
  std::string issuer;                // the discovered issuer
  std::string client_id;             // the App ID: aud must hold it (and azp name it)
  std::optional<std::string> nonce;  // the sign-in's nonce; nullopt for a refreshed ID token
  std::int64_t now = 0;              // seconds since the epoch
  std::chrono::seconds clock_skew{60};
};

// Checks the claims of a decoded ID token (no signature). Throws Errc::invalid_id_token naming
// the first failing check: iss, aud, azp, exp, iat, nonce, sub.
void check_id_token_claims(const boost::json::object& payload, const IdTokenExpectations& expect);

struct JwksSource {
  std::string jwks_uri;
  TransportOptions transport;
  std::chrono::seconds ttl{600};
};

// Verifies `token`'s signature against the key its header names (refetching the JWKS once for
// an unknown kid), then its claims. Returns the payload. Throws Errc::invalid_id_token, or
// Errc::network when the JWKS cannot be fetched.
boost::asio::awaitable<boost::json::object> verify_id_token(std::string token,
                                                            IdTokenExpectations expect,
                                                            JwksSource jwks);

// The payload of a compact JWS, without verifying it (the token was verified when stored).
// Throws Errc::invalid_id_token when it is not one.
boost::json::object decode_id_token(std::string_view token);

IdTokenClaims to_id_token_claims(boost::json::object payload);

}  // namespace latch::detail
