#include "account/api/account_api.hpp"
#include "management_api/api_kit.hpp"

// /api/my-account/mfa-verifications: the user's second factors (Logto's
// routes/account/mfa-verifications.ts).
namespace latch::account {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using management_api::string_field;
using management_api::strings_field;

Error invalid(std::string field) {
  return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input", field), field);
}

Result<std::string> text(const json::object& body, std::string_view key, bool required) {
  auto value = string_field(body, key);
  if (!value) return value.error();
  if (!*value && required) return invalid(std::string(key));
  return value->value_or("");
}

Result<NewFactor> factor_of(const AccountCall& c) {
  auto type_text = text(c.body, "type", true);
  if (!type_text) return type_text.error();
  auto type = model::parse_mfa_factor(*type_text);
  NewFactor f;
  f.agent = std::string(c.request.header(http::bhttp::field::user_agent));
  if (type == model::MfaFactor::Totp) {
    f.type = *type;
    auto secret = text(c.body, "secret", true);
    if (!secret) return secret.error();
    auto code = text(c.body, "code", false);
    if (!code) return code.error();
    f.secret = std::move(*secret);
    f.code = std::move(*code);
  } else if (type == model::MfaFactor::BackupCode) {
    f.type = *type;
    auto codes = strings_field(c.body, "codes");
    if (!codes) return codes.error();
    if (!*codes) return invalid("codes");
    f.codes = std::move(*codes);
  } else if (type == model::MfaFactor::WebAuthn) {
    f.type = *type;
    auto record = text(c.body, "newIdentifierVerificationRecordId", true);
    if (!record) return record.error();
    auto name = text(c.body, "name", false);
    if (!name) return name.error();
    f.record_id = std::move(*record);
    f.name = std::move(*name);
  } else {
    return invalid("type");
  }
  return f;
}

Result<http::Response> list(const AccountApiDeps& d, const AccountCall& c) {
  auto factors = d.account.factors(c.caller);
  if (!factors) return factors.error();
  return http::json_response(status::ok, management::mfa_verifications_json(*factors));
}

Result<http::Response> add_factor(const AccountApiDeps& d, const AccountCall& c) {
  auto factor = factor_of(c);
  if (!factor) return factor.error();
  auto rp = relying_party(d.config, d.settings.get()->app_name);
  if (auto added = d.account.add_factor(c.caller, *factor, rp); !added) return added.error();
  return no_content();
}

Result<http::Response> replace_totp(const AccountApiDeps& d, const AccountCall& c) {
  auto secret = text(c.body, "secret", true);
  if (!secret) return secret.error();
  auto code = text(c.body, "code", true);
  if (!code) return code.error();
  if (auto done = d.account.replace_totp(c.caller, *secret, *code); !done) return done.error();
  return no_content();
}

// Logto's: a secret for the client to show, stored nowhere until it is bound.
Result<http::Response> totp_secret(const AccountApiDeps& d, const AccountCall& c) {
  if (auto center = d.account.center(); !center) return center.error();
  auto user = d.account.user(c.caller);
  if (!user) return user.error();
  std::string account = user->username.value_or(user->primary_email.value_or(user->id));
  auto offer = d.account.mfa().offer_totp(d.settings.get()->app_name, account);
  if (!offer) return offer.error();
  return http::json_response(status::ok, json::object{{"secret", offer->secret}});
}

Result<http::Response> generate_backup_codes(const AccountApiDeps& d, const AccountCall&) {
  if (auto center = d.account.center(); !center) return center.error();
  json::array codes;
  for (auto& code : management::MfaService::new_backup_codes()) codes.emplace_back(code);
  return http::json_response(status::ok, json::object{{"codes", std::move(codes)}});
}

// Latch keeps backup codes hashed: they are shown once, when made. This answers how many are
// left (remainCodes) and, in Logto's `codes`, nothing readable.
Result<http::Response> backup_codes(const AccountApiDeps& d, const AccountCall& c) {
  auto factor = d.account.backup_codes(c.caller);
  if (!factor) return factor.error();
  return http::json_response(status::ok, json::object{{"codes", json::array{}},
                                                      {"remainCodes", factor->codes_left},
                                                      {"totalCodes", factor->codes_total}});
}

Result<http::Response> rename(const AccountApiDeps& d, const AccountCall& c) {
  auto name = text(c.body, "name", true);
  if (!name) return name.error();
  auto done = d.account.rename_factor(c.caller, std::string(c.param("verificationId")), *name);
  if (!done) return done.error();
  return http::empty_response(status::ok);
}

Result<http::Response> remove(const AccountApiDeps& d, const AccountCall& c) {
  auto done = d.account.remove_factor(c.caller, std::string(c.param("verificationId")));
  if (!done) return done.error();
  return no_content();
}

}  // namespace

void AccountApi::mount_mfa(http::Router::Group& g) {
  using enum http::bhttp::verb;
  add(g, {
             {get, "/my-account/mfa-verifications", list},
             {post, "/my-account/mfa-verifications", add_factor},
             {put, "/my-account/mfa-verifications/totp", replace_totp},
             {post, "/my-account/mfa-verifications/totp-secret/generate", totp_secret},
             {post, "/my-account/mfa-verifications/backup-codes/generate", generate_backup_codes},
             {get, "/my-account/mfa-verifications/backup-codes", backup_codes},
             {patch, "/my-account/mfa-verifications/:verificationId/name", rename},
             {delete_, "/my-account/mfa-verifications/:verificationId", remove},
         });
}

}  // namespace latch::account
