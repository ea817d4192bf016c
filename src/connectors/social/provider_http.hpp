#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "connectors/http/outbound.hpp"
#include "connectors/social/social_connector.hpp"
#include "http/form.hpp"

// Pieces the OAuth 2.0 family of connectors share: calling the provider and reading its answers
// into the connector error phrases (social_connector.hpp).
namespace latch::connectors {

Error connector_failure(Errc code, std::string_view key, std::string detail);

// The callback's ?error=… as a connector error: access_denied → AccessDenied
// connector.authorization_failed; redirect_uri_mismatch → connector.redirect_uri_mismatch;
// anything else → connector.general. `who` names the provider in the detail.
Error callback_error(const CallbackParams& callback, std::string_view who);

// Sends `req`. Unavailable connector.unavailable when the provider cannot be reached, times out
// or answers 5xx.
[[nodiscard]] Result<OutboundResponse> call_provider(OutboundRequest req, std::string_view what);

// The body as JSON. Unavailable connector.invalid_response when it is not.
[[nodiscard]] Result<boost::json::value> json_body(const OutboundResponse& res,
                                                   std::string_view what);

// POSTs an RFC 6749 §4.1.3 token request: `form` plus the client's credentials, in an HTTP Basic
// header (each part form-encoded first, §2.3.1) when `basic`, else in the body.
[[nodiscard]] Result<OutboundResponse> post_token_request(const std::string& url, http::Params form,
                                                          const std::string& client_id,
                                                          const std::string& client_secret,
                                                          bool basic,
                                                          std::chrono::milliseconds timeout);

// The RFC 6749 §5.2 error in a token response, as a connector error (invalid_client → the
// admin's configuration; invalid_grant → an expired code; others → connector.general); ok when
// the response carries none.
[[nodiscard]] Result<void> token_error(const boost::json::object& response);

// The value at a dotted path ("data.user.id") of `root`; nullptr when absent.
const boost::json::value* at_path(const boost::json::value& root, std::string_view path);

// A scalar as text: strings as they are, integers in decimal, booleans as true/false; "" else.
std::string scalar_text(const boost::json::value* value);

}  // namespace latch::connectors
