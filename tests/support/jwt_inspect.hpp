#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace latch::test {

// The parts of a compact JWS (RFC 7515 §7.1), decoded but not verified.
struct DecodedJwt {
  boost::json::object header;
  boost::json::object payload;
  std::string signing_input;  // "header.payload" as received
  std::string signature;      // raw bytes
};

// nullopt unless `token` has three base64url parts whose first two are JSON objects.
std::optional<DecodedJwt> decode_jwt(std::string_view token);

// Success when the key in `jwks` ({"keys": [...]}) whose kid is the token's header kid verifies
// the signature with the header's alg (crypto::VerifyKey); the failure says which step failed.
::testing::AssertionResult verified_by_jwks(const DecodedJwt& jwt, const boost::json::value& jwks);

// The key of `jwks` with `kid`, or nullopt.
std::optional<boost::json::object> find_jwk(const boost::json::value& jwks, std::string_view kid);

}  // namespace latch::test
