#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/jwk.hpp"

namespace latch::crypto {

// Compact JWS (RFC 7515 §7.1) with header {"alg", "typ" (if not empty), "kid"} and `payload`
// serialized as JSON. Thread-safe.
std::string sign_jwt(const SigningKeyPair& key, const boost::json::object& payload,
                     std::string_view typ = "JWT");

struct VerifiedJwt {
  boost::json::object header;
  boost::json::object payload;
};

// Finds the key for a `kid` (nullptr when unknown).
using KeyLookup = std::function<const VerifyKey*(std::string_view kid)>;

// Parses and verifies a compact JWS. Only the signature is checked here (claims are the caller's
// job). InvalidToken for a malformed token, an unknown kid, "alg": "none" or an algorithm that
// does not fit the key, and a bad signature.
[[nodiscard]] Result<VerifiedJwt> verify_jwt(std::string_view token, const KeyLookup& keys);

}  // namespace latch::crypto
