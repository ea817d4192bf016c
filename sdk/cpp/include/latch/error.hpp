#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

// The SDK reports every failure a caller can act on as a latch::Error with a code. Unlike the
// server (which returns Result values), the SDK throws: it mirrors Logto's SDKs, whose calls
// raise, and keeps a web handler's happy path readable. Nothing else escapes its calls.
namespace latch {

enum class Errc {
  invalid_config,           // Config is incomplete or malformed (endpoint, app_id)
  network,                  // cannot connect, TLS failure, timeout
  unexpected_response,      // the server answered something that is not what the protocol says
  discovery_failed,         // the OpenID configuration could not be read
  not_authenticated,        // no tokens in the storage (sign in first)
  sign_in_session_missing,  // a callback without a sign-in started in this storage
  state_mismatch,           // the callback's state is not the one this sign-in sent
  callback_error,           // the authorization server sent error=... to the callback
  token_request_failed,     // the token endpoint refused (detail: its error and description)
  invalid_id_token,         // signature, iss, aud, exp, iat or nonce check failed
  invalid_token,            // JwtValidator: malformed, bad signature, wrong issuer, expired...
  wrong_audience,           // JwtValidator: the token is for another API
  insufficient_scope,       // JwtValidator: a required scope is missing
  refresh_failed,           // no refresh token, or the server refused it (sign in again)
  userinfo_failed,          // /oidc/me refused the access token
  // Latch refused an organization token: the user is not (or no longer) a member of the
  // organization, the organization requires MFA the user lacks, or the refresh token was issued
  // without urn:logto:scope:organizations (detail: the server's error and description).
  organization_access_denied,
};

// "network", "state_mismatch", ...
std::string_view errc_name(Errc code) noexcept;

class Error : public std::runtime_error {
 public:
  // `message` is safe to show (never a token or secret); `detail` is the server's error code and
  // description when it sent one ("invalid_grant: code expired"), for logs.
  Error(Errc code, const std::string& message, std::string detail = {})
      : std::runtime_error(message), code_(code), detail_(std::move(detail)) {}

  Errc code() const noexcept { return code_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  Errc code_;
  std::string detail_;
};

}  // namespace latch
