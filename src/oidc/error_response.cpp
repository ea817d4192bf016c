#include "oidc/error_response.hpp"

#include <boost/json/object.hpp>

#include "core/log.hpp"
#include "oidc/client_authenticator.hpp"

namespace latch::oidc {

using http::bhttp::status;

namespace {

bool is_unknown_client(const Error& error) {
  return error.code == Errc::InvalidClient && error.key == kUnknownClientKey;
}

}  // namespace

status oauth_error_status(const Error& error) {
  if (is_unknown_client(error)) return status::bad_request;
  switch (error.code) {
    case Errc::InvalidClient:
    case Errc::InvalidToken:
    case Errc::Unauthorized:
      return status::unauthorized;
    case Errc::InsufficientScope:
    case Errc::Forbidden:
    case Errc::AccessDenied:  // Logto's organization token refusals (RFC 0001) are 403
      return status::forbidden;
    case Errc::NotFound:
      return status::not_found;
    case Errc::PayloadTooLarge:
      return status::payload_too_large;
    case Errc::Unavailable:
      return status::service_unavailable;
    case Errc::TooManyRequests:
      return status::too_many_requests;
    case Errc::Internal:
    case Errc::Ok:
      return status::internal_server_error;
    default:
      return status::bad_request;
  }
}

Error missing_parameter(std::string_view name) {
  return make_error(Errc::InvalidRequest, "missing required parameter '" + std::string(name) + "'");
}

std::string logto_message(std::string_view wire_code, const std::string& description) {
  struct Phrase {
    std::string_view code;
    std::string_view text;
  };
  static constexpr Phrase kPhrases[] = {
      {"invalid_token", "Invalid token provided."},
      {"invalid_client_metadata", "Invalid client metadata provided."},
      {"invalid_request", "Request is invalid."},
      {"invalid_grant", "Grant request is invalid."},
      {"invalid_redirect_uri",
       "`redirect_uri` did not match any of the client's registered `redirect_uris`."},
      {"access_denied", "Access denied."},
      {"invalid_target", "Invalid resource indicator."},
      {"unsupported_grant_type", "Unsupported `grant_type` requested."},
      {"unsupported_response_mode", "Unsupported `response_mode` requested."},
      {"unsupported_response_type", "Unsupported `response_type` requested."},
  };
  if (wire_code == "invalid_scope") return "Invalid scope: " + description + ".";
  for (const auto& phrase : kPhrases) {
    if (phrase.code == wire_code) return std::string(phrase.text);
  }
  return description;
}

std::string_view oauth_wire_code(const Error& error) {
  constexpr std::string_view kPrefix = "oidc.";
  if (error.code == Errc::InvalidRequest && error.key.starts_with(kPrefix)) {
    std::string_view code = std::string_view(error.key).substr(kPrefix.size());
    for (std::string_view extension : {"invalid_dpop_proof", "use_dpop_nonce"}) {
      if (code == extension) return extension;
    }
  }
  return oauth_error_code(error.code);
}

std::string challenge_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '"' && c != '\\') out.push_back(c);
  }
  return out;
}

http::Response oauth_error(const Error& error) {
  std::string_view wire = oauth_wire_code(error);
  std::string description = error.description;
  log_error(error);
  if (error.code == Errc::Internal || error.code == Errc::Ok) {
    description = "the server failed to complete the request";
  }
  boost::json::object body{{"error", wire},
                           {"error_description", description},
                           {"code", "oidc." + std::string(wire)},
                           {"message", logto_message(wire, description)}};
  http::Response res = http::json_response(oauth_error_status(error), body);
  http::set_no_store(res);
  if (error.code == Errc::TooManyRequests && error.retry_after > 0) {
    res.set(http::bhttp::field::retry_after, std::to_string(error.retry_after));  // RFC 6585 §4
  }
  // A client that failed to authenticate is challenged; one nobody has is a bad request.
  if (error.code == Errc::InvalidClient && !is_unknown_client(error)) {
    res.set(http::bhttp::field::www_authenticate, "Basic realm=\"latch\"");
  } else if (error.code == Errc::InvalidToken || error.code == Errc::InsufficientScope) {
    res.set(http::bhttp::field::www_authenticate,
            "Bearer realm=\"latch\", error=\"" + std::string(wire) + "\", error_description=\"" +
                challenge_text(description) + "\"");
  }
  return res;
}

}  // namespace latch::oidc
