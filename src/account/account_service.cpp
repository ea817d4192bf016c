#include "account/account_service.hpp"

#include <boost/json/serialize.hpp>

#include "account/account_rules.hpp"
#include "core/json.hpp"
#include "crypto/password.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/security/password_policy.hpp"
#include "experience/sso/sso_connectors.hpp"
#include "management/user_password.hpp"
#include "management/user_service.hpp"
#include "management/webhook_events.hpp"
#include "oidc/audit_log.hpp"

// The profile, password, email, phone and social identities of the caller's account.
namespace latch::account {
namespace {

namespace json = boost::json;
using management::AccountField;

constexpr std::string_view kProfileClaims[] = {
    "familyName",        "givenName", "middleName", "nickname",
    "preferredUsername", "profile",   "website",    "gender",
    "birthdate",         "zoneinfo",  "locale",     "address"};

json::object object_of(const std::string& text) {
  auto parsed = parse_json(text);
  return parsed && parsed->is_object() ? parsed->as_object() : json::object{};
}

// Logto's getScopedProfile: what the token's scopes let the caller read. `sso`: the user's
// enterprise SSO identities (read only with the identities scope).
json::object scoped_profile(const AccountCaller& caller, const model::User& user, json::array sso) {
  json::object full = management::to_json(user);
  json::object out{{"id", user.id}};
  if (caller.has(scope::kIdentities)) {
    out["ssoIdentities"] = std::move(sso);
    out["identities"] = full["identities"];
  }
  if (caller.has(scope::kCustomData)) out["customData"] = full["customData"];
  if (caller.has(scope::kEmail)) out["primaryEmail"] = full["primaryEmail"];
  if (caller.has(scope::kPhone)) out["primaryPhone"] = full["primaryPhone"];
  if (caller.has(scope::kProfile)) {
    json::object profile = full["profile"].as_object();
    if (!caller.has(scope::kAddress)) profile.erase("address");
    for (const char* key : {"name", "avatar", "username", "lastSignInAt", "createdAt", "updatedAt",
                            "isSuspended", "hasPassword"}) {
      out[key] = full[key];
    }
    out["profile"] = std::move(profile);
    out["applicationId"] = nullptr;
  }
  return out;
}

// Logto's getAccountCenterFilteredProfile: only what the account center lets the user see.
json::object filtered(json::object profile, const management::AccountCenter& center,
                      const model::User& user) {
  constexpr std::pair<const char*, AccountField> kGated[] = {
      {"name", AccountField::Name},
      {"avatar", AccountField::Avatar},
      {"username", AccountField::Username},
      {"primaryEmail", AccountField::Email},
      {"primaryPhone", AccountField::Phone},
      {"profile", AccountField::Profile},
      {"customData", AccountField::CustomData},
      {"identities", AccountField::Social},
      {"hasPassword", AccountField::Password}};
  for (auto [key, field] : kGated) {
    if (!center.readable(field)) profile.erase(key);
  }
  profile["hasSecurityVerificationMethod"] = !user.password_hash.empty() ||
                                             user.primary_email.has_value() ||
                                             user.primary_phone.has_value();
  return profile;
}

Result<void> check_profile(const json::object& profile, const AccountCaller& caller) {
  for (const auto& [key, value] : profile) {
    bool known = std::find(std::begin(kProfileClaims), std::end(kProfileClaims),
                           std::string_view(key)) != std::end(kProfileClaims);
    bool typed = key == "address" ? value.is_object() : value.is_string();
    if (!known || !typed) {
      return with_field(
          keyed_error(Errc::InvalidRequest, "guard.invalid_input", "profile." + std::string(key)),
          std::string(key));
    }
  }
  if (profile.contains("address")) return rules::has_scope(caller, scope::kAddress, true);
  return ok();
}

experience::Identifier identifier(experience::IdentifierType type, const std::string& value) {
  return {type, value};
}

std::optional<std::string>& primary_slot(model::User& user, experience::IdentifierType type) {
  return type == experience::IdentifierType::Email ? user.primary_email : user.primary_phone;
}

}  // namespace

Result<management::AccountCenter> AccountService::center() {
  management::AccountCenter out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto loaded = management::load_account_center(tx);
    if (!loaded) return loaded.error();
    out = std::move(*loaded);
    return ok();
  });
  if (!done) return done.error();
  if (!out.enabled) return keyed_error(Errc::InvalidRequest, "account_center.not_enabled");
  return out;
}

Result<model::User> AccountService::user(const AccountCaller& caller) {
  std::optional<model::User> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.users().find(caller.user_id);
    if (!found) return found.error();
    out = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  if (!out) return keyed_error(Errc::Unauthorized, "auth.unauthorized", "the user is gone");
  return std::move(*out);
}

Result<model::User> AccountService::change(const AccountCaller& caller, const Edit& edit) {
  std::optional<model::User> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.users().find(caller.user_id);
    if (!found) return found.error();
    if (!*found) return keyed_error(Errc::Unauthorized, "auth.unauthorized", "the user is gone");
    model::User user = std::move(**found);
    if (auto edited = edit(tx, user); !edited) return edited;
    user.updated_at = clock_.now_millis();
    if (auto saved = tx.users().update(user); !saved) return saved;
    if (auto raised = raise_updated(tx, caller, user); !raised) return raised;
    out = std::move(user);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<void> AccountService::raise_updated(storage::Tx& tx, const AccountCaller& caller,
                                           const model::User& user) const {
  management::HookOrigin origin{.ip = caller.ip, .user_agent = caller.user_agent};
  return management::queue_data_hook(tx, "User.Data.Updated", &origin,
                                     management::hook_user(management::to_json(user)),
                                     clock_.now_millis());
}

namespace {

std::string factor_key(model::MfaFactor factor, std::string_view action) {
  return "Account.Mfa." + std::string(model::mfa_factor_name(factor)) + "." + std::string(action);
}

oidc::AuditEvent factor_event(const AccountCaller& caller, model::MfaFactor factor,
                              std::string_view action) {
  return {.key = factor_key(factor, action),
          .user_id = caller.user_id,
          .application_id = caller.client_id,
          .ip = caller.ip};
}

}  // namespace

Result<void> AccountService::factor_changed(storage::Tx& tx, const AccountCaller& caller,
                                            model::MfaFactor factor,
                                            std::string_view action) const {
  auto found = tx.users().find(caller.user_id);
  if (!found) return found.error();
  if (!*found) return keyed_error(Errc::Unauthorized, "auth.unauthorized", "the user is gone");
  auto logged = tx.logs().insert(
      oidc::audit_log_of(factor_event(caller, factor, action), clock_.now_millis()));
  if (!logged) return logged;
  return raise_updated(tx, caller, **found);
}

Result<void> AccountService::audit_refusal(const AccountCaller& caller, model::MfaFactor factor,
                                           Result<void> result) const {
  if (result) return result;
  const Error& e = result.error();
  if (e.code == Errc::InvalidRequest || e.code == Errc::Conflict) {
    oidc::AuditEvent event = factor_event(caller, factor, "Create");
    event.success = false;
    event.payload = {{"error", e.key}};
    oidc::record_audit(store_, std::move(event), clock_.now_millis());
  }
  return result;
}

Result<json::object> AccountService::profile_of(const AccountCaller& caller,
                                                const model::User& user,
                                                const management::AccountCenter& center) {
  json::array sso;
  if (caller.has(scope::kIdentities)) {
    auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
      auto found = tx.user_sso_identities().list_for_user(user.id);
      if (!found) return found.error();
      for (const auto& identity : *found) sso.push_back(experience::sso_identity_json(identity));
      return ok();
    });
    if (!done) return done.error();
  }
  return filtered(scoped_profile(caller, user, std::move(sso)), center, user);
}

Result<json::object> AccountService::profile_json(const AccountCaller& caller) {
  auto center = this->center();
  if (!center) return center.error();
  auto user = this->user(caller);
  if (!user) return user.error();
  return profile_of(caller, *user, *center);
}

Result<json::object> AccountService::update_basics(const AccountCaller& caller,
                                                   const BasicsPatch& patch) {
  auto center = this->center();
  if (!center) return center.error();
  for (auto [present, field] :
       {std::pair{patch.name.has_value(), AccountField::Name},
        std::pair{patch.avatar.has_value(), AccountField::Avatar},
        std::pair{patch.username.has_value(), AccountField::Username},
        std::pair{patch.custom_data_json.has_value(), AccountField::CustomData}}) {
    if (present) {
      if (auto check = rules::editable(*center, field); !check) return check.error();
    }
  }
  if (auto check = rules::has_scope(caller, scope::kProfile, true); !check) return check.error();
  if (patch.custom_data_json) {
    if (auto check = rules::has_scope(caller, scope::kCustomData, true); !check)
      return check.error();
  }
  if (auto check = rules::first_party(caller); !check) return check.error();
  if (patch.username) {
    if (auto check = rules::verified(caller); !check) return check.error();
    if (*patch.username && !management::validate_username(**patch.username)) {
      return keyed_error(Errc::InvalidRequest, "guard.invalid_input", "username");
    }
    if (*patch.username) {
      auto policy = settings_.get()->username_policy;
      if (auto allowed = experience::check_username_policy(policy, **patch.username); !allowed) {
        return allowed.error();
      }
    }
  }
  if (patch.name && *patch.name && (*patch.name)->size() > 128) {
    return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input"), "name");
  }
  if (patch.avatar && *patch.avatar && (*patch.avatar)->size() > 2048) {
    return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input"), "avatar");
  }
  auto user = change(caller, [&](storage::Tx&, model::User& u) -> Result<void> {
    if (patch.name) u.name = *patch.name;
    if (patch.avatar) u.avatar = *patch.avatar;
    if (patch.custom_data_json) u.custom_data_json = *patch.custom_data_json;
    if (patch.username) {
      u.username = *patch.username;
      if (!u.username) return rules::keeps_an_identifier(u);
    }
    return ok();
  });
  if (!user) return user.error();
  return profile_of(caller, *user, *center);
}

Result<json::object> AccountService::update_profile(const AccountCaller& caller,
                                                    const json::object& profile) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::editable(*center, AccountField::Profile); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kProfile, true); !check) return check.error();
  if (auto check = check_profile(profile, caller); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  auto user = change(caller, [&](storage::Tx&, model::User& u) -> Result<void> {
    json::object merged = object_of(u.profile_json);
    for (const auto& [key, value] : profile) merged[key] = value;
    u.profile_json = json::serialize(merged);
    return ok();
  });
  if (!user) return user.error();
  json::object out = object_of(user->profile_json);
  if (!caller.has(scope::kAddress)) out.erase("address");
  return out;
}

Result<void> AccountService::set_password(const AccountCaller& caller,
                                          const std::string& password) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  auto user = this->user(caller);
  if (!user) return user.error();
  if (auto check = rules::verified_if_possible(caller, *user); !check) return check.error();
  if (auto check = rules::editable(*center, AccountField::Password); !check) return check.error();
  auto policy = experience::check_password(settings_.get()->password_policy, password,
                                           experience::user_info(*user));
  if (!policy) return policy.error();
  if (management::is_user_password(*user, password)) {
    return keyed_error(Errc::Conflict, "user.same_password");
  }
  auto hash = crypto::hash_password(password);
  if (!hash) return hash.error();
  auto changed = change(caller, [&](storage::Tx&, model::User& u) -> Result<void> {
    model::set_latch_password_hash(u, *hash);
    return ok();
  });
  if (!changed) return changed.error();
  return ok();
}

Result<void> AccountService::set_primary(const AccountCaller& caller,
                                         experience::IdentifierType type, const std::string& value,
                                         const std::string& record_id) {
  auto center = this->center();
  if (!center) return center.error();
  bool email = type == experience::IdentifierType::Email;
  if (auto check = rules::verified(caller); !check) return check.error();
  auto field = email ? AccountField::Email : AccountField::Phone;
  if (auto check = rules::editable(*center, field); !check) return check.error();
  if (auto check = rules::has_scope(caller, email ? scope::kEmail : scope::kPhone, true); !check) {
    return check.error();
  }
  if (auto check = rules::first_party(caller); !check) return check.error();
  if (auto valid = experience::validate_identifier(identifier(type, value)); !valid) {
    return valid.error();
  }
  auto record_type = email ? RecordType::EmailCode : RecordType::PhoneCode;
  auto changed = change(caller, [&](storage::Tx& tx, model::User& u) -> Result<void> {
    auto record = verified_record(tx, u.id, record_id, record_type, clock_.now_seconds());
    if (!record) return record.error();
    if (!same_address(type, record->identifier, value)) {
      return record_not_found("the record proved another address");
    }
    auto owner = experience::find_user(tx, identifier(type, value));
    if (!owner) return owner.error();
    if (*owner && (*owner)->id != u.id) {
      return keyed_error(Errc::Conflict,
                         email ? "user.email_already_in_use" : "user.phone_already_in_use");
    }
    primary_slot(u, type) = value;
    return ok();
  });
  if (!changed) return changed.error();
  return ok();
}

Result<void> AccountService::remove_primary(const AccountCaller& caller,
                                            experience::IdentifierType type) {
  auto center = this->center();
  if (!center) return center.error();
  bool email = type == experience::IdentifierType::Email;
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::editable(*center, email ? AccountField::Email : AccountField::Phone);
      !check) {
    return check.error();
  }
  if (auto check = rules::has_scope(caller, email ? scope::kEmail : scope::kPhone, true); !check) {
    return check.error();
  }
  if (auto check = rules::first_party(caller); !check) return check.error();
  auto changed = change(caller, [&](storage::Tx&, model::User& u) -> Result<void> {
    primary_slot(u, type).reset();
    return rules::keeps_an_identifier(u);
  });
  if (!changed) return changed.error();
  return ok();
}

Result<void> AccountService::link_identity(const AccountCaller& caller,
                                           const std::string& record_id, bool replace) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::editable(*center, AccountField::Social); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  auto changed = change(caller, [&](storage::Tx& tx, model::User& u) -> Result<void> {
    if (auto check = rules::verified_if_possible(caller, u); !check) return check;
    auto record = verified_record(tx, u.id, record_id, RecordType::Social, clock_.now_seconds());
    if (!record) return record.error();
    SocialData data = read_social_data(record->data_json);
    if (!data.user) return record_not_found("the social sign-in did not complete");
    auto holder = tx.users().find_by_identity(data.target, data.user->id);
    if (!holder) return holder.error();
    if (*holder && (*holder)->id != u.id) {
      return keyed_error(Errc::Conflict, "user.identity_already_in_use");
    }
    json::object identities = object_of(u.identities_json);
    if (!replace && identities.contains(data.target)) {
      return keyed_error(Errc::InvalidRequest, "user.identity_already_in_use");
    }
    const auto& p = *data.user;
    identities[data.target] = json::object{{"userId", p.id},
                                           {"details", json::object{{"id", p.id},
                                                                    {"email", p.email},
                                                                    {"phone", p.phone},
                                                                    {"name", p.name},
                                                                    {"avatar", p.avatar},
                                                                    {"rawData", p.raw}}}};
    u.identities_json = json::serialize(identities);
    return ok();
  });
  if (!changed) return changed.error();
  return ok();
}

Result<void> AccountService::unlink_identity(const AccountCaller& caller,
                                             const std::string& target) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::editable(*center, AccountField::Social); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities, true); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  auto changed = change(caller, [&](storage::Tx&, model::User& u) -> Result<void> {
    if (auto check = rules::verified_if_possible(caller, u); !check) return check;
    json::object identities = object_of(u.identities_json);
    if (!identities.contains(target)) {
      return keyed_error(Errc::NotFound, "user.identity_not_exist");
    }
    identities.erase(target);
    u.identities_json = json::serialize(identities);
    return rules::keeps_an_identifier(u);
  });
  if (!changed) return changed.error();
  return ok();
}

}  // namespace latch::account
