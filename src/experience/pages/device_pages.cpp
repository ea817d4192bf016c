#include <boost/json/parse.hpp>

#include "crypto/random.hpp"
#include "experience/hosted_ui.hpp"
#include "experience/pages.hpp"
#include "http/client_address.hpp"
#include "http/cookies.hpp"
#include "oidc/provider.hpp"
#include "oidc/scope.hpp"
#include "oidc/session_cookie.hpp"

// The user's side of the device authorization grant (RFC 8628 §3.3): /device asks for the code
// the device shows, the hosted sign-in (or the browser's session) says who the user is, and
// /device/consent names the device's app and its scopes and records the user's decision. Wrong
// codes count per client address (device_code_failures); over the limit the page answers 429.
namespace latch::experience {
namespace {

using http::bhttp::status;

// The values of a stored space-separated list (scopes, resources); none when it is malformed.
std::vector<std::string> stored_list(const std::string& text) {
  auto values = oidc::parse_scope(text);
  return values ? std::move(*values) : std::vector<std::string>{};
}

std::string scope_label(const PageRequest& p, const std::string& scope) {
  std::string key = "scope." + scope;
  return has_phrase(p.lang, key) ? p.t(key) : scope;
}

http::Response entry_page(const PageRequest& p, status code, std::string_view typed,
                          const std::string& error) {
  http::Html fields = input("user_code", p.t("page.device.code"), "text", typed,
                            {{"autocomplete", "off"},
                             {"autocapitalize", "characters"},
                             {"spellcheck", "false"},
                             {"required", "required"}}) +
                      submit_button(p.t("action.continue"));
  return render(
      p, code, p.t("page.device.title"),
      alert_box(error) + paragraph(p.t("page.device.intro")) + form(p, "/device", fields));
}

// The authentication methods the interaction's sign-in used (its state's "amr"), space-separated.
std::string interaction_amr(const model::Interaction& interaction) {
  boost::system::error_code ec;
  auto state = boost::json::parse(interaction.state_json, ec);
  std::string amr;
  if (ec || !state.is_object()) return amr;
  const auto* list = state.as_object().if_contains("amr");
  if (!list || !list->is_array()) return amr;
  for (const auto& m : list->as_array()) {
    if (m.is_string()) amr += (amr.empty() ? "" : " ") + std::string(m.as_string());
  }
  return amr;
}

// The page after the user's decision: it ends the interaction.
http::Response decided(const PageRequest& p, std::string_view which) {
  Vars vars{{"app", p.view->app_name}};
  std::string base = "page.device." + std::string(which);
  return render(p, status::ok, p.t(base + ".title", vars), paragraph(p.t(base + ".body", vars)));
}

}  // namespace

std::string HostedUi::device_csrf_token(const http::Request& req) const {
  auto browser = req.cookie(kDeviceCookie);
  if (!browser || browser->empty()) return "";
  return csrf_token("device:" + *browser);
}

http::Response HostedUi::device_entry(PageRequest& p) {
  if (!p.post) {
    std::string typed(p.http.query.value("user_code"));
    if (!p.csrf.empty()) return entry_page(p, status::ok, typed, "");
    // A browser's first visit: the form's token is bound to a new cookie.
    std::string browser = crypto::random_token(16);
    p.csrf = csrf_token("device:" + browser);
    http::Response res = entry_page(p, status::ok, typed, "");
    http::CookieOptions cookie;
    cookie.secure = deps_.config.secure_cookies();
    res.insert(http::bhttp::field::set_cookie, http::set_cookie(kDeviceCookie, browser, cookie));
    return res;
  }
  std::string address = http::address_key(p.http.remote_address);
  if (std::int64_t wait = deps_.device_code_failures.blocked_for(address); wait > 0) {
    return error_response(p, too_many_requests(wait));
  }
  std::string typed(p.field("user_code"));
  auto pending = deps_.device.pending(typed);
  if (!pending) return error_response(p, pending.error());
  if (!*pending) {
    if (std::int64_t wait = deps_.device_code_failures.hit(address); wait > 0) {
      return error_response(p, too_many_requests(wait));
    }
    return entry_page(p, status::bad_request, typed, p.t("page.device.invalid_code"));
  }
  return start_device_sign_in(p, **pending);
}

http::Response HostedUi::start_device_sign_in(PageRequest& p, const model::DeviceCode& code) {
  oidc::AuthorizationRequest request;
  request.client_id = code.client_id;
  request.scopes = stored_list(code.scope);
  request.resources = stored_list(code.resources);
  request.ui_locales = std::string(tag(p.lang));
  request.device_user_code = code.user_code;
  std::string session = oidc::read_session_cookie(p.http, deps_.cookie_key).value_or("");
  auto started = deps_.service.start_device(request, p.view ? p.view->interaction.uid : "", session,
                                            deps_.config.interaction_ttl);
  if (!started) return error_response(p, started.error());
  http::CookieOptions cookie;
  cookie.secure = deps_.config.secure_cookies();
  cookie.max_age = std::chrono::seconds(deps_.config.interaction_ttl);
  http::Response res =
      http::redirect_response(started->signed_in ? "/device/consent" : entry_url(request));
  res.insert(http::bhttp::field::set_cookie,
             http::set_cookie(oidc::kInteractionCookie, started->uid, cookie));
  return res;
}

http::Response HostedUi::device_consent(PageRequest& p) {
  const std::string& user_code = p.view->request.device_user_code;
  if (user_code.empty()) {
    return error_response(p, keyed_error(Errc::NotFound, keys::kSessionNotFound));
  }
  if (!p.view->interaction.user_id) return http::redirect_response("/sign-in");
  Vars vars{{"app", p.view->app_name}, {"code", oidc::display_user_code(user_code)}};
  if (!p.post) {
    http::Element scopes("ul", {{"class", "scopes"}});
    for (const auto& scope : p.view->request.scopes) {
      scopes.add(http::Element("li").text(scope_label(p, scope)));
    }
    http::Html decision = submit_button(p.t("action.allow"), "decision", "allow") +
                          submit_button(p.t("action.deny"), "decision", "deny", true);
    return render(p, status::ok, p.t("page.device.consent.title", vars),
                  paragraph(p.t("page.device.consent.intro", vars)) + scopes +
                      paragraph(p.t("page.device.consent.code", vars)) +
                      form(p, "/device/consent", decision));
  }
  bool allow = p.field("decision") == "allow";
  Result<bool> done = allow ? deps_.device.approve({user_code, *p.view->interaction.user_id,
                                                    p.view->interaction.auth_time,
                                                    interaction_amr(p.view->interaction)})
                            : deps_.device.deny(user_code);
  if (!done) return error_response(p, done.error());
  auto session = deps_.service.device_session(p.view->interaction, deps_.config.session_ttl);
  if (!session) return error_response(p, session.error());
  if (auto finished = deps_.service.finish(p.ctx.uid); !finished) {
    return error_response(p, finished.error());
  }
  http::Response res = *done
                           ? decided(p, allow ? "approved" : "denied")
                           : render(p, status::bad_request, p.t("page.device.expired.title", vars),
                                    paragraph(p.t("page.device.expired.body", vars)));
  if (*session) {  // the person signed in here: the browser keeps the session, as after /oidc/auth
    http::CookieOptions cookie;
    cookie.secure = deps_.config.secure_cookies();
    cookie.max_age = std::chrono::seconds(deps_.config.session_ttl);
    oidc::set_session_cookie(res, **session, deps_.cookie_key, cookie);
  }
  return res;
}

}  // namespace latch::experience
