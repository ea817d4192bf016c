#include <boost/json/parse.hpp>

#include "core/error_keys.hpp"
#include "core/log.hpp"
#include "experience/api/experience_api.hpp"
#include "experience/pages.hpp"
#include "experience/pages/page_kit.hpp"
#include "http/client_address.hpp"
#include "http/json_body.hpp"
#include "oidc/error_response.hpp"

namespace latch::experience {

using http::bhttp::status;

http::Response api_error(const Error& error, Lang lang, const Vars& vars) {
  log_error(error);
  status code = status::bad_request;
  switch (error.code) {
    case Errc::NotFound:
      code = status::not_found;
      break;
    case Errc::Forbidden:
      code = status::forbidden;
      break;
    case Errc::Unauthorized:
    case Errc::InvalidToken:
      code = status::unauthorized;
      break;
    case Errc::InvalidGrant:
    case Errc::Conflict:
      code = status::unprocessable_entity;
      break;
    case Errc::Unavailable:
      code = status::service_unavailable;
      break;
    case Errc::TooManyRequests:
      code = status::too_many_requests;
      break;
    case Errc::Internal:
      code = status::internal_server_error;
      break;
    default:
      break;
  }
  bool missing_profile = error.key == keys::kMissingProfile;
  if (missing_profile) code = status::unprocessable_entity;
  std::string api_code = error.key.empty() ? "guard.invalid_input" : error.key;
  if (error.code == Errc::Internal) api_code = "unknown";
  boost::json::object body{{"code", api_code}, {"message", error_text(lang, error, vars)}};
  if (!error.field.empty()) body["field"] = error.field;
  if (missing_profile) {
    boost::json::array missing;
    std::string_view list = error.detail;
    while (!list.empty()) {
      auto comma = list.find(',');
      missing.emplace_back(list.substr(0, comma));
      list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    }
    body["data"] = {{"missingProfile", missing}};
  }
  if (auto refusal = mfa_refusal_of(error)) {
    boost::json::array factors;
    for (auto f : refusal->factors) factors.emplace_back(model::mfa_factor_name(f));
    boost::json::object data{{"availableFactors", std::move(factors)}};
    if (error.key == keys::kMissingMfa) data["skippable"] = refusal->skippable;
    body["data"] = std::move(data);
  }
  http::Response res = http::json_response(code, body);
  http::set_no_store(res);
  if (error.code == Errc::TooManyRequests && error.retry_after > 0) {
    res.set(http::bhttp::field::retry_after, std::to_string(error.retry_after));  // RFC 6585 §4
  }
  return res;
}

http::asio::awaitable<http::Response> ExperienceApi::run(http::Request& req, const Route& route) {
  Lang lang =
      choose_language(*deps_.settings.get(), "", req.header(http::bhttp::field::accept_language));
  auto uid = interaction_uid(req);
  if (!uid) co_return api_error(keyed_error(Errc::NotFound, keys::kSessionNotFound), lang);
  Body body;
  if (!req.body().empty()) {
    auto parsed = http::parse_json_object(req.body());
    if (!parsed || req.media_type() != "application/json") {
      co_return api_error(keyed_error(Errc::InvalidRequest, "guard.invalid_input"), lang);
    }
    body = std::move(*parsed);
  }
  // Path parameters (":connectorId") reach the job as body members; the path wins.
  for (const auto& [name, value] : req.path_params) body[name] = value;
  FlowContext ctx{*uid, req.remote_address, lang,
                  std::string(req.header(http::bhttp::field::user_agent)),
                  req.cookie(kTrustedDeviceCookie).value_or("")};
  std::string address = http::address_key(req.remote_address);
  const bool counted = route.counted;
  if (std::int64_t wait = counted ? deps_.sign_in_attempts.blocked_for(address) : 0; wait > 0) {
    co_return api_error(too_many_requests(wait), lang);
  }
  auto work = [&]() -> Result<http::Response> {
    if (std::int64_t wait = counted ? deps_.sign_in_attempts.hit(address) : 0; wait > 0) {
      return too_many_requests(wait);
    }
    deps_.flow.catch_up_settings();
    return route.step(deps_, ctx, body);
  };
  http::Lane lane = route.lane ? route.lane(body) : http::Lane::Database;
  auto result = co_await http::run_on(deps_.pools, lane, work);
  if (!result) co_return api_error(http::lane_busy(lane), lang);
  if (!*result) co_return api_error(result->error(), lang, error_vars(*deps_.settings.get()));
  http::set_no_store(**result);
  co_return std::move(**result);
}

}  // namespace latch::experience

namespace latch::experience {

http::asio::awaitable<http::Response> ExperienceApi::sso_connectors(http::Request& req) {
  Lang lang =
      choose_language(*deps_.settings.get(), "", req.header(http::bhttp::field::accept_language));
  std::string email(req.query.value("email"));
  auto at = email.find('@');
  if (at == 0 || at == std::string::npos || at + 1 >= email.size() || email.size() > 320) {
    co_return api_error(keyed_error(Errc::InvalidRequest, "guard.invalid_input"), lang);
  }
  auto work = [&]() -> Result<http::Response> {
    deps_.flow.catch_up_settings();
    auto found = deps_.flow.sso_connectors_for(email);
    if (!found) return found.error();
    boost::json::array ids;
    for (const auto& info : *found) ids.emplace_back(info.record.id);
    return http::json_response(http::bhttp::status::ok,
                               boost::json::object{{"connectorIds", std::move(ids)}});
  };
  auto result = co_await http::run_on(deps_.pools, http::Lane::Database, work);
  if (!result) co_return api_error(http::lane_busy(http::Lane::Database), lang);
  if (!*result) co_return api_error(result->error(), lang);
  http::set_no_store(**result);
  co_return std::move(**result);
}

}  // namespace latch::experience
