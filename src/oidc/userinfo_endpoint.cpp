#include "http/blocking.hpp"
#include "oidc/claims.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/error_response.hpp"

namespace latch::oidc {
namespace {

// RFC 6750 §2.1 (header) and §2.2 (form body); one method only.
Result<std::string> bearer_token(const http::Request& req) {
  std::string_view header = req.header(http::bhttp::field::authorization);
  if (!header.empty()) {
    if (header.size() < 8 || !std::equal(header.begin(), header.begin() + 7, "bearer ",
                                         [](char a, char b) { return std::tolower(a) == b; })) {
      return make_error(Errc::InvalidRequest, "the authorization header must be a Bearer token");
    }
    return std::string(header.substr(7));
  }
  if (req.method() == http::bhttp::verb::post &&
      req.media_type() == "application/x-www-form-urlencoded") {
    auto params = request_params(req);
    if (params) {
      if (auto token = params->get("access_token")) return std::string(*token);
    }
  }
  return make_error(Errc::InvalidToken, "an access token is required");
}

}  // namespace

// OIDC Core §5.3.
awaitable<http::Response> userinfo_endpoint(Provider& op, http::Request& req) {
  auto token = bearer_token(req);
  if (!token) co_return oauth_error(token.error());
  auto job = [&] { return op.registry().userinfo_subject(*token); };
  auto subject = co_await http::run_blocking(op.deps().pool, job);
  if (!subject) co_return oauth_error(subject.error());
  boost::json::object claims = user_claims(subject->user, subject->scopes, true);
  for (const auto& [name, value] : subject->stored_claims) claims[name] = value;
  http::Response res = http::json_response(http::bhttp::status::ok, claims);
  http::set_no_store(res);
  co_return res;
}

}  // namespace latch::oidc
