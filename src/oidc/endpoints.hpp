#pragma once

#include "http/handler.hpp"
#include "oidc/provider.hpp"

// One function per endpoint; each file implements one (OIDC Core, RFC 6749, 7009, 7662).
namespace latch::oidc {

using http::asio::awaitable;

awaitable<http::Response> authorization_endpoint(Provider& op, http::Request& req);
awaitable<http::Response> authorization_resume_endpoint(Provider& op, http::Request& req);
awaitable<http::Response> token_endpoint(Provider& op, http::Request& req);
// RFC 8628 §3.1: POST /oidc/device/auth.
awaitable<http::Response> device_authorization_endpoint(Provider& op, http::Request& req);
// RFC 9126 §2: POST /oidc/request.
awaitable<http::Response> pushed_authorization_request_endpoint(Provider& op, http::Request& req);
awaitable<http::Response> userinfo_endpoint(Provider& op, http::Request& req);
awaitable<http::Response> end_session_endpoint(Provider& op, http::Request& req);
awaitable<http::Response> end_session_confirm_endpoint(Provider& op, http::Request& req);
awaitable<http::Response> introspection_endpoint(Provider& op, http::Request& req);
awaitable<http::Response> revocation_endpoint(Provider& op, http::Request& req);

// The parameters of a GET (query) or a POST (a form body, or a JSON object of strings, numbers and
// booleans, as Logto accepts). InvalidRequest for another body type or a JSON value of another
// kind.
[[nodiscard]] Result<http::Params> request_params(const http::Request& req);
// Parses a token-endpoint-style body (form or JSON) and refuses repeated parameters.
[[nodiscard]] Result<http::Params> parse_token_body(const http::Request& req);

}  // namespace latch::oidc
