#include "crypto/qr_svg.hpp"
#include "experience/hosted_ui.hpp"
#include "experience/pages/mfa_page_kit.hpp"

// Adding a second factor during a sign-in or registration: /sign-in/mfa/enroll (choose, or skip
// when the policy allows), /sign-in/mfa/totp (QR code from /sign-in/mfa/totp.svg, the secret to
// copy, a code to confirm), /sign-in/mfa/webauthn (a passkey or security key) and
// /sign-in/mfa/backup-codes (shown once, then "I have saved them") and /sign-in/mfa/address (an
// email or phone code for a user without that address).
namespace latch::experience {
namespace {

using http::bhttp::status;
using model::MfaFactor;

std::string enrol_page(MfaFactor factor) {
  switch (factor) {
    case MfaFactor::WebAuthn:
      return "/sign-in/mfa/webauthn";
    case MfaFactor::EmailVerificationCode:
    case MfaFactor::PhoneVerificationCode:
      return "/sign-in/mfa/address?factor=" + std::string(model::mfa_factor_name(factor));
    default:
      return "/sign-in/mfa/totp";
  }
}

// The latest code of this flow sent to a new address of `type`, while it is not verified yet.
const VerificationRecord* pending_address_code(const FlowState& s, IdentifierType type) {
  for (auto it = s.verifications.rbegin(); it != s.verifications.rend(); ++it) {
    if (it->type == VerificationType::VerificationCode && it->identifier_type == type) {
      return it->verified ? nullptr : &*it;
    }
  }
  return nullptr;
}

// The flow's TOTP secret offered and not yet confirmed.
const VerificationRecord* pending_totp(const FlowState& s) {
  for (auto it = s.verifications.rbegin(); it != s.verifications.rend(); ++it) {
    if (it->type == VerificationType::Totp && it->bind && !it->verified &&
        it->user_id == s.user_id) {
      return &*it;
    }
  }
  return nullptr;
}

}  // namespace

http::Response HostedUi::mfa_enroll(PageRequest& p) {
  auto mfa = deps_.flow.mfa_status(p.ctx);
  if (!mfa) return error_response(p, mfa.error());
  if (p.post && p.field("action") == "skip") {
    if (auto skipped = deps_.flow.skip_mfa(p.ctx); !skipped) {
      return error_response(p, skipped.error());
    }
    return finish(p);
  }
  if (mfa->enabled.size() == 1 && !mfa->skippable) {
    return http::redirect_response(enrol_page(mfa->enabled.front()));
  }
  http::Html body =
      paragraph(p.t(mfa->skippable ? "page.mfa_enroll.offer" : "page.mfa_enroll.required"));
  http::Element list("ul", {{"class", "methods"}});
  for (MfaFactor f : mfa->enabled) {
    list.add(http::Element("li").add(link(enrol_page(f), p.t(factor_phrase(f)))));
  }
  body += list;
  if (mfa->skippable) {
    body += form(p, "/sign-in/mfa/enroll",
                 submit_button(p.t("action.skip_for_now"), "action", "skip", true));
  }
  return render(p, status::ok, p.t("page.mfa_enroll.title"), body);
}

http::Response HostedUi::mfa_totp(PageRequest& p) {
  std::string title = p.t("page.mfa_totp.title");
  if (p.post) {
    std::string vid(p.field("verification_id"));
    auto verified = deps_.flow.verify_totp(p.ctx, vid, std::string(p.field("code")));
    Result<void> bound = verified ? deps_.flow.bind_mfa(p.ctx, MfaFactor::Totp, vid)
                                  : Result<void>(verified.error());
    if (bound) return finish(p);
    // The same secret stays on the page: the QR code was scanned already.
    auto state = deps_.flow.state(p.ctx);
    if (!state) return error_response(p, state.error());
    const auto* pending = pending_totp(*state);
    if (!pending || pending->id != vid) return error_response(p, bound.error());
    return render(p, status::bad_request, title,
                  totp_body(p, vid, pending->secret, error_message(p, bound.error())));
  }
  auto offer = deps_.flow.totp_secret(p.ctx);
  if (!offer) return error_response(p, offer.error());
  return render(p, status::ok, title, totp_body(p, offer->verification_id, offer->secret, ""));
}

http::Html HostedUi::totp_body(const PageRequest& p, const std::string& vid,
                               const std::string& secret, const std::string& error) {
  http::Html body = paragraph(p.t("page.mfa_totp.scan"));
  body += http::Element("p", {{"class", "qr"}})
              .add(http::VoidElement("img", {{"src", "/sign-in/mfa/totp.svg?v=" + vid},
                                             {"alt", p.t("page.mfa_totp.qr_alt")},
                                             {"width", "200"},
                                             {"height", "200"}}));
  body += paragraph(p.t("page.mfa_totp.manual"));
  body += http::Element("p").add(http::Element("code", {{"class", "secret"}}).text(secret));
  body += alert_box(error);
  http::Html fields = hidden("verification_id", vid) + code_input(p, false);
  fields += submit_button(p.t("action.verify"));
  return body + form(p, "/sign-in/mfa/totp", fields);
}

// The QR code of the offered secret, as its own image (the pages' CSP allows img-src 'self').
http::Response HostedUi::mfa_totp_qr(PageRequest& p) {
  auto state = deps_.flow.state(p.ctx);
  if (!state) return error_response(p, state.error());
  const auto* pending = pending_totp(*state);
  if (!pending)
    return error_response(p, keyed_error(Errc::NotFound, "session.verification_session_not_found"));
  auto svg = crypto::qr_svg(pending->otpauth_uri);
  if (!svg) return error_response(p, svg.error());
  http::Response res = http::text_response(status::ok, std::move(*svg));
  res.set(http::bhttp::field::content_type, "image/svg+xml");
  res.set("Content-Security-Policy", "default-src 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  http::set_no_store(res);
  return res;
}

// An email or phone code as the factor, for a user without that address: the address, a code
// sent to it, then the code (FlowService::bind_address). "Use another address" starts over.
http::Response HostedUi::mfa_address(PageRequest& p) {
  std::string factor_name(p.post ? p.field("factor") : p.http.query.value("factor"));
  auto factor = model::parse_mfa_factor(factor_name);
  if (!factor || (*factor != MfaFactor::EmailVerificationCode &&
                  *factor != MfaFactor::PhoneVerificationCode)) {
    return error_response(p,
                          keyed_error(Errc::InvalidRequest, "session.mfa.mfa_factor_not_enabled"));
  }
  bool email = *factor == MfaFactor::EmailVerificationCode;
  IdentifierType type = email ? IdentifierType::Email : IdentifierType::Phone;
  std::string here = enrol_page(*factor);
  auto state = deps_.flow.state(p.ctx);
  if (!state) return error_response(p, state.error());
  const VerificationRecord* pending = pending_address_code(*state, type);
  if (!p.post && p.http.query.value("change") == "1") pending = nullptr;
  std::string title = p.t(email ? "page.mfa_address.email_title" : "page.mfa_address.phone_title");
  auto page = [&](const std::string& error, status code) {
    http::Html fields = hidden("factor", factor_name);
    http::Html body;
    if (!pending) {
      body =
          paragraph(p.t(email ? "page.mfa_address.email_intro" : "page.mfa_address.phone_intro"));
      fields += input("value", p.t(email ? "field.email" : "field.phone"), email ? "email" : "tel",
                      "", {{"autocomplete", email ? "email" : "tel"}, {"required"}, {"autofocus"}});
      fields += submit_button(p.t("action.send_code"), "action", "send");
      return render(p, code, title,
                    body + alert_box(error) + form(p, "/sign-in/mfa/address", fields));
    }
    body = paragraph(p.t("page.code.sent", {{"identifier", pending->identifier}}));
    fields += hidden("verification_id", pending->id) + code_input(p, false);
    fields += submit_button(p.t("action.verify"), "action", "verify");
    fields += submit_button(p.t("action.resend"), "action", "resend", true);
    body += alert_box(error) + form(p, "/sign-in/mfa/address", fields);
    body += http::Element("p").add(link(here + "&change=1", p.t("action.use_another_address")));
    return render(p, code, title, body);
  };
  if (!p.post) return page("", status::ok);
  std::string_view action = p.field("action");
  if (action == "send" || (action == "resend" && pending)) {
    std::string value = action == "send" ? std::string(p.field("value")) : pending->identifier;
    auto sent = send_code(p, {type, value});
    if (!sent) {
      if (action == "send") pending = nullptr;
      return page(error_message(p, sent.error()), status::bad_request);
    }
    return http::redirect_response(here);
  }
  std::string vid(p.field("verification_id"));
  auto verified = deps_.flow.verify_code(p.ctx, vid, std::string(p.field("code")));
  Result<void> bound =
      verified ? deps_.flow.bind_mfa(p.ctx, *factor, vid) : Result<void>(verified.error());
  if (bound) return finish(p);
  if (verified) pending = nullptr;  // the address itself was refused: ask for another
  return page(error_message(p, bound.error()), status::bad_request);
}

http::Response HostedUi::mfa_webauthn(PageRequest& p) {
  std::string title = p.t("page.mfa_webauthn.title");
  std::string error;
  if (p.post) {
    std::string vid(p.field("verification_id"));
    auto credential = credential_of(p);
    Result<std::string> added =
        credential ? deps_.flow.verify_webauthn_registration(p.ctx, vid, *credential)
                   : Result<std::string>(credential.error());
    Result<void> bound =
        added ? deps_.flow.bind_mfa(p.ctx, MfaFactor::WebAuthn, vid) : Result<void>(added.error());
    if (bound) return finish(p);
    error = error_message(p, bound.error());
  }
  auto started = deps_.flow.webauthn_registration(p.ctx);
  if (!started) return error_response(p, started.error());
  http::Html body = paragraph(p.t("page.mfa_webauthn.intro")) + alert_box(error);
  body +=
      webauthn_form(p, "/sign-in/mfa/webauthn", WebAuthnCeremony::Create, started->options,
                    hidden("verification_id", started->verification_id), p.t("action.add_passkey"));
  return render(p, error.empty() ? status::ok : status::bad_request, title, body);
}

http::Response HostedUi::mfa_backup_codes(PageRequest& p) {
  if (p.post) {
    auto bound =
        deps_.flow.bind_mfa(p.ctx, MfaFactor::BackupCode, std::string(p.field("verification_id")));
    if (!bound) return error_response(p, bound.error());
    return finish(p);
  }
  auto codes = deps_.flow.generate_backup_codes(p.ctx);
  if (!codes) return error_response(p, codes.error());
  http::Element list("ol", {{"class", "backup-codes"}});
  for (const auto& code : codes->codes)
    list.add(http::Element("li").add(http::Element("code").text(code)));
  http::Html body = paragraph(p.t("page.mfa_backup.intro")) + list;
  body += form(
      p, "/sign-in/mfa/backup-codes",
      hidden("verification_id", codes->verification_id) + submit_button(p.t("action.saved_codes")));
  return render(p, status::ok, p.t("page.mfa_backup.title"), body);
}

}  // namespace latch::experience
