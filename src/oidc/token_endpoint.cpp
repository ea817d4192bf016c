#include <boost/json/parse.hpp>

#include "http/blocking.hpp"
#include "http/form.hpp"
#include "oidc/client_auth_guard.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/error_response.hpp"

namespace latch::oidc {
namespace {

// Logto accepts JSON bodies at the token endpoint and treats them as forms.
Result<http::Params> json_as_form(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return make_error(Errc::InvalidRequest, "malformed JSON body");
  http::Params params;
  for (const auto& [key, v] : value.as_object()) {
    if (v.is_string()) {
      params.add(std::string(key), std::string(v.as_string()));
      continue;
    }
    if (!v.is_array()) {
      return make_error(Errc::InvalidRequest,
                        "parameter " + std::string(key) + " must be a string");
    }
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) return make_error(Errc::InvalidRequest, "malformed JSON body");
      params.add(std::string(key), std::string(item.as_string()));
    }
  }
  return params;
}

}  // namespace

Result<http::Params> request_params(const http::Request& req) {
  if (req.method() != http::bhttp::verb::post) return req.query;
  if (req.media_type() != "application/x-www-form-urlencoded") {
    return make_error(Errc::InvalidRequest, "the body must be application/x-www-form-urlencoded");
  }
  return http::parse_form(req.body());
}

// RFC 6749 §3.2: parameters must not repeat (resource may, RFC 8707).
Result<http::Params> parse_token_body(const http::Request& req) {
  std::string type = req.media_type();
  Result<http::Params> params = make_error(Errc::InvalidRequest, "");
  if (type == "application/x-www-form-urlencoded") {
    params = http::parse_form(req.body());
  } else if (type == "application/json") {
    params = json_as_form(req.body());
  } else {
    return make_error(Errc::InvalidRequest, "the body must be application/x-www-form-urlencoded");
  }
  if (!params) return params;
  for (const auto& [name, value] : params->items()) {
    if (name != "resource" && params->count(name) > 1) {
      return make_error(Errc::InvalidRequest, "parameter " + name + " is repeated");
    }
  }
  return params;
}

// RFC 6749 §3.2, §5: grant_type picks the grant, the client authenticates, the grant decides.
awaitable<http::Response> token_endpoint(Provider& op, http::Request& req) {
  auto params = parse_token_body(req);
  if (!params) co_return oauth_error(params.error());
  auto grant_type = params->get("grant_type");
  if (!grant_type || grant_type->empty()) {
    co_return oauth_error(make_error(Errc::InvalidRequest, "grant_type is required"));
  }
  Grant* grant = op.grant(*grant_type);
  if (!grant) {
    co_return oauth_error(
        make_error(Errc::UnsupportedGrantType,
                   "grant_type " + std::string(*grant_type) + " is not supported"));
  }
  auto catalog = op.deps().catalog.snapshot();
  auto client = co_await authenticate_limited(op, req, *params, *catalog);
  if (!client) co_return oauth_error(client.error());
  GrantContext ctx{*params, *client, *catalog};
  Result<TokenResponse> result = make_error(Errc::Internal, "grant did not run");
  if (grant->blocks()) {
    auto job = [&] { return grant->handle(ctx); };
    result = co_await http::run_blocking(op.deps().pool, job);
  } else {
    result = grant->handle(ctx);
  }
  if (!result) co_return oauth_error(result.error());
  http::Response res = http::json_response(http::bhttp::status::ok, to_json(*result));
  http::set_no_store(res);
  co_return res;
}

}  // namespace latch::oidc
