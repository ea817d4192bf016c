#include <boost/json/serialize.hpp>
#include <ctime>

#include "account/api/account_api.hpp"
#include "account/page/account_pages.hpp"
#include "core/json.hpp"
#include "experience/pages/mfa_page_kit.hpp"

// The account page: one section per part of the account, each with its own small forms.
namespace latch::account {
namespace {

using experience::alert_box;
using experience::form;
using experience::hidden;
using experience::input;
using experience::notice_box;
using experience::paragraph;
using experience::submit_button;
using http::Element;
using http::Html;
using http::VoidElement;
using http::bhttp::status;

std::string date_time(std::int64_t seconds) {
  std::time_t t = seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M UTC", &tm);
  return out;
}

Html section(std::string_view id, const std::string& title, const Html& body) {
  std::string heading = std::string(id) + "-title";
  return Element("section", {{"id", id}, {"aria-labelledby", heading}})
      .add(Element("h2", {{"id", heading}}).text(title))
      .add(body);
}

Html row(const std::string& label, const std::string& value) {
  return Element("p", {{"class", "account-row"}})
      .add(Element("span", {{"class", "muted"}}).text(label + " "))
      .add(Element("strong").text(value));
}

// "Verify it's you": the password makes a record that opens the sensitive forms for 10 minutes.
Html verify_box(const AccountRequest& r) {
  const auto& p = r.page;
  if (r.caller.identity_verified) return notice_box(p.t("account.verified"));
  if (r.user.password_hash.empty()) return paragraph(p.t("account.verify.no_password"));
  Html fields = paragraph(p.t("account.verify.intro")) +
                input("verify_password", p.t("account.verify.password"), "password", "",
                      {{"autocomplete", "current-password"}, {"required"}}) +
                submit_button(p.t("account.verify.submit"));
  return Element("div", {{"class", "account-verify"}}).add(form(p, "/account/verify", fields));
}

Html profile_section(const AccountRequest& r) {
  const auto& p = r.page;
  Html body = form(p, "/account/name",
                   input("name", p.t("account.profile.name"), "text", r.user.name.value_or(""),
                         {{"autocomplete", "name"}, {"maxlength", "128"}}) +
                       submit_button(p.t("account.save")));
  if (r.caller.identity_verified) {
    body += form(p, "/account/username",
                 input("username", p.t("account.profile.username"), "text",
                       r.user.username.value_or(""), {{"autocomplete", "username"}}) +
                     submit_button(p.t("account.save")));
  } else {
    body += row(p.t("account.profile.username"), r.user.username.value_or("-"));
  }
  return section("profile", p.t("account.profile.title"), body);
}

Html contact_form(const AccountRequest& r, std::string_view kind, const std::string& label) {
  const auto& p = r.page;
  return form(
      p, "/account/contact",
      hidden("kind", kind) +
          input(std::string(kind), label, kind == "email" ? "email" : "tel", "", {{"required"}}) +
          submit_button(p.t("action.send_code"), "", "", true));
}

Html contact_section(const AccountRequest& r) {
  const auto& p = r.page;
  Html body = row(p.t("account.contact.email"), r.user.primary_email.value_or("-")) +
              row(p.t("account.contact.phone"), r.user.primary_phone.value_or("-"));
  if (r.caller.identity_verified) {
    body += contact_form(r, "email", p.t("account.contact.new_email"));
    body += contact_form(r, "phone", p.t("account.contact.new_phone"));
  }
  return section("contact", p.t("account.contact.title"), body);
}

Html password_section(const AccountRequest& r) {
  const auto& p = r.page;
  Html fields;
  if (!r.user.password_hash.empty()) {
    fields += input("current", p.t("account.password.current"), "password", "",
                    {{"autocomplete", "current-password"}, {"required"}});
  }
  fields += input("password", p.t("account.password.new"), "password", "",
                  {{"autocomplete", "new-password"}, {"required"}});
  fields += submit_button(p.t("account.password.submit"));
  return section("password", p.t("account.password.title"), form(p, "/account/password", fields));
}

std::string factor_label(const AccountRequest& r, const model::MfaVerification& f) {
  const auto& p = r.page;
  switch (f.type) {
    case model::MfaFactor::Totp:
      return p.t("account.mfa.totp");
    case model::MfaFactor::WebAuthn:
      return f.name.empty() ? p.t("account.mfa.passkey")
                            : p.t("account.mfa.passkey_named", {{"name", f.name}});
    case model::MfaFactor::BackupCode:
      return p.t("account.mfa.backup", {{"left", std::to_string(f.codes_left)},
                                        {"total", std::to_string(f.codes_total)}});
    default:
      return std::string(model::mfa_factor_name(f.type));
  }
}

Html factor_item(const AccountRequest& r, const model::MfaVerification& f) {
  const auto& p = r.page;
  Element item("li");
  item.add(Element("strong").text(factor_label(r, f)));
  item.add(Element("span", {{"class", "muted"}})
               .text(" " + p.t("account.added", {{"date", date_time(f.created_at / 1000)}})));
  if (r.caller.identity_verified) {
    item.add(form(p, "/account/factors/" + f.id + "/remove",
                  submit_button(p.t("account.remove"), "", "", true)));
  }
  return item;
}

Html mfa_section(const AccountRequest& r, const std::vector<model::MfaVerification>& factors) {
  const auto& p = r.page;
  const auto& mfa = p.config->mfa;
  Html body;
  if (factors.empty()) body += paragraph(p.t("account.mfa.none"));
  Element list("ul", {{"class", "account-list"}});
  bool has_totp = false, has_other = false;
  for (const auto& f : factors) {
    list.add(factor_item(r, f));
    has_totp = has_totp || f.type == model::MfaFactor::Totp;
    has_other = has_other || f.type != model::MfaFactor::BackupCode;
  }
  if (!factors.empty()) body += list;
  if (!r.caller.identity_verified) return section("mfa", p.t("account.mfa.title"), body);
  if (mfa.enabled(model::MfaFactor::Totp) && !has_totp) {
    body += Element("p").add(experience::link("/account/totp", p.t("account.mfa.add_totp")));
  }
  bool passkeys = mfa.enabled(model::MfaFactor::WebAuthn) || p.config->passkey_sign_in.enabled;
  if (passkeys) {
    body += Element("p").add(experience::link("/account/passkey", p.t("account.mfa.add_passkey")));
  }
  if (mfa.enabled(model::MfaFactor::BackupCode) && has_other) {
    body += form(p, "/account/backup-codes",
                 submit_button(p.t("account.mfa.new_backup_codes"), "", "", true));
  }
  if (mfa.factors.empty() && !passkeys) body += paragraph(p.t("account.mfa.off"));
  return section("mfa", p.t("account.mfa.title"), body);
}

Html social_section(const AccountRequest& r,
                    const std::vector<experience::SocialConnectorInfo>& all) {
  const auto& p = r.page;
  auto parsed = parse_json(r.user.identities_json);
  boost::json::object identities =
      parsed && parsed->is_object() ? parsed->as_object() : boost::json::object{};
  Html body;
  Element list("ul", {{"class", "account-list"}});
  for (const auto& [target, identity] : identities) {
    Element item("li");
    item.add(Element("strong").text(std::string(target)));
    if (identity.is_object()) {
      const auto* details = identity.as_object().if_contains("details");
      std::string who = details && details->is_object() ? json_text(details->as_object(), "email")
                                                        : std::string();
      if (!who.empty()) item.add(Element("span", {{"class", "muted"}}).text(" " + who));
    }
    if (r.caller.identity_verified) {
      item.add(form(p, "/account/identities/" + std::string(target) + "/remove",
                    submit_button(p.t("account.social.unlink"), "", "", true)));
    }
    list.add(item);
  }
  body += identities.empty() ? paragraph(p.t("account.social.none")) : Html(list);
  if (r.caller.identity_verified) {
    for (const auto& info : all) {
      if (identities.contains(info.record.target)) continue;
      body +=
          form(p, "/account/social/" + info.record.id,
               submit_button(p.t("account.social.link", {{"name", experience::display_name(info)}}),
                             "", "", true));
    }
  }
  return section("social", p.t("account.social.title"), body);
}

std::string app_names(const AccountSession& s, const oidc::CatalogSnapshot& catalog) {
  std::string out;
  for (const auto& g : s.grants) {
    const auto* client = catalog.client(g.client_id);
    std::string name = client ? client->app.name : g.client_id;
    if (out.find(name) != std::string::npos) continue;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

Html session_item(const AccountRequest& r, const AccountSession& s,
                  const oidc::CatalogSnapshot& catalog) {
  const auto& p = r.page;
  Element item("li");
  item.add(Element("strong").text(
      p.t("account.sessions.signed_in", {{"date", date_time(s.session.auth_time)}})));
  if (s.current)
    item.add(Element("span", {{"class", "badge"}}).text(" " + p.t("account.sessions.this")));
  std::string apps = app_names(s, catalog);
  if (!apps.empty()) {
    item.add(Element("span", {{"class", "muted"}})
                 .text(" " + p.t("account.sessions.apps", {{"apps", apps}})));
  }
  item.add(form(p, "/account/sessions/" + s.uid + "/revoke",
                submit_button(p.t("account.sessions.revoke"), "", "", true)));
  return item;
}

Html sessions_section(const AccountRequest& r, const std::vector<AccountSession>& sessions,
                      const oidc::CatalogSnapshot& catalog) {
  const auto& p = r.page;
  if (!r.caller.identity_verified) {
    return section("sessions", p.t("account.sessions.title"),
                   paragraph(p.t("account.sessions.verify_first")));
  }
  Element list("ul", {{"class", "account-list"}});
  for (const auto& s : sessions) list.add(session_item(r, s, catalog));
  return section("sessions", p.t("account.sessions.title"), list);
}

}  // namespace

http::Response AccountPages::show(AccountRequest& r, status code, const std::string& notice,
                                  const std::string& error) {
  const auto& p = r.page;
  auto factors = deps_.account.factors(r.caller);
  auto sessions = r.caller.identity_verified
                      ? deps_.account.sessions(r.caller)
                      : Result<std::vector<AccountSession>>(std::vector<AccountSession>{});
  auto connectors = deps_.social.for_targets(p.config->social_targets);
  Html body;
  if (!r.back_url.empty()) {
    body +=
        Element("p").add(experience::link(r.back_url, p.t("account.back", {{"app", r.back_app}})));
  }
  body += notice_box(notice) + alert_box(error);
  body += paragraph(
      p.t("account.intro", {{"user", r.user.name.value_or(r.user.username.value_or(r.user.id))}}));
  body += profile_section(r);
  body += section("security", p.t("account.security.title"), verify_box(r));
  body += contact_section(r) + password_section(r);
  body += mfa_section(r, factors ? *factors : std::vector<model::MfaVerification>{});
  body +=
      social_section(r, connectors ? *connectors : std::vector<experience::SocialConnectorInfo>{});
  body += sessions_section(r, sessions ? *sessions : std::vector<AccountSession>{},
                           *deps_.catalog.snapshot());
  http::Response res = experience::render(p, code, p.t("account.title"), body);
  if (!r.new_cookie.empty()) res.insert(http::bhttp::field::set_cookie, r.new_cookie);
  return res;
}

http::Response AccountPages::view(AccountRequest& r) {
  constexpr std::string_view kDone[] = {"verified", "name",     "username",       "contact",
                                        "password", "totp",     "passkey",        "factor_removed",
                                        "linked",   "unlinked", "session_revoked"};
  std::string_view done = r.page.http.query.value("done");
  for (auto known : kDone) {
    if (done == known) return show(r, status::ok, r.page.t("account.done." + std::string(done)));
  }
  return show(r);
}

http::Response AccountPages::show_error(AccountRequest& r, const Error& error) {
  if (error.code == Errc::Internal || error.code == Errc::Unavailable) {
    return experience::error_response(r.page, error);
  }
  auto code = error.code == Errc::TooManyRequests ? status::too_many_requests : status::bad_request;
  return show(r, code, {}, experience::error_message(r.page, error));
}

http::Response AccountPages::totp_page(AccountRequest& r, const std::string& error) {
  const auto& p = r.page;
  std::string account = r.user.username.value_or(r.user.primary_email.value_or(r.user.id));
  auto offer = deps_.account.mfa().offer_totp(p.config->app_name, account);
  if (!offer) return show_error(r, offer.error());
  const std::string& secret = offer->secret;
  Html body = alert_box(error) + paragraph(p.t("account.totp.scan"));
  // Raw markup, reviewed: crypto::qr_svg (behind MfaService::offer_totp) draws paths from the
  // QR modules and puts nothing of its input into the markup.
  body += Element("div", {{"class", "qr"}}).add(Html::trusted_markup(offer->qr_svg));
  body += paragraph(p.t("account.totp.or_type"));
  body += Element("p").add(Element("code", {{"class", "secret"}}).text(secret));
  body += form(p, "/account/totp",
               hidden("secret", secret) +
                   input("code", p.t("account.totp.code"), "text", "",
                         {{"inputmode", "numeric"},
                          {"autocomplete", "one-time-code"},
                          {"pattern", "[0-9]{6}"},
                          {"required"}}) +
                   submit_button(p.t("account.totp.submit")));
  body += Element("p").add(experience::link("/account", p.t("action.cancel")));
  return experience::render(p, error.empty() ? status::ok : status::bad_request,
                            p.t("account.totp.title"), body);
}

http::Response AccountPages::passkey_page(AccountRequest& r, const std::string& error) {
  const auto& p = r.page;
  auto rp = relying_party(deps_.config, p.config->app_name);
  auto started = deps_.verifications.start_webauthn(r.caller, rp);
  if (!started) return show_error(r, started.error());
  Html fields = hidden("record", started->record.id) +
                input("passkey_name", p.t("account.passkey.name"), "text", "",
                      {{"maxlength", "128"}, {"autocomplete", "off"}});
  Html body = alert_box(error) + paragraph(p.t("account.passkey.intro")) +
              experience::webauthn_form(p, "/account/passkey", experience::WebAuthnCeremony::Create,
                                        started->options, fields, p.t("account.passkey.submit"));
  body += Element("p").add(experience::link("/account", p.t("action.cancel")));
  return experience::render(p, error.empty() ? status::ok : status::bad_request,
                            p.t("account.passkey.title"), body);
}

http::Response AccountPages::code_page(AccountRequest& r, const std::string& record,
                                       const std::string& kind, const std::string& value,
                                       const std::string& error) {
  const auto& p = r.page;
  Html body = alert_box(error) + paragraph(p.t("page.code.sent", {{"identifier", value}}));
  body +=
      form(p, "/account/contact/confirm",
           hidden("record", record) + hidden("kind", kind) + hidden("value", value) +
               input("code", p.t("account.code"), "text", "",
                     {{"inputmode", "numeric"}, {"autocomplete", "one-time-code"}, {"required"}}) +
               submit_button(p.t("action.continue")));
  body += Element("p").add(experience::link("/account", p.t("action.cancel")));
  return experience::render(p, error.empty() ? status::ok : status::bad_request,
                            p.t("page.code.title"), body);
}

}  // namespace latch::account
