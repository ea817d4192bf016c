#include "management_api/management_api.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/random.hpp"
#include "storage/experience_repositories.hpp"

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
  auto work = [&] {
    auto result = handler(call);
    if (result && req.method() != http::bhttp::verb::get) audit(call, result->result_int());
    return result;
  };
  auto result = co_await http::run_blocking(deps_.pool, work);
  if (!result) co_return error_response(result.error());
  co_return std::move(*result);
}

// Admin changes go to the audit log: who (the caller's app), what (method and path), the status.
void ManagementApi::audit(const Call& call, unsigned status) {
  std::string method(http::bhttp::to_string(call.request.method()));
  boost::json::object payload{{"key", "Management." + method},
                              {"result", "Success"},
                              {"method", method},
                              {"path", call.request.path},
                              {"status", status},
                              {"applicationId", call.caller.client_id}};
  storage::AuditLog log{crypto::random_id(21),
                        "Management." + method,
                        "Success",
                        {},
                        call.caller.client_id,
                        call.request.remote_address,
                        boost::json::serialize(payload),
                        deps_.clock.now_millis()};
  auto done = deps_.store.transact([&](storage::Tx& tx) { return tx.logs().insert(log); });
  if (!done) spdlog::error("cannot write audit log: {}", done.error().description);
}

void ManagementApi::mount(http::Router& router) {
  auto g = router.group("/api");
  mount_applications(g);
  mount_users(g);
  mount_connectors(g);
  mount_resources(g);
  mount_logs(g);
}

}  // namespace latch::management_api
