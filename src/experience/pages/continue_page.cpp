#include "experience/hosted_ui.hpp"

// The continue step (a missing required identifier or password), the suspended page, and where
// the browser goes after a verified step.
namespace latch::experience {
namespace {

using http::bhttp::status;

http::Html continue_body(const PageRequest& p, const std::string& field, const std::string& error) {
  http::Html fields;
  if (field == "password") {
    fields += input("password", p.t("field.password"), "password", "",
                    {{"autocomplete", "new-password"}, {"required"}, {"autofocus"}});
    fields += input("confirm", p.t("field.confirm_password"), "password", "",
                    {{"autocomplete", "new-password"}, {"required"}});
  } else {
    std::string type = field == "email" ? "email" : field == "phone" ? "tel" : "text";
    fields += input("value", p.t("field." + field), type, "", {{"required"}, {"autofocus"}});
  }
  fields += http::VoidElement("input", {{"type", "hidden"}, {"name", "field"}, {"value", field}});
  bool code = field == "email" || field == "phone";
  fields += submit_button(p.t(code ? "action.send_code" : "action.continue"));
  return paragraph(p.t("page.continue.intro")) + alert_box(error) + form(p, "/continue", fields);
}

}  // namespace

http::Response HostedUi::redirect_for(PageRequest& p, const Error& error, const std::string& page) {
  if (error.description == "user.suspended") return http::redirect_response("/account-suspended");
  if (error.description == "user.missing_profile") return http::redirect_response("/continue");
  if (error.code == Errc::NotFound && error.description == "session.not_found") {
    return error_response(p, error);
  }
  return http::redirect_response(page);
}

http::Response HostedUi::finish(PageRequest& p) {
  auto submitted = deps_.flow.submit(p.ctx);
  if (!submitted) {
    const auto& e = submitted.error();
    if (e.description == "user.suspended" || e.description == "user.missing_profile") {
      return redirect_for(p, e, "/sign-in");
    }
    return error_response(p, e);
  }
  if (submitted->password_reset) return http::redirect_response("/sign-in?reset=1");
  return http::redirect_response(submitted->redirect_to);
}

http::Response HostedUi::continue_step(PageRequest& p) {
  auto missing = deps_.flow.missing_profile(p.ctx);
  if (!missing) return error_response(p, missing.error());
  if (missing->empty()) return finish(p);
  std::string field = missing->front();
  std::string title = p.t("page.continue.title");
  if (!p.post) return render(p, status::ok, title, continue_body(p, field, ""));
  auto fail = [&](const Error& e) {
    return render(p, status::bad_request, title, continue_body(p, field, error_message(p, e)));
  };
  std::string value(p.field(field == "password" ? "password" : "value"));
  if (field == "password" && value != p.field("confirm")) {
    return fail(make_error(Errc::InvalidRequest, "password.mismatch"));
  }
  if (field == "email" || field == "phone") {
    auto sent = send_code(p, {field, value});
    if (!sent) return fail(sent.error());
    return http::redirect_response("/verification-code");
  }
  if (auto added = deps_.flow.add_profile(p.ctx, field, value); !added) return fail(added.error());
  return finish(p);
}

http::Response HostedUi::suspended(PageRequest& p) {
  return message(p, status::forbidden, p.t("page.suspended.title"), p.t("page.suspended.body"),
                 true);
}

}  // namespace latch::experience
