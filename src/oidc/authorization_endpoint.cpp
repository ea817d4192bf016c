#include "http/blocking.hpp"
#include "http/form.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/id_token_hint.hpp"
#include "oidc/pushed_request.hpp"
#include "oidc/request_object.hpp"
#include "oidc/response_mode.hpp"
#include "oidc/session_cookie.hpp"

namespace latch::oidc {
namespace {

// Every redirect of the authorization endpoint is a 303 See Other, as node-oidc-provider (and so
// Logto) answers: the browser follows it with a GET whatever method brought it here.

// Where an answer goes: the redirect URI, in the response mode the client asked for.
struct ClientTarget {
  const std::string& redirect_uri;
  const std::string& state;
  ResponseMode mode;
};

ClientTarget target_of(const AuthorizationRequest& ar) {
  return {ar.redirect_uri, ar.state, ar.response_mode};
}

// RFC 6749 §4.1.2 and RFC 9207: every answer carries state (if sent) and iss.
http::Response to_client(const Provider& op, const http::Request& req, const ClientTarget& to,
                         http::Params params) {
  if (!to.state.empty()) params.add("state", to.state);
  params.add("iss", op.deps().config.issuer());
  if (to.mode == ResponseMode::Query)
    return authorization_response(to.mode, to.redirect_uri, params);
  return authorization_response(to.mode, to.redirect_uri, params,
                                op.deps().ui.form_post_words(req));
}

http::Response error_to_client(const Provider& op, const http::Request& req, const ClientTarget& to,
                               const Error& error) {
  http::Params params;
  params.add("error", std::string(oauth_error_code(error.code)));
  params.add("error_description", error.description);
  return to_client(op, req, to, std::move(params));
}

http::Response page(const Provider& op, const http::Request& req, const Error& error) {
  return op.deps().ui.error_page(req, error);
}

// Turns the service's decision into the browser's next hop.
http::Response answer(Provider& op, const http::Request& req, const AuthorizeOutcome& outcome) {
  const AuthorizationRequest& ar = outcome.request;
  http::Response res;
  if (outcome.client_error) {
    res = error_to_client(op, req, target_of(ar), *outcome.client_error);
  } else if (outcome.interaction_uid) {
    const InteractionUi& ui = op.deps().ui;
    res = http::redirect_response(outcome.consent_only ? ui.consent_url(ar) : ui.entry_url(ar));
    res.insert(http::bhttp::field::set_cookie,
               http::set_cookie(kInteractionCookie, *outcome.interaction_uid,
                                op.cookie_options(op.deps().config.interaction_ttl)));
  } else {
    http::Params params;
    params.add("code", *outcome.code);
    res = to_client(op, req, target_of(ar), std::move(params));
  }
  if (outcome.session_token) {
    set_session_cookie(res, *outcome.session_token, op.deps().cookie_key,
                       op.cookie_options(op.deps().config.session_ttl));
  }
  return res;
}

// The request's parameters, and whether they were pushed (RFC 9126).
struct Resolved {
  http::Params params;
  bool pushed = false;
};

// RFC 9126 §4: a request_uri brings the request pushed under it (used up by this call), and every
// other parameter but client_id, which must match, is ignored. RFC 9101 §6.3: with a request
// object, its parameters are the request's.
awaitable<Result<Resolved>> resolve(Provider& op, http::Params params,
                                    const CatalogSnapshot& catalog) {
  auto uri = params.get("request_uri");
  auto object = params.get("request");
  if (!uri && !object) co_return Resolved{std::move(params), false};
  if (uri && object) {
    co_return make_error(Errc::InvalidRequest, "request and request_uri cannot be used together");
  }
  if (params.count("client_id") != 1 || params.value("client_id").empty()) {
    co_return make_error(Errc::InvalidRequest, "client_id is missing or repeated");
  }
  std::string client_id(params.value("client_id"));
  if (uri) {
    std::string request_uri(*uri);
    PushedRequests pushed(op.deps().store, op.deps().clock, op.deps().config.pushed_request_ttl);
    auto job = [&] { return pushed.redeem(request_uri, client_id); };
    auto redeemed = co_await http::run_blocking(op.deps().pool, job);
    if (!redeemed) co_return redeemed.error();
    co_return Resolved{std::move(*redeemed), true};
  }
  const ClientEntry* client = catalog.client(client_id);
  if (!client) co_return make_error(Errc::InvalidClient, "the application is unknown");
  std::string jwt(*object);
  auto read = co_await read_request_object(op, *client, jwt);
  if (!read) co_return read.error();
  co_return Resolved{std::move(*read), false};
}

}  // namespace

// OIDC Core §3.1.2.1: validate, then single sign-on or hand-off to the sign-in UI.
awaitable<http::Response> authorization_endpoint(Provider& op, http::Request& req) {
  auto query = request_params(req);
  if (!query) co_return page(op, req, query.error());
  auto catalog = op.deps().catalog.snapshot();
  auto resolved = co_await resolve(op, std::move(*query), *catalog);
  if (!resolved) co_return page(op, req, resolved.error());
  const http::Params* params = &resolved->params;
  auto parsed = parse_authorization_request(*params, *catalog);
  if (!parsed && parsed.error().catalog_miss) {  // an app or API created a moment ago
    if (auto newer = co_await op.newer_catalog(*catalog)) {
      catalog = std::move(newer);
      parsed = parse_authorization_request(*params, *catalog);
    }
  }
  if (!parsed) {
    const AuthorizationFailure& failure = parsed.error();
    if (!failure.redirect) co_return page(op, req, failure.error);
    co_return error_to_client(op, req, {failure.redirect_uri, failure.state, failure.response_mode},
                              failure.error);
  }
  // OIDC Core §3.1.2.1: a hint that does not verify is an invalid request, not ignored.
  if (auto hint = params->get("id_token_hint"); hint && !hint->empty()) {
    auto read = read_id_token_hint(op.deps().config, op.deps().keys, *hint);
    if (!read) co_return error_to_client(op, req, target_of(*parsed), read.error());
    parsed->hint_subject = std::move(read->subject);
  }
  const ClientEntry& client = *catalog->client(parsed->client_id);
  // RFC 9126 §6: this app's requests come only through the pushed authorization request endpoint.
  if (client.app.require_pushed_authorization_requests && !resolved->pushed) {
    co_return error_to_client(
        op, req, target_of(*parsed),
        make_error(Errc::InvalidRequest,
                   "this application must use pushed authorization requests"));
  }
  AuthorizationService::Browser browser{read_session_cookie(req, op.deps().cookie_key),
                                        req.cookie(kInteractionCookie)};
  auto job = [&] { return op.authorization().authorize(*parsed, client, browser); };
  auto outcome = co_await http::run_blocking(op.deps().pool, job);
  if (!outcome) co_return page(op, req, outcome.error());
  co_return answer(op, req, *outcome);
}

// GET /oidc/auth/:uid, where the sign-in UI sends the browser when it is done.
awaitable<http::Response> authorization_resume_endpoint(Provider& op, http::Request& req) {
  std::string uid(req.param("uid"));
  auto bound = req.cookie(kInteractionCookie);
  auto catalog = op.deps().catalog.snapshot();
  auto job = [&] { return op.authorization().resume(uid, bound, *catalog); };
  auto outcome = co_await http::run_blocking(op.deps().pool, job);
  if (!outcome) {
    if (outcome.error().code == Errc::InteractionRequired) {
      co_return http::redirect_response("/sign-in");
    }
    co_return page(op, req, outcome.error());
  }
  http::Response res = answer(op, req, *outcome);
  if (outcome->code) {  // the interaction is used up
    res.insert(http::bhttp::field::set_cookie,
               http::clear_cookie(kInteractionCookie, op.cookie_options(0)));
  }
  co_return res;
}

}  // namespace latch::oidc
