#pragma once

#include <string>
#include <vector>

#include "latch/error.hpp"

// What an API answers when it refuses a bearer token (RFC 6750 §3), so every API protected with
// JwtValidator says it the same way: the status, the WWW-Authenticate header, and the error code
// and description for the body.
namespace latch {

struct ChallengeOptions {
  std::string realm;                // RFC 6750 §3 `realm`; omitted when empty
  std::vector<std::string> scopes;  // the scopes the route requires: `scope` of a 403 (§3)
};

struct BearerChallenge {
  unsigned status = 401;         // 401, 403, or 503 when the token could not be checked at all
  std::string www_authenticate;  // the header's value; empty with 503 (nothing to challenge)
  std::string error;        // "invalid_token", "insufficient_scope", "temporarily_unavailable",
                            // or "" for a request without credentials (§3.1)
  std::string description;  // safe to show: the latch::Error's message
};

// The answer to a request JwtValidator refused with `error`:
// - Errc::insufficient_scope: 403, error="insufficient_scope" and scope="<options.scopes>"
//   (RFC 6750 §3.1: "The request requires higher privileges than provided by the access token");
// - Errc::network, discovery_failed, unexpected_response: 503 (Latch could not be asked for its
//   keys; the token may be fine), no challenge;
// - anything else (invalid_token, wrong_audience, ...): 401, error="invalid_token".
// Quoted values keep only the characters §3 allows (others become '?'). Never throws.
BearerChallenge bearer_challenge(const Error& error, const ChallengeOptions& options = {});

// The answer to a request that carried no credentials at all: 401 with a challenge and no
// error code (RFC 6750 §3.1: "the resource server SHOULD NOT include an error code").
BearerChallenge bearer_challenge_without_token(const ChallengeOptions& options = {});

}  // namespace latch
