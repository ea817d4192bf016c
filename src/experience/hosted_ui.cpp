#include "experience/hosted_ui.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "experience/layout.hpp"
#include "http/html.hpp"
#include "oidc/error_response.hpp"
#include "oidc/provider.hpp"

namespace latch::experience {

using http::bhttp::status;

std::string HostedUi::entry_url(const oidc::AuthorizationRequest& request) const {
  return request.first_screen == "register" ? "/register" : "/sign-in";
}

http::Response HostedUi::error_page(const http::Request&, const Error& error) const {
  if (error.code == Errc::Internal) return oidc::oauth_error(error);  // logs the detail
  status code = oidc::oauth_error_status(error.code);
  if (code == status::unauthorized) code = status::bad_request;
  std::string title =
      error.code == Errc::NotFound ? "Sign-in session not found" : "Something went wrong";
  return message_page(code, title, error.description);
}

http::Response HostedUi::signed_out_page(const http::Request&) const {
  return message_page(status::ok, "You have signed out", "You can close this window now.");
}

std::string HostedUi::csrf_token(const std::string& uid) const {
  return crypto::base64url_encode(crypto::hmac_sha256(deps_.csrf_key, "csrf:" + uid));
}

bool HostedUi::csrf_ok(const std::string& uid, std::string_view token) const {
  return crypto::constant_time_equal(csrf_token(uid), token);
}

void HostedUi::mount(http::Router& router) {
  auto css = [](http::Request&) -> http::asio::awaitable<http::Response> {
    http::Response res = http::text_response(status::ok, std::string(stylesheet()));
    res.set(http::bhttp::field::content_type, "text/css; charset=utf-8");
    res.set(http::bhttp::field::cache_control, "public, max-age=3600");
    co_return res;
  };
  auto bind = [this](auto member) {
    return [this, member](http::Request& req) { return (this->*member)(req); };
  };
  router.group("")
      .get("/static/latch.css", css)
      .get("/sign-in", bind(&HostedUi::sign_in))
      .post("/sign-in", bind(&HostedUi::sign_in))
      .get("/register", bind(&HostedUi::sign_up))
      .post("/register", bind(&HostedUi::sign_up))
      .get("/consent", bind(&HostedUi::consent))
      .post("/consent", bind(&HostedUi::consent));
}

}  // namespace latch::experience
