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
  // RFC 8628 §3.5: the token endpoint's answers to a device code poll.
  AuthorizationPending,
  SlowDown,
  ExpiredToken,
  // access_denied at the token endpoint (a denied device code, a custom claims script's
  // api.denyAccess): 400, where AccessDenied is 403.
  DeviceAccessDenied,
  // RFC 9101 §6.2 and RFC 9126 §2.3: a request object or request_uri that cannot be used.
  InvalidRequestObject,
  InvalidRequestUri,
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

// A failure. `code` says which kind of failure it is and picks the wire status; `key` is the
// stable machine-readable name of the case (Logto's error code where Logto has one:
// "user.suspended", "session.not_found"): the APIs send it as `code`, the pages show the phrase
// "error." + key, and callers that must tell one case from another compare keys, never words.
// `description` is safe to send but is text for people (it may be reworded at any time; for a
// keyed error it repeats the key); `detail` only the log sees. `field` names the request member
// the error is about, when there is one ("signUp.identifiers", "primaryEmail"), so a form can
// show the message next to it. Never put a secret, token or password in any of them.
struct Error {
  Errc code = Errc::Internal;
  std::string key;
  std::string description;
  std::string detail;
  std::string field;
  std::int64_t retry_after = 0;  // TooManyRequests: seconds until a retry may succeed (Retry-After)
};

// An error without a stable key: its description is for people only.
inline Error make_error(Errc code, std::string description, std::string detail = {}) {
  return Error{.code = code, .description = std::move(description), .detail = std::move(detail)};
}

// An error with a stable key (see Error); its description repeats the key for the log.
inline Error keyed_error(Errc code, std::string_view key, std::string detail = {}) {
  return Error{.code = code,
               .key = std::string(key),
               .description = std::string(key),
               .detail = std::move(detail)};
}

// `error` with the stable key `key` (see Error::key), its description kept.
inline Error with_key(Error error, std::string_view key) {
  error.key = std::string(key);
  return error;
}

// `error` about the request member `field` (see Error::field).
inline Error with_field(Error error, std::string field) {
  error.field = std::move(field);
  return error;
}

// The OAuth wire string for `code` ("invalid_grant"); "server_error" for generic failures.
std::string_view oauth_error_code(Errc code);

// Human-readable name of the code for logs ("not_found").
std::string_view errc_name(Errc code);

}  // namespace latch
