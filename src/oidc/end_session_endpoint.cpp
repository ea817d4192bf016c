#include <algorithm>

#include "crypto/jws.hpp"
#include "http/blocking.hpp"
#include "oidc/endpoints.hpp"

namespace latch::oidc {
namespace {

// The client an id_token_hint was issued to, if it is one of ours (expired hints are fine:
// OIDC RP-Initiated Logout §2).
Result<std::string> hint_audience(const Provider& op, std::string_view hint) {
  auto keys = op.deps().keys.snapshot();
  auto jwt = crypto::verify_jwt(hint, [&](std::string_view kid) { return keys->verifier(kid); });
  if (!jwt) return make_error(Errc::InvalidRequest, "id_token_hint is not a valid ID token");
  const auto* iss = jwt->payload.if_contains("iss");
  const auto* aud = jwt->payload.if_contains("aud");
  if (!iss || !iss->is_string() || iss->as_string() != op.deps().config.issuer() || !aud ||
      !aud->is_string()) {
    return make_error(Errc::InvalidRequest, "id_token_hint was not issued by this provider");
  }
  return std::string(aud->as_string());
}

// The registered URI to return to, "" for none. Never redirects anywhere unregistered.
Result<std::string> return_uri(const Provider& op, const http::Params& params) {
  std::string client_id(params.value("client_id"));
  if (auto hint = params.get("id_token_hint"); hint && !hint->empty()) {
    auto aud = hint_audience(op, *hint);
    if (!aud) return aud.error();
    if (!client_id.empty() && client_id != *aud) {
      return make_error(Errc::InvalidRequest, "client_id does not match id_token_hint");
    }
    client_id = *aud;
  }
  std::string uri(params.value("post_logout_redirect_uri"));
  if (uri.empty()) return std::string();
  const ClientEntry* client = op.deps().catalog.snapshot()->client(client_id);
  if (!client) {
    return make_error(Errc::InvalidRequest,
                      "post_logout_redirect_uri needs client_id or id_token_hint");
  }
  const auto& allowed = client->app.post_logout_redirect_uris;
  if (std::find(allowed.begin(), allowed.end(), uri) == allowed.end()) {
    return make_error(Errc::InvalidRequest,
                      "post_logout_redirect_uri is not registered for this application");
  }
  return uri;
}

}  // namespace

// OpenID Connect RP-Initiated Logout 1.0 §2–§3.
awaitable<http::Response> end_session_endpoint(Provider& op, http::Request& req) {
  auto params = request_params(req);
  if (!params) co_return op.deps().ui.error_page(req, params.error());
  auto destination = return_uri(op, *params);
  if (!destination) co_return op.deps().ui.error_page(req, destination.error());
  if (auto session = req.cookie(kSessionCookie); session && !session->empty()) {
    auto job = [&] { return op.authorization().end_session(*session); };
    auto ended = co_await http::run_blocking(op.deps().pool, job);
    if (!ended) co_return op.deps().ui.error_page(req, ended.error());
  }
  http::Response res;
  if (destination->empty()) {
    res = op.deps().ui.signed_out_page(req);
  } else {
    http::Params back;
    if (auto state = params->get("state"); state && !state->empty()) {
      back.add("state", std::string(*state));
    }
    res = http::redirect_response(back.empty() ? *destination : with_query(*destination, back),
                                  http::bhttp::status::found);
  }
  res.insert(http::bhttp::field::set_cookie,
             http::clear_cookie(kSessionCookie, op.cookie_options(0)));
  co_return res;
}

}  // namespace latch::oidc
