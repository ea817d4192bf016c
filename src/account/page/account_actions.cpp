#include "account/api/account_api.hpp"
#include "account/page/account_pages.hpp"
#include "crypto/random.hpp"
#include "experience/pages/mfa_page_kit.hpp"
#include "http/form.hpp"

// The account page's forms: each runs one AccountService or VerificationService call and goes
// back to the page (with ?done=<what>), or shows the page again with the error.
namespace latch::account {
namespace {

using http::bhttp::status;

constexpr std::string_view kSocialCookie = "_latch_account_social";

std::optional<experience::IdentifierType> contact_type(std::string_view kind) {
  if (kind == "email") return experience::IdentifierType::Email;
  if (kind == "phone") return experience::IdentifierType::Phone;
  return std::nullopt;
}

std::string text(const AccountRequest& r, std::string_view name) {
  return std::string(r.page.field(name));
}

}  // namespace

http::Response AccountPages::done(const AccountRequest& r, std::string_view what) {
  http::Response res =
      http::redirect_response("/account?done=" + std::string(what), status::see_other);
  if (!r.new_cookie.empty()) res.insert(http::bhttp::field::set_cookie, r.new_cookie);
  http::set_no_store(res);
  return res;
}

http::Response AccountPages::verify(AccountRequest& r) {
  auto record = deps_.verifications.verify_password(r.caller, text(r, "verify_password"),
                                                    r.page.http.remote_address);
  if (!record) return show_error(r, record.error());
  r.new_cookie =
      http::set_cookie(kVerifiedCookie, record->id, page_cookie(deps_.config, kRecordTtl));
  return done(r, "verified");
}

http::Response AccountPages::save_name(AccountRequest& r) {
  std::string name = text(r, "name");
  BasicsPatch patch;
  patch.name = name.empty() ? std::optional<std::string>() : std::optional(name);
  auto saved = deps_.account.update_basics(r.caller, patch);
  return saved ? done(r, "name") : show_error(r, saved.error());
}

http::Response AccountPages::save_username(AccountRequest& r) {
  std::string username = text(r, "username");
  BasicsPatch patch;
  patch.username = username.empty() ? std::optional<std::string>() : std::optional(username);
  auto saved = deps_.account.update_basics(r.caller, patch);
  return saved ? done(r, "username") : show_error(r, saved.error());
}

http::Response AccountPages::send_contact_code(AccountRequest& r) {
  std::string kind = text(r, "kind");
  auto type = contact_type(kind);
  if (!type) return show_error(r, keyed_error(Errc::InvalidRequest, "guard.invalid_input"));
  if (!r.caller.identity_verified) {
    return show_error(r, keyed_error(Errc::Unauthorized, "verification_record.permission_denied"));
  }
  std::string value = text(r, kind);
  auto sent = deps_.verifications.send_code(
      r.caller, {*type, value, "", r.page.lang, r.page.http.remote_address});
  if (!sent) return show_error(r, sent.error());
  return code_page(r, sent->id, kind, value);
}

http::Response AccountPages::confirm_contact(AccountRequest& r) {
  std::string kind = text(r, "kind"), value = text(r, "value"), record = text(r, "record");
  auto type = contact_type(kind);
  if (!type) return show_error(r, keyed_error(Errc::InvalidRequest, "guard.invalid_input"));
  auto checked = deps_.verifications.verify_code(r.caller, record, *type, value, text(r, "code"));
  if (!checked) {
    return code_page(r, record, kind, value, experience::error_message(r.page, checked.error()));
  }
  auto set = deps_.account.set_primary(r.caller, *type, value, record);
  return set ? done(r, "contact") : show_error(r, set.error());
}

http::Response AccountPages::change_password(AccountRequest& r) {
  AccountCaller caller = r.caller;
  if (!r.user.password_hash.empty()) {
    auto record = deps_.verifications.verify_password(r.caller, text(r, "current"),
                                                      r.page.http.remote_address);
    if (!record) return show_error(r, record.error());
    caller.identity_verified = true;  // the current password, checked just now
  }
  auto changed = deps_.account.set_password(caller, text(r, "password"));
  return changed ? done(r, "password") : show_error(r, changed.error());
}

http::Response AccountPages::add_totp(AccountRequest& r) {
  NewFactor factor{
      .type = model::MfaFactor::Totp, .secret = text(r, "secret"), .code = text(r, "code")};
  if (factor.code.empty()) factor.code = "-";  // a code is required here
  auto rp = relying_party(deps_.config, r.page.config->app_name);
  auto added = deps_.account.add_factor(r.caller, factor, rp);
  if (added) return done(r, "totp");
  return totp_page(r, experience::error_message(r.page, added.error()));
}

http::Response AccountPages::add_passkey(AccountRequest& r) {
  auto credential = experience::credential_of(r.page);
  if (!credential) return passkey_page(r, experience::error_message(r.page, credential.error()));
  std::string record = text(r, "record");
  auto kept = deps_.verifications.finish_webauthn(r.caller, record, *credential);
  if (!kept) return passkey_page(r, experience::error_message(r.page, kept.error()));
  NewFactor factor{.type = model::MfaFactor::WebAuthn,
                   .record_id = record,
                   .name = text(r, "passkey_name"),
                   .agent = std::string(r.page.http.header(http::bhttp::field::user_agent))};
  auto rp = relying_party(deps_.config, r.page.config->app_name);
  auto added = deps_.account.add_factor(r.caller, factor, rp);
  if (added) return done(r, "passkey");
  return passkey_page(r, experience::error_message(r.page, added.error()));
}

http::Response AccountPages::new_backup_codes(AccountRequest& r) {
  auto codes = deps_.account.regenerate_backup_codes(r.caller);
  if (!codes) return show_error(r, codes.error());
  const auto& p = r.page;
  http::Element list("ol", {{"class", "backup-codes"}});
  for (const auto& code : *codes)
    list.add(http::Element("li").add(http::Element("code").text(code)));
  http::Html body =
      experience::paragraph(p.t("account.backup.intro")) + list +
      http::Element("p").add(experience::link("/account", p.t("account.backup.done")));
  return experience::render(p, status::ok, p.t("account.backup.title"), body);
}

http::Response AccountPages::remove_factor(AccountRequest& r) {
  auto removed = deps_.account.remove_factor(r.caller, std::string(r.page.http.param("id")));
  return removed ? done(r, "factor_removed") : show_error(r, removed.error());
}

http::Response AccountPages::start_link(AccountRequest& r) {
  if (!r.caller.identity_verified) {
    return show_error(r, keyed_error(Errc::Unauthorized, "verification_record.permission_denied"));
  }
  std::string connector(r.page.http.param("connectorId"));
  std::string redirect =
      deps_.config.endpoint + "/account/callback/social/" + http::percent_encode(connector);
  auto started =
      deps_.verifications.start_social(r.caller, connector, crypto::random_token(16), redirect);
  if (!started) return show_error(r, started.error());
  http::Response res = http::redirect_response(started->authorization_uri, status::see_other);
  res.insert(
      http::bhttp::field::set_cookie,
      http::set_cookie(kSocialCookie, started->record.id, page_cookie(deps_.config, kRecordTtl)));
  http::set_no_store(res);
  return res;
}

http::Response AccountPages::finish_link(AccountRequest& r) {
  std::string record = r.page.http.cookie(kSocialCookie).value_or("");
  connectors::CallbackParams callback;
  for (const auto& [name, value] : r.page.http.query.items()) callback[name] = value;
  auto verified = deps_.verifications.verify_social(r.caller, record, callback);
  if (!verified) return show_error(r, verified.error());
  auto linked = deps_.account.link_identity(r.caller, record, false);
  if (!linked) return show_error(r, linked.error());
  r.new_cookie = http::clear_cookie(kSocialCookie, page_cookie(deps_.config, 0));
  return done(r, "linked");
}

http::Response AccountPages::unlink(AccountRequest& r) {
  auto removed = deps_.account.unlink_identity(r.caller, std::string(r.page.http.param("target")));
  return removed ? done(r, "unlinked") : show_error(r, removed.error());
}

http::Response AccountPages::revoke_session(AccountRequest& r) {
  auto revoked = deps_.account.revoke_session(r.caller, std::string(r.page.http.param("uid")),
                                              GrantRevocation::All);
  return revoked ? done(r, "session_revoked") : show_error(r, revoked.error());
}

}  // namespace latch::account
