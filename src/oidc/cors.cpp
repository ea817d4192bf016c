#include "oidc/endpoints.hpp"

namespace latch::oidc {

using http::bhttp::field;

awaitable<std::string> Provider::allowed_origin(const http::Request& req) const {
  std::string origin(req.header(field::origin));
  if (origin.empty()) co_return std::string();
  auto catalog = deps_.catalog.snapshot();
  if (catalog->cors_origins.count(origin)) co_return origin;
  auto newer = co_await newer_catalog(*catalog);  // an app registered a moment ago
  if (newer && newer->cors_origins.count(origin)) co_return origin;
  co_return std::string();
}

http::Handler Provider::cors(http::Handler handler) const {
  return [this, handler = std::move(handler)](http::Request& req) -> awaitable<http::Response> {
    http::Response res = co_await handler(req);
    std::string origin = co_await allowed_origin(req);
    if (!origin.empty()) {
      res.set(field::access_control_allow_origin, origin);
      // RFC 9449 §8, §7.1: a browser client reads the nonce and the DPoP challenge.
      res.set(field::access_control_expose_headers, "DPoP-Nonce, WWW-Authenticate");
      res.set(field::vary, "Origin");
    }
    co_return res;
  };
}

void Provider::mount_cors(http::Router& router) {
  auto preflight = [this](http::Request& req) -> awaitable<http::Response> {
    http::Response res = http::empty_response(http::bhttp::status::no_content);
    std::string origin = co_await allowed_origin(req);
    if (!origin.empty()) {
      res.set(field::access_control_allow_origin, origin);
      res.set(field::access_control_allow_methods, "GET, POST");
      res.set(field::access_control_allow_headers, "Authorization, Content-Type, DPoP");
      res.set(field::access_control_max_age, "600");
      res.set(field::vary, "Origin");
    }
    co_return res;
  };
  for (const char* path : {"/token", "/me", "/token/revocation", "/token/introspection"}) {
    router.group("/oidc").route(http::bhttp::verb::options, path, preflight);
  }
}

}  // namespace latch::oidc
