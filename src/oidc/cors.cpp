#include "oidc/endpoints.hpp"

namespace latch::oidc {
namespace {

using http::bhttp::field;

// The request's Origin when a registered app may call from it; "" otherwise.
std::string allowed_origin(const CatalogSnapshot& catalog, const http::Request& req) {
  std::string origin(req.header(field::origin));
  if (origin.empty() || !catalog.cors_origins.count(origin)) return {};
  return origin;
}

}  // namespace

http::Handler Provider::cors(http::Handler handler) const {
  return [this, handler = std::move(handler)](http::Request& req) -> awaitable<http::Response> {
    http::Response res = co_await handler(req);
    std::string origin = allowed_origin(*deps_.catalog.snapshot(), req);
    if (!origin.empty()) {
      res.set(field::access_control_allow_origin, origin);
      res.set(field::vary, "Origin");
    }
    co_return res;
  };
}

void Provider::mount_cors(http::Router& router) {
  auto preflight = [this](http::Request& req) -> awaitable<http::Response> {
    http::Response res = http::empty_response(http::bhttp::status::no_content);
    std::string origin = allowed_origin(*deps_.catalog.snapshot(), req);
    if (!origin.empty()) {
      res.set(field::access_control_allow_origin, origin);
      res.set(field::access_control_allow_methods, "GET, POST");
      res.set(field::access_control_allow_headers, "Authorization, Content-Type");
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
