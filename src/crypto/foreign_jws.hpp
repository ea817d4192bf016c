#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::crypto {

// JWS algorithms others may sign with when Latch verifies (a client's assertion, RFC 7523):
// wider than JwsAlg, which Latch signs with. RFC 7518 §3.2 (HMAC), §3.3 (RSASSA-PKCS1-v1_5),
// §3.4 (ECDSA), §3.5 (RSASSA-PSS); RFC 8037 (EdDSA with Ed25519).
enum class ForeignAlg { HS256, HS384, HS512, RS256, PS256, ES256, ES384, EdDSA };

std::optional<ForeignAlg> parse_foreign_alg(std::string_view name);
std::string_view foreign_alg_name(ForeignAlg alg);
bool is_hmac(ForeignAlg alg);

// A compact JWS split and decoded, its signature not yet checked.
struct UnverifiedJws {
  boost::json::object header;
  boost::json::object payload;
  ForeignAlg alg = ForeignAlg::RS256;
  std::string signing_input;  // BASE64URL(header) "." BASE64URL(payload), RFC 7515 §5.1
  std::string signature;      // raw bytes
};

// Splits and decodes a compact JWS (RFC 7515 §7.1) so that the caller can find the signer's key
// from its claims. Trust nothing in it until verify_hmac() or verify_with_jwk() says so.
// InvalidToken for a token over 64 KiB, not three base64url parts, a header or payload that is
// not a JSON object, "alg" none or unsupported, or a "crit" header.
[[nodiscard]] Result<UnverifiedJws> decode_unverified(std::string_view token);

// True when `jws` carries a valid HMAC under `key`. REQUIRES: is_hmac(jws.alg). Compares in
// constant time. Thread-safe.
bool verify_hmac(const UnverifiedJws& jws, std::string_view key);

// True when `jwk` (a public JWK, RFC 7517) verifies `jws`: the key's type fits the algorithm
// (RSA for RS256/PS256, P-256/P-384 for ES256/ES384, Ed25519 for EdDSA), its "alg" (if any) is
// the JWS's, its "use" (if any) is "sig", and the signature is valid. False, never an error, for
// a JWK that is malformed or does not fit. REQUIRES: !is_hmac(jws.alg). Thread-safe.
bool verify_with_jwk(const UnverifiedJws& jws, const boost::json::object& jwk);

}  // namespace latch::crypto
