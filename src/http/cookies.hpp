#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace latch::http {

// The value of cookie `name` in a Cookie header (RFC 6265 §5.4), or nullopt (also when the value
// holds bytes outside cookie-octet, §4.1.1).
std::optional<std::string> find_cookie(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
  std::string path = "/";
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
  std::optional<std::chrono::seconds> max_age;  // nullopt = session cookie
};

// A Set-Cookie header value. REQUIRES: name and value contain no ';', ',', whitespace or control
// characters (use base64url or hex values).
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& opts);
// A Set-Cookie value that deletes the cookie.
std::string clear_cookie(std::string_view name, const CookieOptions& opts);

}  // namespace latch::http
