#include "core/error_keys.hpp"
#include "experience/hosted_ui.hpp"
#include "experience/pages.hpp"

// The continue step (a missing required identifier or password), the suspended page, and where
// the browser goes after a verified step.
namespace latch::experience {
namespace {

using http::bhttp::status;

http::Html continue_body(const PageRequest& p, ProfileField field, const std::string& error) {
  std::string name(profile_field_name(field));
  http::Html fields;
  if (field == ProfileField::Password) {
    fields += input("password", p.t("field.password"), "password", "",
                    {{"autocomplete", "new-password"}, {"required"}, {"autofocus"}});
    fields += input("confirm", p.t("field.confirm_password"), "password", "",
                    {{"autocomplete", "new-password"}, {"required"}});
  } else {
    std::string type = field == ProfileField::Email   ? "email"
                       : field == ProfileField::Phone ? "tel"
                                                      : "text";
    fields += input("value", p.t("field." + name), type, "", {{"required"}, {"autofocus"}});
  }
  fields += http::VoidElement("input", {{"type", "hidden"}, {"name", "field"}, {"value", name}});
  bool code = field == ProfileField::Email || field == ProfileField::Phone;
  fields += submit_button(p.t(code ? "action.send_code" : "action.continue"));
  return paragraph(p.t("page.continue.intro")) + alert_box(error) + form(p, "/continue", fields);
}

}  // namespace

std::string page_after_submit_failure(const Error& error) {
  if (error.key == keys::kUserSuspended) return "/account-suspended";
  if (error.key == keys::kMissingProfile) return "/continue";
  if (error.key == keys::kRequireMfaVerification) return "/sign-in/mfa";
  if (error.key == keys::kMissingMfa) return "/sign-in/mfa/enroll";
  if (error.key == keys::kBackupCodeRequired) return "/sign-in/mfa/backup-codes";
  return "";
}

http::Response HostedUi::finish(PageRequest& p) {
  auto submitted = deps_.flow.submit(p.ctx);
  if (!submitted) {
    std::string next = page_after_submit_failure(submitted.error());
    if (!next.empty()) return http::redirect_response(next);
    return error_response(p, submitted.error());
  }
  if (submitted->password_reset) return http::redirect_response("/sign-in?reset=1");
  http::Response res = http::redirect_response(submitted->redirect_to);
  set_trusted_device_cookie(res, deps_.config, *submitted);
  return res;
}

http::Response HostedUi::continue_step(PageRequest& p) {
  auto missing = deps_.flow.missing_profile(p.ctx);
  if (!missing) return error_response(p, missing.error());
  if (missing->empty()) return finish(p);
  ProfileField field = missing->front();
  std::string title = p.t("page.continue.title");
  if (!p.post) return render(p, status::ok, title, continue_body(p, field, ""));
  auto fail = [&](const Error& e) {
    return render(p, status::bad_request, title, continue_body(p, field, error_message(p, e)));
  };
  std::string value(p.field(field == ProfileField::Password ? "password" : "value"));
  if (field == ProfileField::Password && value != p.field("confirm")) {
    return fail(keyed_error(Errc::InvalidRequest, "password.mismatch"));
  }
  if (field == ProfileField::Email || field == ProfileField::Phone) {
    auto sent = send_code(p, {*as_identifier_type(field), value});
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
