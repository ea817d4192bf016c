#pragma once

#include "core/error.hpp"
#include "http/response.hpp"

namespace latch::oidc {

// The one place that turns an Error into an OAuth error response (RFC 6749 §5.2): JSON with
// `error` and `error_description`, plus Logto's `code` ("oidc.invalid_grant") and `message`
// (logto_message);
// Cache-Control: no-store. invalid_client is 401 with WWW-Authenticate: Basic; invalid_token is
// 401 with WWW-Authenticate: Bearer (RFC 6750 §3); insufficient_scope 403; Unavailable 503;
// TooManyRequests 429 with Retry-After and error invalid_request (RFC 6749 §5.2 has no closer
// code); Internal 500 with a generic description (the detail goes to the log only).
http::Response oauth_error(const Error& error);

// The OAuth error code of `error`: oauth_error_code(error.code), or an extension's code that has
// no Errc of its own, which travels as the key "oidc.<code>" of an InvalidRequest error (RFC 9449
// §12.2: invalid_dpop_proof, use_dpop_nonce; see oidc/dpop_proof.hpp).
std::string_view oauth_wire_code(const Error& error);

// `text` made safe inside a quoted auth-param of a WWW-Authenticate challenge (RFC 9110 §11.2):
// quotes and backslashes are dropped, so an error description cannot end the string early.
std::string challenge_text(std::string_view text);

// InvalidRequest worded as oidc-provider words a missing parameter, which Logto's users match on:
// "missing required parameter 'grant_type'".
Error missing_parameter(std::string_view name);

// Logto's `message` for an OAuth error code (its phrase, "Request is invalid."), with the
// description in it where Logto's phrase has one; the description itself for a code Logto has
// no phrase for.
std::string logto_message(std::string_view wire_code, const std::string& description);

// Status code that oauth_error uses for `error`: by its code, except an InvalidClient keyed
// kUnknownClientKey (oidc/client_authenticator.hpp), which is 400 as oidc-provider answers a
// client_id nobody has.
http::bhttp::status oauth_error_status(const Error& error);

}  // namespace latch::oidc
