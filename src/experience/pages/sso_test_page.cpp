#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include "experience/hosted_ui.hpp"
#include "http/cookies.hpp"

// Test connection: the admin's link (/sso/test/:ticket, from POST
// /api/sso-connectors/:id/test-sessions) sends the browser to the connector's IdP exactly as a
// sign-in does, and the callback shows what came back: who the IdP says signed in and the
// claims or attributes it sent, or why the answer was refused. Nobody is created, linked or
// changed, and no browser session is started.
namespace latch::experience {
namespace {

using http::bhttp::status;

http::CookieOptions test_cookie(const Config& config) {
  http::CookieOptions cookie;
  cookie.secure = config.endpoint.starts_with("https://");
  cookie.max_age = kSsoTestTtl;
  return cookie;
}

// One row of the result: a term and its value (nothing for an empty value).
void add_row(http::Element& list, const std::string& term, const std::string& value) {
  if (value.empty()) return;
  list.add(http::Element("dt").text(term));
  list.add(http::Element("dd").text(value));
}

http::Html found_person(const PageRequest& p, const connectors::sso::SsoUserInfo& user) {
  http::Element who("dl", {{"class", "claims"}});
  add_row(who, p.t("page.sso_test.issuer"), user.issuer);
  add_row(who, p.t("page.sso_test.subject"), user.subject);
  add_row(who, p.t("page.sso_test.email"), user.email);
  add_row(who, p.t("page.sso_test.name"), user.name);
  add_row(who, p.t("page.sso_test.avatar"), user.avatar);
  // What the IdP sent, member by member as it sent it.
  http::Element raw("dl", {{"class", "claims raw"}});
  for (const auto& [key, value] : user.raw) {
    std::string text =
        value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
    add_row(raw, std::string(key), text);
  }
  http::Html out = notice_box(p.t("page.sso_test.passed")) + who;
  if (!user.raw.empty()) {
    out += http::Element("h2").text(p.t("page.sso_test.raw"));
    out += raw;
  }
  return out + paragraph(p.t("page.sso_test.nothing_changed"));
}

http::Html failure(const PageRequest& p, const Error& error) {
  http::Element details("details", {{"open"}});
  details.add(http::Element("summary").text(p.t("page.error.details")));
  // What failed (the key, or an unkeyed error's words) and the detail (for developers).
  std::string technical = error.key.empty() ? error.description : error.key;
  if (!error.detail.empty()) technical += ": " + error.detail;
  details.add(http::Element("code").text(technical));
  return alert_box(p.t("page.sso_test.failed", {{"reason", error_message(p, error)}})) + details +
         paragraph(p.t("page.sso_test.nothing_changed"));
}

}  // namespace

http::Response HostedUi::sso_test(PageRequest& p) {
  auto connector_id = deps_.sso.open_test_link(p.http.param("ticket"));
  if (!connector_id) return error_response(p, connector_id.error());
  auto started = deps_.flow.start_sso_test(*connector_id,
                                           sso_callback_uri(deps_.config.endpoint, *connector_id));
  if (!started) {
    std::string title = p.t("page.sso_test.title");
    return render(p, status::bad_request, title, failure(p, started.error()));
  }
  http::Response res = http::redirect_response(started->uri);
  res.insert(http::bhttp::field::set_cookie,
             http::set_cookie(kSsoTestCookie, deps_.sso.seal_test(started->test),
                              test_cookie(deps_.config)));
  return res;
}

http::Response HostedUi::sso_test_result(PageRequest& p, const SsoTest& test) {
  connectors::CallbackParams data;
  for (const auto& [key, value] : p.http.query.items()) data.emplace(key, value);
  auto user = deps_.flow.verify_sso_test(test, data);
  std::string title = p.t("page.sso_test.title");
  http::Response res = user ? render(p, status::ok, title, found_person(p, *user))
                            : render(p, status::bad_request, title, failure(p, user.error()));
  if (!user) {
    spdlog::info("SSO connector {}: test connection failed: {} {}", test.connector_id,
                 user.error().key, user.error().detail);
  }
  res.insert(http::bhttp::field::set_cookie,
             http::clear_cookie(kSsoTestCookie, test_cookie(deps_.config)));
  return res;
}

}  // namespace latch::experience
