#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/cookies.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latch::oidc {

// The browser session cookie (kSessionCookie) travels with a signature cookie named as
// node-oidc-provider (keygrip) names its own: `<name>.sig` holds HMAC-SHA256("<name>=<value>")
// under `key`, base64url. A session cookie whose signature is missing or wrong is no session:
// it is refused before the database is asked. `key` is a secret every node shares.

// The session token the browser holds, or nullopt when there is none or it is not signed by `key`.
std::optional<std::string> read_session_cookie(const http::Request& req, std::string_view key);
// Adds the Set-Cookie headers of the session cookie holding `token` and of its signature.
void set_session_cookie(http::Response& res, std::string_view token, std::string_view key,
                        const http::CookieOptions& opts);
// Adds the Set-Cookie headers that delete both cookies.
void clear_session_cookie(http::Response& res, const http::CookieOptions& opts);

}  // namespace latch::oidc
