#include "experience/hosted_ui.hpp"

// The one-time-code page and the forgot-password pages.
namespace latch::experience {
namespace {

using http::bhttp::status;

const VerificationRecord* pending_code(const FlowState& s) {
  for (auto it = s.verifications.rbegin(); it != s.verifications.rend(); ++it) {
    if (it->type == VerificationType::VerificationCode) return &*it;
  }
  return nullptr;
}

http::Html code_body(const PageRequest& p, const VerificationRecord& v, const std::string& error) {
  http::Html body = paragraph(p.t("page.code.sent", {{"identifier", v.identifier}}));
  body += alert_box(error);
  http::Html fields = input("code", p.t("field.code"), "text", "",
                            {{"inputmode", "numeric"},
                             {"autocomplete", "one-time-code"},
                             {"pattern", "[0-9]{6}"},
                             {"maxlength", "6"},
                             {"required"},
                             {"autofocus"}});
  fields += submit_button(p.t("action.continue"), "action", "verify");
  fields += submit_button(p.t("action.resend"), "action", "resend", true);
  body += form(p, "/verification-code", fields);
  return body + http::Element("p").add(link("/sign-in", p.t("action.back_to_sign_in")));
}

http::Html password_pair(const PageRequest& p) {
  std::string hint =
      p.t("field.password_hint", {{"min", std::to_string(p.config->password_policy.min_length)}});
  return input("password", p.t("field.new_password"), "password", "",
               {{"autocomplete", "new-password"},
                {"aria-describedby", "pw-hint"},
                {"required"},
                {"autofocus"}}) +
         http::Element("p", {{"id", "pw-hint"}, {"class", "hint"}}).text(hint) +
         input("confirm", p.t("field.confirm_password"), "password", "",
               {{"autocomplete", "new-password"}, {"required"}});
}

}  // namespace

http::Response HostedUi::code(PageRequest& p) {
  auto state = deps_.flow.state(p.ctx);
  if (!state) return error_response(p, state.error());
  const auto* v = pending_code(*state);
  if (!v) return http::redirect_response("/sign-in");
  std::string title = p.t("page.code.title");
  if (!p.post) return render(p, status::ok, title, code_body(p, *v, ""));
  auto fail = [&](const Error& e) {
    return render(p, status::bad_request, title, code_body(p, *v, error_message(p, e)));
  };
  if (p.field("action") == "resend") {
    auto sent = send_code(p, {*v->identifier_type, v->identifier});
    if (!sent) return fail(sent.error());
    return http::redirect_response("/verification-code");
  }
  std::string vid = v->id;
  auto verified = deps_.flow.verify_code(p.ctx, vid, std::string(p.field("code")));
  if (!verified) return fail(verified.error());
  Result<void> next = ok();
  std::string link_to = pending_link(*state, v->identifier);
  if (!link_to.empty()) {
    next = deps_.flow.identify(p.ctx, link_to, true);
  } else if (state->event == InteractionEvent::SignIn && !state->user_id.empty()) {
    next = deps_.flow.add_profile(p.ctx, profile_field_of(*v->identifier_type), vid);
  } else {
    next = deps_.flow.identify(p.ctx, vid);
    // A verified address without an account, where sign-up takes that identifier: carry on as a
    // registration with the same verification (as Logto does) instead of starting over.
    if (!next && no_account_yet(next.error()) && state->event == InteractionEvent::SignIn &&
        p.config->sign_up_enabled() && p.config->requires_identifier(*v->identifier_type)) {
      next = deps_.flow.set_event(p.ctx, InteractionEvent::Register);
      if (next) next = deps_.flow.identify(p.ctx, vid);
    }
  }
  if (!next) return fail(next.error());
  if (state->event == InteractionEvent::ForgotPassword) {
    return http::redirect_response("/forgot-password/reset");
  }
  return finish(p);
}

http::Response HostedUi::forgot(PageRequest& p) {
  std::string title = p.t("page.forgot.title");
  auto body = [&](std::string_view email, const std::string& error) {
    http::Html fields = input("email", p.t("field.email"), "email", email,
                              {{"autocomplete", "email"}, {"required"}, {"autofocus"}});
    fields += submit_button(p.t("action.send_code"));
    return paragraph(p.t("page.forgot.intro")) + alert_box(error) +
           form(p, "/forgot-password", fields) +
           http::Element("p").add(link("/sign-in", p.t("action.back_to_sign_in")));
  };
  if (!p.post) {
    if (auto started = deps_.flow.start(p.ctx, InteractionEvent::ForgotPassword); !started) {
      return error_response(p, started.error());
    }
    return render(p, status::ok, title, body("", ""));
  }
  std::string email(p.field("email"));
  auto sent = send_code(p, {IdentifierType::Email, email});
  if (!sent)
    return render(p, status::bad_request, title, body(email, error_message(p, sent.error())));
  return http::redirect_response("/verification-code");
}

http::Response HostedUi::reset(PageRequest& p) {
  std::string title = p.t("page.reset.title");
  auto body = [&](const std::string& error) {
    return alert_box(error) + form(p, "/forgot-password/reset",
                                   password_pair(p) + submit_button(p.t("action.reset_password")));
  };
  if (!p.post) return render(p, status::ok, title, body(""));
  if (p.field("password") != p.field("confirm")) {
    return render(p, status::bad_request, title,
                  body(error_message(p, keyed_error(Errc::InvalidRequest, "password.mismatch"))));
  }
  auto reset = deps_.flow.reset_password(p.ctx, std::string(p.field("password")));
  if (!reset) return render(p, status::bad_request, title, body(error_message(p, reset.error())));
  auto submitted = deps_.flow.submit(p.ctx);
  if (!submitted) return error_response(p, submitted.error());
  return http::redirect_response("/sign-in?reset=1");
}

}  // namespace latch::experience
