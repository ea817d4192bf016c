#include "experience/hosted_ui.hpp"
#include "experience/pages/page_bodies.hpp"

namespace latch::experience {
namespace {

using http::bhttp::status;

std::string identifier_label(const PageRequest& p, const std::vector<IdentifierType>& types) {
  std::string label;
  for (IdentifierType type : types) {
    if (!label.empty()) label += p.t("field.or");
    label += p.t("field." + std::string(identifier_type_name(type)));
  }
  return label;
}

struct SignInOptions {
  std::vector<IdentifierType> types;
  bool password = false, code = false;
};

SignInOptions options_of(const SignInExperience& c) {
  SignInOptions o;
  for (const auto& m : c.sign_in) {
    o.types.push_back(m.identifier);
    o.password = o.password || m.password;
    o.code = o.code || m.verification_code;
  }
  return o;
}

}  // namespace

http::Html sign_in_body(const PageRequest& p, bool can_reset, std::string_view identifier,
                        const std::string& error, const std::string& notice) {
  auto o = options_of(*p.config);
  http::Html body = notice_box(notice) + alert_box(error);
  if (!o.types.empty()) {
    http::Html fields = input(
        "identifier", identifier_label(p, o.types), "text", identifier,
        {{"autocomplete", "username"}, {"autocapitalize", "none"}, {"required"}, {"autofocus"}});
    if (o.password) {
      fields += input("password", p.t("field.password"), "password", "",
                      {{"autocomplete", "current-password"}});
    }
    if (p.config->agree_to_terms_policy == "Manual") fields += terms_checkbox(p);
    if (o.password) fields += submit_button(p.t("action.sign_in"), "action", "password");
    if (o.code) fields += submit_button(p.t("action.use_code"), "action", "code", o.password);
    body += form(p, "/sign-in", fields);
    if (o.password && can_reset) {
      body += http::Element("p").add(link("/forgot-password", p.t("link.forgot_password")));
    }
  } else if (p.config->social_targets.empty()) {
    body += paragraph(p.t("page.sign_in.no_methods"));
  } else {
    body += paragraph(p.t("page.sign_in.social_only"));
  }
  body += social_buttons(p);
  body += sso_link(p);
  if (p.config->sign_up_enabled() && !p.config->social_only()) {
    body += http::Element("p", {{"class", "muted"}})
                .text(p.t("link.no_account") + " ")
                .add(link("/register", p.t("action.create_account")));
  }
  return body;
}

http::Response HostedUi::sign_in(PageRequest& p) {
  load_social(p);
  auto configured = deps_.messages.configured("email");
  bool can_reset = configured && *configured && p.config->allows_reset_by(kForgotByEmail);
  std::string title = p.t("page.sign_in.title");
  if (!p.post) {
    if (auto started = deps_.flow.start(p.ctx, InteractionEvent::SignIn); !started) {
      return error_response(p, started.error());
    }
    std::string notice = p.http.query.value("reset") == "1" ? p.t("page.reset.done") : "";
    if (p.http.query.value("notice") == "social_denied") notice = p.t("page.sign_in.social_denied");
    return render(
        p, status::ok, title,
        sign_in_body(p, can_reset, p.view->request.login_hint, "", notice) + passkey_button(p));
  }
  std::string identifier(p.field("identifier"));
  auto fail = [&](status code, const Error& e) {
    return render(
        p, code, title,
        sign_in_body(p, can_reset, identifier, error_message(p, e), "") + passkey_button(p));
  };
  if (p.config->agree_to_terms_policy == "Manual" && p.field("terms") != "1") {
    return fail(status::bad_request, keyed_error(Errc::InvalidRequest, "terms.not_agreed"));
  }
  if (identifier.empty()) {
    return fail(status::bad_request,
                keyed_error(Errc::InvalidRequest, "session.identifier_required"));
  }
  Identifier id{identifier_type_of(identifier), identifier};
  if (p.field("action") == "code") {
    auto sent = send_code(p, id);
    if (!sent) return fail(status::bad_request, sent.error());
    return http::redirect_response("/verification-code");
  }
  auto verified = deps_.flow.verify_password(p.ctx, id, std::string(p.field("password")));
  // An email of an SSO domain signs in at its IdP (Logto's session.sso_enabled): go there.
  if (!verified && verified.error().key == "session.sso_enabled") {
    return sso_for_email(p, identifier);
  }
  if (!verified) {
    auto code = verified.error().code == Errc::Forbidden ? status::forbidden : status::unauthorized;
    if (verified.error().code == Errc::NotFound) return error_response(p, verified.error());
    return fail(code, verified.error());
  }
  if (auto identified = deps_.flow.identify(p.ctx, *verified); !identified) {
    return fail(status::bad_request, identified.error());
  }
  return finish(p);
}

}  // namespace latch::experience
