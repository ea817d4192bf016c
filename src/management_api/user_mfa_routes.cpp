#include <algorithm>
#include <boost/url/parse.hpp>

#include "crypto/encoding.hpp"
#include "management/mfa_service.hpp"
#include "management_api/management_api.hpp"

// A user's second factors and trusted browsers, for operators: Logto's admin-user/
// mfa-verifications.ts (list, create a TOTP factor or backup codes, remove one) and
// trusted-device.ts (list, remove one), plus Latch's reset of everything at once. Factors are
// added, listed and removed only through management::MfaService.
namespace latch::management_api {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using Deps = ManagementApiDeps;

std::string user_id(const Call& c) { return std::string(c.param("userId")); }

// The user, read in `tx`: NotFound entity.not_found when there is none (before anything else, as
// Logto's findUserById).
Result<model::User> user_in(storage::Tx& tx, std::string_view id) {
  auto found = tx.users().find(id);
  if (!found) return found.error();
  if (!*found) return keyed_error(Errc::NotFound, "entity.not_found", "no user");
  return std::move(**found);
}

// Runs `work` with the user in one read-write transaction.
Result<void> with_user(const Deps& d, const std::string& id,
                       const std::function<Result<void>(storage::Tx&, const model::User&)>& work) {
  return d.store.transact([&](storage::Tx& tx) -> Result<void> {
    auto user = user_in(tx, id);
    if (!user) return user.error();
    return work(tx, *user);
  });
}

Result<http::Response> done(Result<void> result, status code) {
  if (!result) return result.error();
  return http::empty_response(code);
}

// The name an authenticator app shows for the account (Logto's getUserDisplayName).
std::string account_name(const model::User& user) {
  for (const auto* value : {&user.name, &user.username, &user.primary_email, &user.primary_phone}) {
    if (*value && !(*value)->empty()) return **value;
  }
  return "Unnamed User";
}

// The issuer an authenticator app shows: the endpoint's host (Logto: the request's hostname).
std::string issuer_of(const Config& config) {
  auto parsed = boost::urls::parse_uri(config.endpoint);
  if (!parsed || parsed->encoded_host().empty()) return "Latch";
  return std::string(parsed->encoded_host());
}

Result<http::Response> list_factors(const Deps& d, const Call& c) {
  std::vector<model::MfaVerification> factors;
  auto read = d.store.read([&](storage::Tx& tx) -> Result<void> {
    if (auto user = user_in(tx, user_id(c)); !user) return user.error();
    auto listed = d.mfa.factors(tx, user_id(c));
    if (!listed) return listed.error();
    factors = std::move(*listed);
    return ok();
  });
  if (!read) return read.error();
  return http::json_response(status::ok, management::mfa_verifications_json(factors));
}

// Whether the user has a TOTP factor: Logto refuses a second one before it looks at the secret.
Result<bool> has_totp(const Deps& d, storage::Tx& tx, std::string_view user_id) {
  auto factors = d.mfa.factors(tx, user_id);
  if (!factors) return factors.error();
  return std::any_of(factors->begin(), factors->end(), [](const model::MfaVerification& f) {
    return f.type == model::MfaFactor::Totp;
  });
}

// Stores the user's TOTP factor: `secret` when given (checked first, so that a bad one is
// user.totp_secret_invalid whatever its length), else a new one; the offer to show.
Result<management::TotpOffer> add_totp(const Deps& d, storage::Tx& tx, const model::User& user,
                                       const std::optional<std::string>& secret) {
  auto issuer = issuer_of(d.config);
  auto account = account_name(user);
  if (auto taken = has_totp(d, tx, user.id); !taken || *taken) {
    if (!taken) return taken.error();
    return keyed_error(Errc::Conflict, "user.totp_already_in_use");
  }
  if (secret) {
    if (auto added = d.mfa.add_totp(tx, user.id, *secret); !added) return added.error();
    return d.mfa.totp_offer_for(*secret, issuer, account);
  }
  auto offer = d.mfa.offer_totp(issuer, account);
  if (!offer) return offer.error();
  if (auto added = d.mfa.add_totp(tx, user.id, offer->secret); !added) return added.error();
  return offer;
}

// {type: "Totp", secret?}: the given secret (migrating an authenticator the user already has)
// or a new one; {type, secret, secretQrCode} with the QR code as an SVG data: URL.
Result<http::Response> create_totp(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"type", "secret"}); !r) return r.error();
  auto given = string_field(c.body, "secret");
  if (!given) return given.error();
  // An empty secret asks for a new one, as Logto's (`secret ?? generate` after a truthy test).
  if (*given && (*given)->empty()) given->reset();
  management::TotpOffer offer;
  auto made = with_user(d, user_id(c), [&](storage::Tx& tx, const model::User& user) {
    auto added = add_totp(d, tx, user, *given);
    if (!added) return Result<void>(added.error());
    offer = std::move(*added);
    return ok();
  });
  if (!made) return made.error();
  return http::json_response(
      status::ok, json::object{{"type", model::mfa_factor_name(model::MfaFactor::Totp)},
                               {"secret", offer.secret},
                               {"secretQrCode", "data:image/svg+xml;base64," +
                                                    crypto::base64_encode(offer.qr_svg)}});
}

// {type: "BackupCode", codes?}: the given codes (migration) or ten new ones, shown this once.
// Refused while the user has an unused code, or has no other factor (Logto's 422s).
Result<http::Response> create_backup_codes(const Deps& d, const Call& c) {
  if (auto r = only_fields(c.body, {"type", "codes"}); !r) return r.error();
  auto given = strings_field(c.body, "codes");
  if (!given) return given.error();
  std::vector<std::string> codes;
  auto made = with_user(d, user_id(c), [&](storage::Tx& tx, const model::User& user) {
    auto replaced = d.mfa.replace_backup_codes(tx, user.id, *given, true);
    if (!replaced) return Result<void>(replaced.error());
    codes = std::move(*replaced);
    return ok();
  });
  if (!made) return made.error();
  json::array out;
  for (const auto& code : codes) out.emplace_back(code);
  return http::json_response(
      status::ok, json::object{{"type", model::mfa_factor_name(model::MfaFactor::BackupCode)},
                               {"codes", std::move(out)}});
}

// Logto's discriminated union on `type`: Totp or BackupCode.
Result<http::Response> create_factor(const Deps& d, const Call& c) {
  auto type = string_field(c.body, "type");
  if (!type) return type.error();
  auto factor = model::parse_mfa_factor(type->value_or(""));
  if (factor == model::MfaFactor::Totp) return create_totp(d, c);
  if (factor == model::MfaFactor::BackupCode) return create_backup_codes(d, c);
  return with_field(make_error(Errc::InvalidRequest, "type must be Totp or BackupCode"), "type");
}

Result<http::Response> delete_factor(const Deps& d, const Call& c) {
  std::string id(c.param("verificationId"));
  auto removed = with_user(d, user_id(c), [&](storage::Tx& tx, const model::User& user) {
    return d.mfa.remove(tx, user.id, id);
  });
  return done(std::move(removed), status::no_content);
}

// Latch: every factor and trusted device of the user, in one transaction (a lost device).
Result<http::Response> reset_factors(const Deps& d, const Call& c) {
  auto removed = with_user(d, user_id(c), [&](storage::Tx& tx, const model::User& user) {
    auto count = d.mfa.remove_all(tx, user.id);
    if (!count) return Result<void>(count.error());
    return ok();
  });
  return done(std::move(removed), status::no_content);
}

// Logto's trustedDeviceResponseGuard. Latch keeps neither the place nor the last use of a
// trusted device: country and city are null, lastUsedAt is when it was trusted.
json::object trusted_device_json(const model::TrustedDevice& device) {
  json::value agent = nullptr;
  if (!device.agent.empty()) agent = device.agent;
  return {{"id", device.id},
          {"userAgent", agent},
          {"country", nullptr},
          {"city", nullptr},
          {"createdAt", device.created_at},
          {"lastUsedAt", device.created_at},
          {"expiresAt", device.expires_at}};
}

// The user's unexpired trusted devices, newest first, paged (Total-Number).
Result<http::Response> list_trusted_devices(const Deps& d, const Call& c) {
  auto page = page_of(c.request);
  if (!page) return page.error();
  std::vector<model::TrustedDevice> devices;
  auto read = d.store.read([&](storage::Tx& tx) -> Result<void> {
    if (auto user = user_in(tx, user_id(c)); !user) return user.error();
    auto listed = tx.mfa().trusted_devices(user_id(c), d.clock.now_millis());
    if (!listed) return listed.error();
    devices = std::move(*listed);
    return ok();
  });
  if (!read) return read.error();
  json::array items;
  auto first = static_cast<std::size_t>(page->page - 1) * static_cast<std::size_t>(page->page_size);
  auto size = static_cast<std::size_t>(page->page_size);
  for (std::size_t i = first; i < devices.size() && items.size() < size; ++i) {
    items.push_back(trusted_device_json(devices[i]));
  }
  return page_response(std::move(items), static_cast<std::int64_t>(devices.size()));
}

Result<http::Response> delete_trusted_device(const Deps& d, const Call& c) {
  std::string id(c.param("trustedDeviceId"));
  auto removed = with_user(d, user_id(c), [&](storage::Tx& tx, const model::User& user) {
    return tx.mfa().remove_trusted_device(user.id, id);
  });
  return done(std::move(removed), status::no_content);
}

}  // namespace

void ManagementApi::mount_user_mfa(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/users/:userId/mfa-verifications", "List a user's MFA factors", list_factors},
      {post, "/users/:userId/mfa-verifications",
       "Add a TOTP factor or backup codes to a user (a given secret or codes for migration)",
       create_factor},
      {delete_, "/users/:userId/mfa-verifications",
       "Remove all of a user's MFA factors and trusted devices (Latch)", reset_factors},
      {delete_, "/users/:userId/mfa-verifications/:verificationId",
       "Remove one MFA factor of a user", delete_factor},
      {get, "/users/:userId/trusted-devices", "List a user's trusted devices",
       list_trusted_devices},
      {delete_, "/users/:userId/trusted-devices/:trustedDeviceId",
       "Forget one of a user's trusted devices", delete_trusted_device},
  });
}

}  // namespace latch::management_api
