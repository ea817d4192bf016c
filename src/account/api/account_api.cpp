#include "account/api/account_api.hpp"

#include "core/log.hpp"
#include "experience/pages/page_kit.hpp"
#include "http/json_body.hpp"

namespace latch::account {
namespace {

using http::bhttp::status;

// Keys whose status differs from their Errc's: Logto answers these with 400 on the Account API.
constexpr std::string_view kBadRequestKeys[] = {"user.totp_secret_invalid",
                                                "session.mfa.mfa_factor_not_enabled"};

bool is_policy_rule(const Error& error) {
  return error.code == Errc::InvalidRequest && error.key.starts_with("password.");
}

}  // namespace

status api_status(const Error& error) {
  for (auto key : kBadRequestKeys) {
    if (error.key == key) return status::bad_request;
  }
  if (is_policy_rule(error)) return status::unprocessable_entity;
  switch (error.code) {
    case Errc::NotFound:
      return status::not_found;
    case Errc::Forbidden:
    case Errc::AccessDenied:
      return status::forbidden;
    case Errc::Unauthorized:
    case Errc::InvalidToken:
      return status::unauthorized;
    case Errc::InvalidGrant:
    case Errc::Conflict:
      return status::unprocessable_entity;
    case Errc::Unavailable:
      return status::service_unavailable;
    case Errc::TooManyRequests:
      return status::too_many_requests;
    case Errc::Internal:
      return status::internal_server_error;
    default:
      return status::bad_request;
  }
}

http::Response api_error(const Error& error, experience::Lang lang, const experience::Vars& vars) {
  log_error(error);
  std::string code = error.key.empty() ? "guard.invalid_input" : error.key;
  if (error.code == Errc::Internal) code = "unknown";
  boost::json::object body{{"code", code}, {"message", experience::error_text(lang, error, vars)}};
  if (is_policy_rule(error)) {
    body["code"] = "password.rejected";
    body["data"] = {{"result", {{"rule", error.key}}}};
  }
  if (!error.field.empty()) body["field"] = error.field;
  http::Response res = http::json_response(api_status(error), body);
  http::set_no_store(res);
  if (error.code == Errc::Unauthorized) res.set(http::bhttp::field::www_authenticate, "Bearer");
  if (error.code == Errc::TooManyRequests && error.retry_after > 0) {
    res.set(http::bhttp::field::retry_after, std::to_string(error.retry_after));
  }
  return res;
}

management::RelyingParty relying_party(const Config& config, std::string_view name) {
  return management::relying_party_of(config.endpoint, std::string(name));
}

http::Response no_content() {
  http::Response res = http::empty_response(status::no_content);
  http::set_no_store(res);
  return res;
}

http::asio::awaitable<http::Response> AccountApi::run(http::Request& req, const Route& route) {
  auto lang = experience::choose_language(*deps_.settings.get(), "",
                                          req.header(http::bhttp::field::accept_language));
  boost::json::object body;
  if (!req.body().empty()) {
    auto parsed = http::parse_json_object(req.body());
    if (!parsed || req.media_type() != "application/json") {
      co_return api_error(keyed_error(Errc::InvalidRequest, "guard.invalid_input",
                                      "the body must be a JSON object"),
                          lang);
    }
    body = std::move(*parsed);
  }
  auto work = [&]() -> Result<http::Response> {
    std::optional<AccountCaller> caller;
    auto authenticated = deps_.store.read([&](storage::Tx& tx) -> Result<void> {
      auto found = authenticate(tx, req.header(http::bhttp::field::authorization),
                                req.header(kVerificationHeader), deps_.clock.now_seconds());
      if (!found) return found.error();
      caller = std::move(*found);
      return ok();
    });
    if (!authenticated) return authenticated.error();
    caller->ip = req.remote_address;
    caller->user_agent = std::string(req.header(http::bhttp::field::user_agent));
    AccountCall call{req, std::move(body), std::move(*caller), lang};
    auto res = route.handler(deps_, call);
    if (res) http::set_no_store(*res);
    return res;
  };
  auto result = co_await http::run_on(deps_.pools, route.lane, work);
  if (!result) co_return api_error(http::lane_busy(route.lane), lang);
  if (!*result) {
    co_return api_error(result->error(), lang, experience::error_vars(*deps_.settings.get()));
  }
  co_return std::move(**result);
}

void AccountApi::add(http::Router::Group& group, std::initializer_list<Route> table) {
  for (const Route& route : table) {
    group.route(route.method, route.path,
                [this, route](http::Request& req) { return run(req, route); });
  }
}

void AccountApi::mount(http::Router& router) {
  auto g = router.group("/api");
  mount_account(g);
  mount_mfa(g);
  mount_sessions(g);
  mount_verifications(g);
}

}  // namespace latch::account
