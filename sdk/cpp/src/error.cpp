#include "latch/error.hpp"

namespace latch {

std::string_view errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_config:
      return "invalid_config";
    case Errc::network:
      return "network";
    case Errc::unexpected_response:
      return "unexpected_response";
    case Errc::discovery_failed:
      return "discovery_failed";
    case Errc::not_authenticated:
      return "not_authenticated";
    case Errc::sign_in_session_missing:
      return "sign_in_session_missing";
    case Errc::state_mismatch:
      return "state_mismatch";
    case Errc::callback_error:
      return "callback_error";
    case Errc::token_request_failed:
      return "token_request_failed";
    case Errc::invalid_id_token:
      return "invalid_id_token";
    case Errc::invalid_token:
      return "invalid_token";
    case Errc::wrong_audience:
      return "wrong_audience";
    case Errc::insufficient_scope:
      return "insufficient_scope";
    case Errc::refresh_failed:
      return "refresh_failed";
    case Errc::userinfo_failed:
      return "userinfo_failed";
    case Errc::organization_access_denied:
      return "organization_access_denied";
  }
  return "unknown";
}

}  // namespace latch
