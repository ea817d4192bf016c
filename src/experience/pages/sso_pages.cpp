#include <spdlog/spdlog.h>

#include "core/json.hpp"
#include "crypto/random.hpp"
#include "experience/hosted_ui.hpp"
#include "experience/pages/page_bodies.hpp"
#include "http/cookies.hpp"

// Enterprise SSO pages: the email that picks an IdP (/sso), off to the IdP (/sso/:connectorId,
// or /direct/sso/:connectorId for direct_sign_in=sso:<id>), and back (/callback/sso/:connectorId).
namespace latch::experience {
namespace {

using http::bhttp::status;

std::string button_name(const SsoConnectorInfo& info) {
  std::string name = json_text(info.branding, "displayName");
  return name.empty() ? info.record.connector_name : name;
}

http::Html email_form(const PageRequest& p, std::string_view email, const std::string& error) {
  http::Html fields = input("email", p.t("page.sso.email"), "email", email,
                            {{"autocomplete", "email"}, {"required"}, {"autofocus"}});
  fields += submit_button(p.t("page.sso.submit"));
  return paragraph(p.t("page.sso.intro")) + alert_box(error) + form(p, "/sso", fields) +
         http::Element("p").add(link("/sign-in", p.t("page.sso.back")));
}

// One POST form per connector, as the social buttons are.
http::Html choice(const PageRequest& p, const std::vector<SsoConnectorInfo>& found) {
  http::Element out("div", {{"class", "social"}});
  for (const auto& info : found) {
    http::Element button("button", {{"type", "submit"}, {"class", "secondary social-button"}});
    button.add(http::Element("span").text(button_name(info)));
    out.add(form(p, "/sso/" + info.record.id, button));
  }
  return paragraph(p.t("page.sso.choose")) + out;
}

}  // namespace

http::Html sso_link(const PageRequest& p) {
  if (!p.config->single_sign_on_enabled) return {};
  return http::Element("p").add(link("/sso", p.t("page.sso.link")));
}

http::Response HostedUi::sso_redirect(PageRequest& p, const std::string& connector_id) {
  // Pages always begin as SignIn; the callback registers a person the IdP knows and Latch not.
  if (auto started = deps_.flow.start(p.ctx, InteractionEvent::SignIn); !started) {
    return error_response(p, started.error());
  }
  auto begun = deps_.flow.start_sso(p.ctx, connector_id, crypto::random_id(32),
                                    sso_callback_uri(deps_.config.endpoint, connector_id));
  if (!begun) {
    // The API's connector.not_found phrase speaks of message connectors: say what it means here.
    if (begun.error().key != "connector.not_found") return error_response(p, begun.error());
    return error_response(p, keyed_error(Errc::NotFound, "single_sign_on.connector_not_found"));
  }
  return http::redirect_response(begun->authorization_uri);
}

http::Response HostedUi::sso_for_email(PageRequest& p, const std::string& email) {
  std::string title = p.t("page.sso.title");
  auto found = deps_.flow.sso_connectors_for(email);
  if (!found) return error_response(p, found.error());
  if (found->empty()) {
    Error none = keyed_error(Errc::NotFound, "single_sign_on.connector_not_found");
    return render(p, status::not_found, title, email_form(p, email, error_message(p, none)));
  }
  if (found->size() == 1) return sso_redirect(p, found->front().record.id);
  return render(p, status::ok, title, choice(p, *found));
}

http::Response HostedUi::sso(PageRequest& p) {
  std::string title = p.t("page.sso.title");
  if (!p.config->single_sign_on_enabled) return http::redirect_response("/sign-in");
  if (!p.post) return render(p, status::ok, title, email_form(p, p.view->request.login_hint, ""));
  std::string email(p.field("email"));
  if (email_domain(email).empty()) {
    Error bad = keyed_error(Errc::InvalidRequest, "single_sign_on.connector_not_found");
    return render(p, status::bad_request, title, email_form(p, email, error_message(p, bad)));
  }
  return sso_for_email(p, email);
}

http::Response HostedUi::sso_start(PageRequest& p) {
  return sso_redirect(p, std::string(p.http.param("connectorId")));
}

http::Response HostedUi::sso_direct(PageRequest& p) {
  std::string id(p.http.param("connectorId"));
  // Only the connector the client named in direct_sign_in: no link can start another.
  if (p.view->request.direct_sign_in != "sso:" + id) return http::redirect_response("/sign-in");
  // IdP-initiated SAML: the person the IdP named at the ACS, without another trip there.
  if (auto session = p.http.cookie(kIdpInitiatedSessionCookie)) {
    http::Response res = idp_initiated_sign_in(p, id, *session);
    res.insert(http::bhttp::field::set_cookie,
               http::clear_cookie(kIdpInitiatedSessionCookie, http::CookieOptions{}));
    return res;
  }
  return sso_redirect(p, id);
}

http::Response HostedUi::idp_initiated_sign_in(PageRequest& p, const std::string& connector_id,
                                               const std::string& session_id) {
  if (auto started = deps_.flow.start(p.ctx, InteractionEvent::SignIn); !started) {
    return error_response(p, started.error());
  }
  auto verified = deps_.flow.use_idp_initiated_session(p.ctx, connector_id, session_id);
  // A stale cookie (used, expired, another connector's): an ordinary SP-initiated sign-in.
  if (!verified && verified.error().key == "session.connector_session_not_found") {
    return sso_redirect(p, connector_id);
  }
  if (!verified) return error_response(p, verified.error());
  return sign_in_or_register(p, *verified);
}

http::Response HostedUi::sso_callback(PageRequest& p) {
  std::string id(p.http.param("connectorId"));
  // A test sign-in the admin's browser started (its state tells it from a sign-in in the same
  // browser).
  if (auto sealed = p.http.cookie(kSsoTestCookie)) {
    auto test = deps_.sso.open_test(*sealed);
    if (test && test->connector_id == id && test->session.state == p.http.query.value("state")) {
      return sso_test_result(p, *test);
    }
  }
  if (!p.view) return error_response(p, keyed_error(Errc::NotFound, keys::kSessionNotFound));
  connectors::CallbackParams data;
  for (const auto& [key, value] : p.http.query.items()) data.emplace(key, value);
  if (data.contains("error")) {
    spdlog::warn("SSO connector {}: the IdP answered {}: {}", id, data["error"],
                 p.http.query.value("error_description"));
  }
  auto verified = deps_.flow.verify_sso(p.ctx, id, data, "");
  if (!verified) {
    if (social_failure_of(verified.error()) == SocialFailure::Denied) {
      return http::redirect_response("/sign-in?notice=social_denied");
    }
    return error_response(p, verified.error());
  }
  return sign_in_or_register(p, *verified);
}

http::Response HostedUi::sign_in_or_register(PageRequest& p, const std::string& verified) {
  auto identified = deps_.flow.identify(p.ctx, verified);
  if (identified) return finish(p);
  if (identified.error().key != "user.sso_identity_not_exist" || !p.config->sign_up_enabled()) {
    return error_response(p, identified.error());
  }
  if (auto switched = deps_.flow.set_event(p.ctx, InteractionEvent::Register); !switched) {
    return error_response(p, switched.error());
  }
  if (auto created = deps_.flow.identify(p.ctx, verified); !created) {
    return error_response(p, created.error());
  }
  return finish(p);
}

}  // namespace latch::experience
