#include "core/error.hpp"

namespace latch {

std::string_view oauth_error_code(Errc code) {
  switch (code) {
    case Errc::InvalidRequest:
      return "invalid_request";
    case Errc::InvalidClient:
      return "invalid_client";
    case Errc::InvalidGrant:
      return "invalid_grant";
    case Errc::UnauthorizedClient:
      return "unauthorized_client";
    case Errc::UnsupportedGrantType:
      return "unsupported_grant_type";
    case Errc::UnsupportedResponseType:
      return "unsupported_response_type";
    case Errc::InvalidScope:
      return "invalid_scope";
    case Errc::InvalidTarget:
      return "invalid_target";
    case Errc::AccessDenied:
      return "access_denied";
    case Errc::InvalidToken:
      return "invalid_token";
    case Errc::InsufficientScope:
      return "insufficient_scope";
    case Errc::UnsupportedTokenType:
      return "unsupported_token_type";
    case Errc::LoginRequired:
      return "login_required";
    case Errc::ConsentRequired:
      return "consent_required";
    case Errc::InteractionRequired:
      return "interaction_required";
    case Errc::AuthorizationPending:
      return "authorization_pending";
    case Errc::SlowDown:
      return "slow_down";
    case Errc::ExpiredToken:
      return "expired_token";
    case Errc::DeviceAccessDenied:
      return "access_denied";
    case Errc::InvalidRequestObject:
      return "invalid_request_object";
    case Errc::InvalidRequestUri:
      return "invalid_request_uri";
    case Errc::PayloadTooLarge:
      return "invalid_request";
    case Errc::Unavailable:
      return "temporarily_unavailable";
    case Errc::TooManyRequests:
      // RFC 6749 §5.2 has no code for it at the token endpoint: the status (429) and
      // Retry-After carry the meaning, invalid_request is the catch-all.
      return "invalid_request";
    case Errc::NotFound:
      return "invalid_request";
    case Errc::Conflict:
      return "invalid_request";
    case Errc::Unauthorized:
      return "invalid_token";
    case Errc::Forbidden:
      return "access_denied";
    case Errc::Ok:
    case Errc::Internal:
      return "server_error";
  }
  return "server_error";
}

std::string_view errc_name(Errc code) {
  switch (code) {
    case Errc::Ok:
      return "ok";
    case Errc::NotFound:
      return "not_found";
    case Errc::Conflict:
      return "conflict";
    case Errc::Unauthorized:
      return "unauthorized";
    case Errc::Forbidden:
      return "forbidden";
    case Errc::Internal:
      return "internal";
    case Errc::TooManyRequests:
      return "too_many_requests";
    default:
      return oauth_error_code(code);
  }
}

}  // namespace latch
