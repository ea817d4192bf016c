#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::oidc {

// RFC 7523 §2.2: the one client_assertion_type Latch accepts.
inline constexpr std::string_view kJwtBearerAssertion =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

// Clock skew tolerated on exp, nbf and iat, and the furthest exp may lie in the future: an
// assertion is a one-shot credential, so its jti is remembered until exp and a long-lived one
// would only fill the replay table.
inline constexpr std::int64_t kAssertionLeeway = 30;        // seconds
inline constexpr std::int64_t kAssertionMaxLifetime = 600;  // seconds

// What an assertion's claims are checked against.
struct AssertionRules {
  std::string issuer;          // the audience draft-ietf-oauth-rfc7523bis requires
  std::string token_endpoint;  // also accepted as audience (OIDC Core §9), for older clients
  std::int64_t now = 0;        // epoch seconds
};

struct AssertionClaims {
  std::string jti;
  std::int64_t exp = 0;  // epoch seconds
};

// A JSON number (a NumericDate, RFC 7519 §2, or another count) as whole units; nullopt for a null
// pointer, another type, or a value out of range.
std::optional<std::int64_t> json_integer(const boost::json::value* value);

// The "iss" of an assertion's claims when it is a non-empty string equal to "sub" (RFC 7523
// §3 items 1 and 2: both are the client_id); InvalidClient otherwise.
[[nodiscard]] Result<std::string> assertion_client_id(const boost::json::object& claims);

// RFC 7523 §3 items 3-7 for a client assertion whose signature was verified: "aud" is the
// issuer identifier or the token endpoint URL (a string, or an array of only those values: an
// array naming anyone else is refused, so an assertion meant for another server never counts
// here); "exp" is a number, not past (within kAssertionLeeway) and at most
// kAssertionMaxLifetime ahead; "nbf" and "iat", when present, are numbers not in the future
// (within the leeway); "jti" is a non-empty string of at most 256 characters. InvalidClient
// naming the claim otherwise.
[[nodiscard]] Result<AssertionClaims> check_assertion_claims(const boost::json::object& claims,
                                                             const AssertionRules& rules);

}  // namespace latch::oidc
