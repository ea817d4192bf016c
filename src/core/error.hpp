#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace latch {

// The kinds of failure a domain service can report. Each surface maps these to its wire format
// in one place (OAuth JSON, API JSON, HTML error page).
enum class Errc {
  Ok = 0,
  // RFC 6749 §5.2 and friends.
  InvalidRequest,
  InvalidClient,
  InvalidGrant,
  UnauthorizedClient,
  UnsupportedGrantType,
  UnsupportedResponseType,
  InvalidScope,
  InvalidTarget,  // RFC 8707 §2
  AccessDenied,
  InvalidToken,          // RFC 6750 §3.1
  InsufficientScope,     // RFC 6750 §3.1
  UnsupportedTokenType,  // RFC 7009 §2.2.1
  LoginRequired,         // OIDC Core §3.1.2.6
  ConsentRequired,
  InteractionRequired,
  // Generic.
  NotFound,
  Conflict,
  Unauthorized,
  Forbidden,
  PayloadTooLarge,
  Unavailable,      // busy database, shutting down
  TooManyRequests,  // a rate limit refused the request (RFC 6585 §4); see Error::retry_after
  Internal,
};

// A failure: a code, a description that is safe to send to the caller, and a detail that only
// the log sees. Never put a secret, token or password in either text.
struct Error {
  Errc code = Errc::Internal;
  std::string description;
  std::string detail;
  std::int64_t retry_after = 0;  // TooManyRequests: seconds until a retry may succeed (Retry-After)
};

inline Error make_error(Errc code, std::string description, std::string detail = {}) {
  return Error{code, std::move(description), std::move(detail)};
}

// The OAuth wire string for `code` ("invalid_grant"); "server_error" for generic failures.
std::string_view oauth_error_code(Errc code);

// Human-readable name of the code for logs ("not_found").
std::string_view errc_name(Errc code);

}  // namespace latch
