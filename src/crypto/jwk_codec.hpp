#pragma once

// Internal to the crypto module: public keys to and from their JWK members (RFC 7517, RFC 7518
// §6, RFC 8037 §2).

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "crypto/jwk.hpp"
#include "crypto/openssl_util.hpp"

namespace latch::crypto::detail {

// The member `name` of `jwk` when it is a string; nullopt when absent or of another type.
std::optional<std::string_view> string_member(const boost::json::object& jwk,
                                              std::string_view name);

// The public members of `pkey`'s JWK, "kty" first: EC {kty, crv, x, y} with coordinates at
// full width (RFC 7518 §6.2.1), RSA {kty, n, e} without leading zero bytes (§6.3.1), OKP
// {kty, crv, x} (RFC 8037 §2). REQUIRES: alg_for_key(pkey) == alg.
boost::json::object public_members(const EVP_PKEY* pkey, JwsAlg alg);

struct PublicKey {
  EvpPkeyPtr pkey;
  JwsAlg alg;  // the one algorithm the key's type serves
};

// The public key a JWK describes. InvalidRequest when a member is missing or malformed, the key
// type or curve is unsupported, the point is not on the curve, or an RSA modulus is outside
// 2048..8192 bits (RFC 7518 §3.3 sets the floor; the ceiling bounds verification cost).
[[nodiscard]] Result<PublicKey> public_key_from_jwk(const boost::json::object& jwk);

}  // namespace latch::crypto::detail
