#include "experience/hosted_ui.hpp"
#include "experience/pages/page_bodies.hpp"

namespace latch::experience {

using http::bhttp::status;

http::Html register_body(const PageRequest& p, std::string_view identifier,
                         const std::string& error) {
  const auto& c = *p.config;
  http::Html body = alert_box(error);
  if (!c.sign_up_enabled()) return body + paragraph(p.t("page.register.disabled"));
  if (c.social_only()) {
    // Without an enabled connector there is nothing below to sign up with.
    std::string key = p.social.empty() ? "page.sign_in.no_methods" : "page.register.social_only";
    return body + paragraph(p.t(key)) + social_buttons(p);
  }
  std::string label;
  for (IdentifierType type : c.sign_up.identifiers) {
    label += (label.empty() ? "" : p.t("field.or")) +
             p.t("field." + std::string(identifier_type_name(type)));
  }
  bool email_only =
      c.sign_up.identifiers.size() == 1 && c.sign_up.identifiers[0] == IdentifierType::Email;
  std::string type = email_only ? "email" : "text";
  http::Html fields = input(
      "identifier", label, type, identifier,
      {{"autocomplete", "username"}, {"autocapitalize", "none"}, {"required"}, {"autofocus"}});
  bool password_now = c.sign_up.password && !c.sign_up.verify;
  if (password_now) {
    std::string hint =
        p.t("field.password_hint", {{"min", std::to_string(c.password_policy.min_length)}});
    fields += input("password", p.t("field.password"), "password", "",
                    {{"autocomplete", "new-password"}, {"aria-describedby", "pw-hint"}});
    fields += http::Element("p", {{"id", "pw-hint"}, {"class", "hint"}}).text(hint);
    fields += input("confirm", p.t("field.confirm_password"), "password", "",
                    {{"autocomplete", "new-password"}});
  }
  if (c.agree_to_terms_policy != "Automatic") fields += terms_checkbox(p);
  fields += submit_button(p.t(password_now ? "action.create_account" : "action.send_code"));
  body += form(p, "/register", fields) + social_buttons(p);
  body += http::Element("p", {{"class", "muted"}})
              .text(p.t("link.have_account") + " ")
              .add(link("/sign-in", p.t("action.sign_in")));
  return body;
}

http::Response HostedUi::sign_up(PageRequest& p) {
  load_social(p);
  const auto& c = *p.config;
  std::string title = p.t("page.register.title");
  if (!p.post) {
    if (c.sign_up_enabled()) {
      if (auto started = deps_.flow.start(p.ctx, InteractionEvent::Register); !started) {
        return error_response(p, started.error());
      }
    }
    std::string hint = p.view->request.login_hint;
    return render(p, status::ok, title, register_body(p, hint, ""));
  }
  std::string identifier(p.field("identifier"));
  if (identifier.empty()) identifier = p.field("username");  // the earlier form's field name
  auto fail = [&](const Error& e) {
    auto code = e.code == Errc::Conflict ? status::conflict : status::bad_request;
    return render(p, code, title, register_body(p, identifier, error_message(p, e)));
  };
  if (!c.sign_up_enabled() || c.social_only()) {
    return fail(keyed_error(Errc::Forbidden, "user.sign_up_method_not_enabled"));
  }
  if (c.agree_to_terms_policy != "Automatic" && p.field("terms") != "1") {
    return fail(keyed_error(Errc::InvalidRequest, "terms.not_agreed"));
  }
  if (identifier.empty()) return fail(keyed_error(Errc::InvalidRequest, "guard.invalid_input"));
  Identifier id{identifier_type_of(identifier), identifier};
  if (!c.requires_identifier(id.type)) id.type = c.sign_up.identifiers.front();
  if (c.sign_up.verify && id.type != IdentifierType::Username) {
    auto sent = send_code(p, id);
    if (!sent) return fail(sent.error());
    return http::redirect_response("/verification-code");
  }
  if (p.field("password") != p.field("confirm")) {
    return fail(keyed_error(Errc::InvalidRequest, "password.mismatch"));
  }
  auto verified = deps_.flow.new_password_identity(p.ctx, id, std::string(p.field("password")));
  if (!verified) return fail(verified.error());
  if (auto identified = deps_.flow.identify(p.ctx, *verified); !identified) {
    return fail(identified.error());
  }
  return finish(p);
}

}  // namespace latch::experience
