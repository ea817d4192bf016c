#include "management_api/management_api.hpp"

#include <boost/json/parse.hpp>

#include "http/blocking.hpp"

namespace latch::management_api {

http::asio::awaitable<http::Response> ManagementApi::run(http::Request& req,
                                                         const Handler& handler) {
  auto caller =
      oidc::authorize_management(req.header(http::bhttp::field::authorization), deps_.keys,
                                 deps_.config.issuer(), deps_.clock.now_seconds());
  if (!caller) co_return error_response(caller.error());
  boost::json::object body;
  if (!req.body().empty()) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(req.body(), ec);
    if (ec || !parsed.is_object() || req.media_type() != "application/json") {
      co_return error_response(
          make_error(Errc::InvalidRequest, "the body must be a JSON object (application/json)"));
    }
    body = std::move(parsed.as_object());
  }
  Call call{req, std::move(body), std::move(*caller)};
  auto work = [&] { return handler(call); };
  auto result = co_await http::run_blocking(deps_.pool, work);
  if (!result) co_return error_response(result.error());
  co_return std::move(*result);
}

void ManagementApi::mount(http::Router& router) {
  auto g = router.group("/api");
  mount_applications(g);
  mount_users(g);
  mount_connectors(g);
  mount_resources(g);
}

}  // namespace latch::management_api
