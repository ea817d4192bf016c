#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

// Compact JWS parsing and signature verification with OpenSSL: ES256, ES384, ES512, RS256,
// RS384, RS512, PS256 and EdDSA (Ed25519) against a JWK (RFC 7517/7518/8037). "none" and HMAC
// algorithms are always refused.
namespace latch::detail {

struct Jws {
  boost::json::object header;
  boost::json::object payload;
  std::string signing_input;  // base64url(header) "." base64url(payload)
  std::string signature;      // raw bytes (for EC: r || s as JWS defines)
};

// Throws latch::Error(Errc::invalid_token) for anything but three base64url parts holding JSON
// objects, an "alg" other than the supported ones, or "crit".
Jws parse_jws(std::string_view compact);

// True when `jws.signature` is valid for `jws.signing_input` under `jwk` and the header's alg
// (the key's "alg", when present, must match; its "kty"/"crv" must suit the alg).
bool verify_jws(const Jws& jws, const boost::json::object& jwk);

std::string base64url_decode(std::string_view text);  // throws invalid_token on bad input
std::string base64url_encode(std::string_view bytes);

// PKCE (RFC 7636): a 43-character verifier and its S256 challenge; random state and nonce.
std::string random_token(std::size_t bytes = 32);
std::string s256_challenge(std::string_view verifier);

}  // namespace latch::detail
