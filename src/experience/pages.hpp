#pragma once

#include <optional>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"
#include "experience/flow/flow_service.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

// Helpers shared by the page handlers.
namespace latch::experience {

// The cookie the /device form's CSRF token is bound to (a random value per browser).
inline constexpr std::string_view kDeviceCookie = "_latch_device";

// The browser's interaction uid (cookie), or nullopt.
std::optional<std::string> interaction_uid(const http::Request& req);
// The form of a POST (InvalidRequest for another content type or bad encoding).
[[nodiscard]] Result<http::Params> form_of(const http::Request& req);
// Where the OP resumes interaction `uid`.
std::string resume_url(const std::string& uid);
// The same as an absolute URL under `endpoint` (Logto's form) when `req` came to the endpoint's
// host; otherwise the path, which keeps a browser that reached Latch by another name (a local
// address, a proxy that rewrites Host) on that name. The Host header only picks the form: it never
// becomes part of the URL.
std::string resume_url(const std::string& uid, const http::Request& req,
                       const std::string& endpoint);
// Sets the trusted-device cookie when submit trusted this browser (HttpOnly, SameSite=Lax,
// Secure on an https endpoint, for the trusted days).
void set_trusted_device_cookie(http::Response& res, const Config& config, const Submitted& done);

}  // namespace latch::experience
