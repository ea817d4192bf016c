#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error_keys.hpp"
#include "experience/hosted_ui.hpp"
#include "experience/pages/mfa_page_kit.hpp"

// The second-factor step of a sign-in (/sign-in/mfa) and passkey sign-in from the first screen
// (/sign-in/passkey). Codes work without JavaScript; a passkey or security key needs
// /static/webauthn.js (webauthn_form).
namespace latch::experience {
namespace {

using http::bhttp::status;
using model::MfaFactor;

bool contains(const std::vector<MfaFactor>& list, MfaFactor f) {
  return std::find(list.begin(), list.end(), f) != list.end();
}

// The factor the page asks for: the one the visitor picked, else the first available.
MfaFactor chosen(const PageRequest& p, const MfaStatus& status) {
  std::string_view asked = p.post ? p.field("factor") : p.http.query.value("factor");
  auto picked = model::parse_mfa_factor(asked);
  if (picked && contains(status.available, *picked)) return *picked;
  return status.available.front();
}

// "Use another method": links to the page for each other available factor.
http::Html other_methods(const PageRequest& p, const MfaStatus& status, MfaFactor current) {
  http::Element list("ul", {{"class", "methods"}});
  bool any = false;
  for (MfaFactor f : status.available) {
    if (f == current) continue;
    std::string href = "/sign-in/mfa?factor=" + std::string(model::mfa_factor_name(f));
    list.add(http::Element("li").add(link(href, p.t(factor_phrase(f)))));
    any = true;
  }
  if (!any) return {};
  return http::Element("h2").text(p.t("page.mfa.other_methods")) + list;
}

http::Html remember_box(const PageRequest& p, const MfaStatus& status, MfaFactor factor) {
  // A backup code is the recovery path, not a reason to trust the browser (as in Logto).
  if (!status.trusted_device || factor == MfaFactor::BackupCode) return {};
  std::string label =
      p.t("page.mfa.remember", {{"days", std::to_string(status.trusted_device_days)}});
  http::VoidElement box(
      "input", {{"id", "f-remember"}, {"type", "checkbox"}, {"name", "remember"}, {"value", "1"}});
  return http::Element("div", {{"class", "terms"}})
      .add(box)
      .add(http::Element("label", {{"for", "f-remember"}, {"class", "inline"}}).text(label));
}

bool is_code_factor(MfaFactor f) {
  return f == MfaFactor::EmailVerificationCode || f == MfaFactor::PhoneVerificationCode;
}

// The flow's latest unverified code of `factor` for its user.
const VerificationRecord* pending_code(const FlowState& s, MfaFactor factor) {
  auto type = factor == MfaFactor::EmailVerificationCode
                  ? VerificationType::MfaEmailVerificationCode
                  : VerificationType::MfaPhoneVerificationCode;
  for (auto it = s.verifications.rbegin(); it != s.verifications.rend(); ++it) {
    if (it->type == type && !it->verified && it->user_id == s.user_id) return &*it;
  }
  return nullptr;
}

IdentifierType address_type(MfaFactor f) {
  return f == MfaFactor::EmailVerificationCode ? IdentifierType::Email : IdentifierType::Phone;
}

}  // namespace

http::Html HostedUi::mfa_code_fields(PageRequest& p, const MfaStatus& status, MfaFactor factor) {
  std::string address = factor == MfaFactor::EmailVerificationCode ? status.email : status.phone;
  // Phone numbers are stored as Logto stores them, digits only; people read them with the "+".
  if (factor != MfaFactor::EmailVerificationCode && !address.empty() && address.front() != '+') {
    address.insert(address.begin(), '+');
  }
  auto state = deps_.flow.state(p.ctx);
  const auto* pending = state ? pending_code(*state, factor) : nullptr;
  http::Html fields = hidden("factor", model::mfa_factor_name(factor));
  if (!pending) {
    return paragraph(p.t("page.mfa.code_intro", {{"identifier", address}})) +
           form(p, "/sign-in/mfa",
                fields + submit_button(p.t("action.send_code"), "action", "send"));
  }
  fields += code_input(p, false) + remember_box(p, status, factor);
  fields += submit_button(p.t("action.verify"), "action", "verify");
  fields += submit_button(p.t("action.resend"), "action", "send", true);
  return paragraph(p.t("page.code.sent", {{"identifier", address}})) +
         form(p, "/sign-in/mfa", fields);
}

http::Response HostedUi::mfa_verify(PageRequest& p) {
  auto mfa = deps_.flow.mfa_status(p.ctx);
  if (!mfa) return error_response(p, mfa.error());
  if (mfa->available.empty()) return finish(p);
  MfaFactor factor = chosen(p, *mfa);
  std::string title = p.t("page.mfa.title");
  auto page = [&](const std::string& error, status code) -> http::Response {
    http::Html fields = hidden("factor", model::mfa_factor_name(factor));
    http::Html body = alert_box(error);
    if (factor == MfaFactor::WebAuthn) {
      auto started = deps_.flow.webauthn_authentication(p.ctx);
      if (!started) return error_response(p, started.error());
      body += paragraph(p.t("page.mfa.webauthn_intro"));
      fields += hidden("verification_id", started->verification_id);
      fields += remember_box(p, *mfa, factor);
      body += webauthn_form(p, "/sign-in/mfa", WebAuthnCeremony::Get, started->options, fields,
                            p.t("action.use_passkey"));
    } else if (is_code_factor(factor)) {
      body += mfa_code_fields(p, *mfa, factor);
    } else {
      body += paragraph(
          p.t(factor == MfaFactor::BackupCode ? "page.mfa.backup_intro" : "page.mfa.totp_intro"));
      fields += code_input(p, factor == MfaFactor::BackupCode);
      fields += remember_box(p, *mfa, factor);
      fields += submit_button(p.t("action.verify"));
      body += form(p, "/sign-in/mfa", fields);
    }
    body += other_methods(p, *mfa, factor);
    return render(p, code, title, body);
  };
  if (!p.post) return page("", status::ok);
  Result<std::string> verified = std::string();
  std::string again = "/sign-in/mfa?factor=" + std::string(model::mfa_factor_name(factor));
  if (is_code_factor(factor) && p.field("action") == "send") {
    auto sent = deps_.flow.send_mfa_code(p.ctx, address_type(factor));
    if (!sent && sent.error().code == Errc::TooManyRequests) p.refusal = sent.error();
    if (!sent) return page(error_message(p, sent.error()), status::bad_request);
    return http::redirect_response(again);
  }
  if (is_code_factor(factor)) {
    auto state = deps_.flow.state(p.ctx);
    if (!state) return error_response(p, state.error());
    const auto* pending = pending_code(*state, factor);
    if (!pending) return http::redirect_response(again);
    verified = deps_.flow.verify_mfa_code(p.ctx, pending->id, std::string(p.field("code")));
  } else if (factor == MfaFactor::WebAuthn) {
    auto credential = credential_of(p);
    if (!credential) return page(error_message(p, credential.error()), status::bad_request);
    verified = deps_.flow.verify_webauthn_authentication(
        p.ctx, std::string(p.field("verification_id")), *credential);
  } else if (factor == MfaFactor::BackupCode) {
    verified = deps_.flow.verify_backup_code(p.ctx, std::string(p.field("code")));
  } else {
    verified = deps_.flow.verify_totp(p.ctx, "", std::string(p.field("code")));
  }
  if (!verified) return page(error_message(p, verified.error()), status::bad_request);
  if (p.field("remember") == "1") {
    if (auto trusted = deps_.flow.trust_device(p.ctx); !trusted) {
      return error_response(p, trusted.error());
    }
  }
  return finish(p);
}

http::Response HostedUi::passkey_sign_in(PageRequest& p) {
  auto fail = [&](const Error& e) {
    return render(p, status::bad_request, p.t("page.passkey.failed_title"),
                  alert_box(error_message(p, e)) +
                      http::Element("p").add(link("/sign-in", p.t("action.back_to_sign_in"))));
  };
  auto credential = credential_of(p);
  if (!credential) return fail(credential.error());
  auto verified = deps_.flow.verify_passkey(p.ctx, "", *credential);
  if (!verified) return fail(verified.error());
  if (auto identified = deps_.flow.identify(p.ctx, *verified); !identified) {
    return fail(identified.error());
  }
  return finish(p);
}

http::Html HostedUi::passkey_button(PageRequest& p) {
  const auto& passkeys = p.config->passkey_sign_in;
  if (!passkeys.enabled || !passkeys.show_passkey_button || p.preview) return {};
  auto options = deps_.flow.passkey_options(p.ctx);
  if (!options) return {};  // the page still works with its other methods
  return webauthn_form(p, "/sign-in/passkey", WebAuthnCeremony::Get, *options, {},
                       p.t("action.sign_in_with_passkey"), true);
}

}  // namespace latch::experience
