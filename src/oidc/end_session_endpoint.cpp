#include <algorithm>

#include "core/error_keys.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "http/blocking.hpp"
#include "http/form.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/id_token_hint.hpp"
#include "oidc/session_cookie.hpp"

// OpenID Connect RP-Initiated Logout 1.0 §2–§3. With an id_token_hint that names the browser
// session's user, the session ends at once. Otherwise (no hint, or a hint for someone else) the
// person is asked first, with a form bound to the session cookie, so that a cross-site link or
// form cannot sign anyone out.
namespace latch::oidc {
namespace {

constexpr std::string_view kConfirmPath = "/oidc/session/end/confirm";

struct LogoutRequest {
  std::string client_id;   // client_id, or the hint's audience
  std::string return_uri;  // a registered post_logout_redirect_uri, or ""
  std::string state;       // echoed to return_uri
  std::string hint_sub;    // the subject of a valid id_token_hint, or ""
  std::string app_name;    // the client's name, for the prompt
};

Error untrusted_return(std::string description) {
  return with_key(make_error(Errc::InvalidRequest, std::move(description)),
                  keys::kInvalidRedirectUri);
}

// The registered URI to return to, "" for none. Never redirects anywhere unregistered. Every
// refusal here is a miss in `catalog`, keyed oidc.invalid_redirect_uri.
Result<LogoutRequest> check_return(const CatalogSnapshot& catalog, LogoutRequest out,
                                   std::string uri) {
  const ClientEntry* client = catalog.client(out.client_id);
  if (client) out.app_name = client->app.name;
  if (uri.empty()) return out;
  if (!client) return untrusted_return("post_logout_redirect_uri needs client_id or id_token_hint");
  const auto& allowed = client->app.post_logout_redirect_uris;
  if (std::find(allowed.begin(), allowed.end(), uri) == allowed.end()) {
    return untrusted_return("post_logout_redirect_uri is not registered for this application");
  }
  auto checked = model::check_redirect_uri(client->app.type, uri, "post_logout_redirect_uri");
  if (!checked) return untrusted_return(checked.error().description);
  out.return_uri = std::move(uri);
  return out;
}

// Reads client_id, id_token_hint, post_logout_redirect_uri and state; an app registered a
// moment ago is looked up once more in the database (see Catalog).
awaitable<Result<LogoutRequest>> parse_logout(const Provider& op, const http::Params& params) {
  LogoutRequest out;
  out.client_id = params.value("client_id");
  out.state = params.value("state");
  if (auto hint = params.get("id_token_hint"); hint && !hint->empty()) {
    auto read = read_id_token_hint(op.deps().config, op.deps().keys, *hint);
    if (!read) co_return read.error();
    if (!out.client_id.empty() && out.client_id != read->audience) {
      co_return make_error(Errc::InvalidRequest, "client_id does not match id_token_hint");
    }
    out.client_id = read->audience;
    out.hint_sub = read->subject;
  }
  std::string uri(params.value("post_logout_redirect_uri"));
  auto catalog = op.deps().catalog.snapshot();
  auto checked = check_return(*catalog, out, uri);
  if (!checked) {
    if (auto newer = co_await op.newer_catalog(*catalog)) checked = check_return(*newer, out, uri);
  }
  co_return checked;
}

// The confirmation form's CSRF token: bound to this browser's session cookie.
std::string logout_token(const Provider& op, std::string_view session) {
  return crypto::base64url_encode(
      crypto::hmac_sha256(op.deps().token_key, "logout:" + std::string(session)));
}

http::Response back_to(const LogoutRequest& logout) {
  http::Params back;
  if (!logout.state.empty()) back.add("state", logout.state);
  return http::redirect_response(http::with_query(logout.return_uri, back),
                                 http::bhttp::status::found);
}

// After the session ended (or there was none): back to the app, or the signed-out page.
http::Response signed_out(const Provider& op, const http::Request& req,
                          const LogoutRequest& logout) {
  http::Response res =
      logout.return_uri.empty() ? op.deps().ui.signed_out_page(req) : back_to(logout);
  clear_session_cookie(res, op.cookie_options(0));
  return res;
}

awaitable<Result<void>> end(Provider& op, const std::string& session) {
  auto job = [&] { return op.authorization().end_session(session); };
  auto ended = co_await http::run_blocking(op.deps().pool, job);
  if (!ended) co_return ended.error();
  co_return ok();
}

http::Response prompt(const Provider& op, const http::Request& req, const LogoutRequest& logout,
                      const std::string& session) {
  LogoutPrompt p{logout.app_name, std::string(kConfirmPath), {}};
  p.fields.add("csrf", logout_token(op, session));
  if (!logout.client_id.empty()) p.fields.add("client_id", logout.client_id);
  if (!logout.return_uri.empty()) p.fields.add("post_logout_redirect_uri", logout.return_uri);
  if (!logout.state.empty()) p.fields.add("state", logout.state);
  if (auto locales = req.query.get("ui_locales")) p.fields.add("ui_locales", std::string(*locales));
  return op.deps().ui.logout_prompt_page(req, p);
}

}  // namespace

awaitable<http::Response> end_session_endpoint(Provider& op, http::Request& req) {
  auto params = request_params(req);
  if (!params) co_return op.deps().ui.error_page(req, params.error());
  auto logout = co_await parse_logout(op, *params);
  if (!logout) co_return op.deps().ui.error_page(req, logout.error());
  auto session = read_session_cookie(req, op.deps().cookie_key);
  if (!session || session->empty()) co_return signed_out(op, req, *logout);
  auto job = [&] { return op.authorization().session_user(*session); };
  auto user = co_await http::run_blocking(op.deps().pool, job);
  if (!user) co_return op.deps().ui.error_page(req, user.error());
  if (!*user) co_return signed_out(op, req, *logout);  // nothing left to end
  if (logout->hint_sub.empty() || logout->hint_sub != **user) {
    co_return prompt(op, req, *logout, *session);
  }
  if (auto ended = co_await end(op, *session); !ended) {
    co_return op.deps().ui.error_page(req, ended.error());
  }
  co_return signed_out(op, req, *logout);
}

// The prompt's answer: "logout=yes" ends the session, anything else keeps it.
awaitable<http::Response> end_session_confirm_endpoint(Provider& op, http::Request& req) {
  auto params = request_params(req);
  if (!params) co_return op.deps().ui.error_page(req, params.error());
  auto session = read_session_cookie(req, op.deps().cookie_key);
  if (!session || session->empty() ||
      !crypto::constant_time_equal(logout_token(op, *session), params->value("csrf"))) {
    co_return op.deps().ui.error_page(
        req, make_error(Errc::InvalidRequest, "the sign-out form has expired; sign out again"));
  }
  auto logout = co_await parse_logout(op, *params);
  if (!logout) co_return op.deps().ui.error_page(req, logout.error());
  if (params->value("logout") != "yes") {
    co_return logout->return_uri.empty() ? op.deps().ui.still_signed_in_page(req)
                                         : back_to(*logout);
  }
  if (auto ended = co_await end(op, *session); !ended) {
    co_return op.deps().ui.error_page(req, ended.error());
  }
  co_return signed_out(op, req, *logout);
}

}  // namespace latch::oidc
