#include "http/cookies.hpp"
#include "http/form.hpp"
#include "management/saml_sign_in.hpp"
#include "management_api/management_api.hpp"

// The anonymous routes of SAML apps (Logto's routes/saml-application/anonymous.ts): the IdP
// metadata, the SSO service (SAML bindings §3.4 HTTP-Redirect and §3.5 HTTP-POST), Latch's
// IdP-initiated start, and the callback the authorization endpoint returns to, which posts the
// signed Response to the SP's ACS. Errors answer as the management API's do ({code, message}).
namespace latch::management_api {
namespace {

using http::bhttp::status;
using Deps = ManagementApiDeps;
using http::asio::awaitable;

// The SAML session between the SSO service and the callback (Logto's
// spInitiatedSamlSsoSessionCookieName). Lax, not Strict: an SP's redirect or form post is a
// cross-site navigation, and the callback must still see it when the browser session signs the
// person in without a page.
constexpr std::string_view kSessionCookie = "latch_saml_session";

http::CookieOptions cookie_options(const Deps& d) {
  return {.path = "/api", .secure = d.config.secure_cookies(), .same_site = "Lax"};
}

management::SamlSignIn sign_in(const Deps& d) {
  return {d.store, d.secrets, d.clock, d.config.endpoint};
}

std::string raw_query(const http::Request& req) {
  std::string_view target = req.message.target();
  auto mark = target.find('?');
  return mark == std::string_view::npos ? std::string() : std::string(target.substr(mark + 1));
}

// Runs `work` on the database pool and renders its error as the management API does.
template <class Work>
awaitable<http::Response> blocking(const Deps& d, Work& work) {
  auto result = co_await http::run_on(d.pools, http::Lane::Database, work);
  if (!result) co_return error_response(http::lane_busy(http::Lane::Database));
  if (!*result) co_return error_response(result->error());
  co_return std::move(**result);
}

// The same for the routes a browser follows: a browser (it asks for text/html) gets a page that
// explains the error in the person's language; a script or an SP's back end gets the JSON body.
template <class Work>
awaitable<http::Response> for_browser(const Deps& d, const http::Request& req, Work& work) {
  auto result = co_await http::run_on(d.pools, http::Lane::Database, work);
  const bool page =
      req.header(http::bhttp::field::accept).find("text/html") != std::string_view::npos;
  if (!result || !*result) {
    const Error error = result ? result->error() : http::lane_busy(http::Lane::Database);
    co_return page ? d.ui.error_page(req, error) : error_response(error);
  }
  co_return std::move(**result);
}

// Off to the authorization endpoint, with the session's cookie.
Result<http::Response> to_sign_in(const Deps& d, Result<management::SamlAuthnStart> started) {
  if (!started) return started.error();
  http::Response res = http::redirect_response(started->authorization_url, status::found);
  auto options = cookie_options(d);
  options.max_age = std::chrono::seconds((started->expires_at - d.clock.now_millis()) / 1000);
  res.insert(http::bhttp::field::set_cookie,
             http::set_cookie(kSessionCookie, started->session_id, options));
  http::set_no_store(res);
  return res;
}

// SAML bindings §3.5.4: the form that carries the Response to the ACS, submitted by
// kSamlAutoSubmitPath (the page allows no inline script), or by hand without script.
http::Response post_page(const Deps& d, const saml::PostForm& form) {
  http::Response res = http::text_response(status::ok, saml::post_form_html(form));
  res.set(http::bhttp::field::content_type, "text/html; charset=utf-8");
  // No form-action: the form goes to the SP's ACS, another origin.
  res.set("Content-Security-Policy",
          "default-src 'none'; script-src 'self'; base-uri 'none'; frame-ancestors 'none'");
  res.set(http::bhttp::field::set_cookie, http::clear_cookie(kSessionCookie, cookie_options(d)));
  http::set_no_store(res);
  return res;
}

awaitable<http::Response> metadata(const Deps& d, http::Request& req) {
  auto work = [&]() -> Result<http::Response> {
    management::SamlApplicationService apps(d.store, d.secrets, d.clock, d.config.endpoint);
    auto xml = apps.metadata(std::string(req.param("id")));
    if (!xml) return xml.error();
    http::Response res = http::text_response(status::ok, std::move(*xml));
    res.set(http::bhttp::field::content_type, "text/xml;charset=utf-8");
    return res;
  };
  co_return co_await blocking(d, work);
}

awaitable<http::Response> authn_redirect(const Deps& d, http::Request& req) {
  auto work = [&]() -> Result<http::Response> {
    return to_sign_in(d, sign_in(d).start({.app_id = std::string(req.param("id")),
                                           .binding = management::SamlBinding::Redirect,
                                           .raw_query = raw_query(req)}));
  };
  co_return co_await for_browser(d, req, work);
}

awaitable<http::Response> authn_post(const Deps& d, http::Request& req) {
  auto work = [&]() -> Result<http::Response> {
    if (req.media_type() != "application/x-www-form-urlencoded") {
      return keyed_error(Errc::InvalidRequest, "application.saml.invalid_saml_request",
                         "the body is not a form");
    }
    auto form = http::parse_form(req.body());
    if (!form) return form.error();
    auto relay = form->get("RelayState");
    return to_sign_in(d, sign_in(d).start({.app_id = std::string(req.param("id")),
                                           .binding = management::SamlBinding::Post,
                                           .saml_request = std::string(form->value("SAMLRequest")),
                                           .relay_state = relay ? std::optional<std::string>(*relay)
                                                                : std::nullopt}));
  };
  co_return co_await for_browser(d, req, work);
}

// Latch: IdP-initiated SSO (SAML profiles §4.1.5). The person signs in, and the SP receives an
// unsolicited Response, with ?RelayState= when given.
awaitable<http::Response> idp_initiated(const Deps& d, http::Request& req) {
  auto work = [&]() -> Result<http::Response> {
    auto relay = req.query.get("RelayState");
    return to_sign_in(d, sign_in(d).start({.app_id = std::string(req.param("id")),
                                           .binding = management::SamlBinding::IdpInitiated,
                                           .relay_state = relay ? std::optional<std::string>(*relay)
                                                                : std::nullopt}));
  };
  co_return co_await for_browser(d, req, work);
}

awaitable<http::Response> callback(const Deps& d, http::Request& req) {
  auto work = [&]() -> Result<http::Response> {
    const auto& q = req.query;
    auto form = sign_in(d).finish({.app_id = std::string(req.param("id")),
                                   .session_id = req.cookie(kSessionCookie),
                                   .code = std::string(q.value("code")),
                                   .state = std::string(q.value("state")),
                                   .error = std::string(q.value("error")),
                                   .error_description = std::string(q.value("error_description"))});
    if (!form) return form.error();
    return post_page(d, *form);
  };
  co_return co_await for_browser(d, req, work);
}

}  // namespace

void ManagementApi::mount_saml_sign_in(http::Router::Group& g) {
  const Deps* d = &deps_;
  g.get("/saml-applications/:id/metadata", [d](http::Request& req) { return metadata(*d, req); });
  g.get("/saml-applications/:id/callback", [d](http::Request& req) { return callback(*d, req); });
  g.get("/saml/:id/authn", [d](http::Request& req) { return authn_redirect(*d, req); });
  g.post("/saml/:id/authn", [d](http::Request& req) { return authn_post(*d, req); });
  g.get("/saml/:id/sign-in", [d](http::Request& req) { return idp_initiated(*d, req); });
  g.get(management::kSamlAutoSubmitPath.substr(4), [](http::Request&) -> awaitable<http::Response> {
    http::Response res = http::text_response(status::ok, std::string(saml::kAutoSubmitScript));
    res.set(http::bhttp::field::content_type, "text/javascript; charset=utf-8");
    res.set(http::bhttp::field::cache_control, "public, max-age=86400");
    co_return res;
  });
}

}  // namespace latch::management_api
