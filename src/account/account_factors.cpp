#include <algorithm>

#include "account/account_rules.hpp"
#include "account/account_service.hpp"

// The caller's second factors (Logto's routes/account/mfa-verifications.ts), all through
// management::MfaService.
namespace latch::account {
namespace {

using management::AccountField;
using model::MfaFactor;

// Whether the sign-in experience lets users add `type` (a passkey also when passkey sign-in is
// on). InvalidRequest session.mfa.mfa_factor_not_enabled otherwise.
Result<void> factor_enabled(const experience::SignInExperience& config, MfaFactor type) {
  bool enabled =
      config.mfa.enabled(type) || (type == MfaFactor::WebAuthn && config.passkey_sign_in.enabled);
  if (enabled) return ok();
  return keyed_error(Errc::InvalidRequest, "session.mfa.mfa_factor_not_enabled");
}

management::FieldControl control_for(const management::AccountCenter& center, MfaFactor type) {
  return type == MfaFactor::WebAuthn ? center.passkey_control() : center.control(AccountField::Mfa);
}

const model::MfaVerification* find_factor(const std::vector<model::MfaVerification>& factors,
                                          std::string_view id) {
  auto it = std::find_if(factors.begin(), factors.end(), [&](const auto& f) { return f.id == id; });
  return it == factors.end() ? nullptr : &*it;
}

}  // namespace

Result<std::vector<model::MfaVerification>> AccountService::factors(const AccountCaller& caller) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::readable(*center, AccountField::Mfa); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities); !check) return check.error();
  std::vector<model::MfaVerification> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto listed = mfa_.factors(tx, caller.user_id);
    if (!listed) return listed.error();
    out = std::move(*listed);
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> AccountService::add_factor(const AccountCaller& caller, const NewFactor& factor,
                                        const management::RelyingParty& rp) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::editable(control_for(*center, factor.type)); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  if (auto check = factor_enabled(*settings_.get(), factor.type); !check) return check.error();
  std::optional<std::int64_t> step;
  if (factor.type == MfaFactor::Totp && !factor.code.empty()) {
    step = mfa_.check_code(factor.secret, factor.code);
    if (!step) {
      return audit_refusal(caller, factor.type,
                           keyed_error(Errc::InvalidRequest, "session.mfa.invalid_totp_code"));
    }
  }
  auto add = [&](storage::Tx& tx) -> Result<void> {
    switch (factor.type) {
      case MfaFactor::Totp: {
        auto added = mfa_.add_totp(tx, caller.user_id, factor.secret, step);
        return added ? ok() : Result<void>(added.error());
      }
      case MfaFactor::BackupCode: {
        auto replaced = mfa_.replace_backup_codes(tx, caller.user_id, factor.codes, true);
        return replaced ? ok() : Result<void>(replaced.error());
      }
      case MfaFactor::WebAuthn: {
        auto record = verified_record(tx, caller.user_id, factor.record_id, RecordType::WebAuthn,
                                      clock_.now_seconds());
        if (!record) return record.error();
        WebAuthnData data = read_webauthn_data(record->data_json);
        management::RelyingParty bound{data.rp_id, rp.name, data.origin};
        auto added = mfa_.add_webauthn(tx, caller.user_id, data.response, data.challenge, bound,
                                       factor.agent, factor.name);
        return added ? ok() : Result<void>(added.error());
      }
      default:
        return keyed_error(Errc::InvalidRequest, "guard.invalid_input", "not a stored factor");
    }
  };
  return audit_refusal(caller, factor.type, store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto added = add(tx); !added) return added;
    return factor_changed(tx, caller, factor.type, "Create");
  }));
}

Result<void> AccountService::replace_totp(const AccountCaller& caller, const std::string& secret,
                                          const std::string& code) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::editable(*center, AccountField::Mfa); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  if (auto check = factor_enabled(*settings_.get(), MfaFactor::Totp); !check) return check.error();
  auto step = mfa_.check_code(secret, code);
  return audit_refusal(
      caller, MfaFactor::Totp, store_.transact([&](storage::Tx& tx) -> Result<void> {
        auto listed = mfa_.factors(tx, caller.user_id);
        if (!listed) return listed.error();
        auto old = std::find_if(listed->begin(), listed->end(),
                                [](const auto& f) { return f.type == MfaFactor::Totp; });
        if (old != listed->end()) {
          if (auto removed = tx.mfa().remove(old->id); !removed) return removed;
        }
        // The secret's format is checked before the code, as Logto does.
        auto added = mfa_.add_totp(tx, caller.user_id, secret, step);
        if (!added) return added.error();
        if (!step) return keyed_error(Errc::InvalidRequest, "session.mfa.invalid_totp_code");
        return factor_changed(tx, caller, MfaFactor::Totp, "Create");
      }));
}

Result<std::vector<std::string>> AccountService::regenerate_backup_codes(
    const AccountCaller& caller) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::editable(*center, AccountField::Mfa); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  if (auto check = factor_enabled(*settings_.get(), MfaFactor::BackupCode); !check)
    return check.error();
  std::vector<std::string> codes;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto made = mfa_.replace_backup_codes(tx, caller.user_id);
    if (!made) return made.error();
    codes = std::move(*made);
    return factor_changed(tx, caller, MfaFactor::BackupCode, "Create");
  });
  if (!done) return done.error();
  return codes;
}

Result<model::MfaVerification> AccountService::backup_codes(const AccountCaller& caller) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities); !check) return check.error();
  std::optional<model::MfaVerification> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto listed = mfa_.factors(tx, caller.user_id);
    if (!listed) return listed.error();
    for (auto& f : *listed) {
      if (f.type == MfaFactor::BackupCode) out = std::move(f);
    }
    return ok();
  });
  if (!done) return done.error();
  if (!out) return keyed_error(Errc::NotFound, "verification_record.not_found");
  return std::move(*out);
}

Result<void> AccountService::rename_factor(const AccountCaller& caller, const std::string& id,
                                           const std::string& name) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::editable(center->passkey_control()); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  if (name.size() > 128)
    return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input"), "name");
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto listed = mfa_.factors(tx, caller.user_id);
    if (!listed) return listed.error();
    const auto* factor = find_factor(*listed, id);
    if (!factor || factor->type != MfaFactor::WebAuthn) return record_not_found();
    if (auto renamed = tx.mfa().rename_webauthn(id, name); !renamed) return renamed;
    return factor_changed(tx, caller, MfaFactor::WebAuthn, "Update");
  });
}

Result<void> AccountService::remove_factor(const AccountCaller& caller, const std::string& id) {
  auto center = this->center();
  if (!center) return center.error();
  if (auto check = rules::verified(caller); !check) return check.error();
  if (auto check = rules::has_scope(caller, scope::kIdentities); !check) return check.error();
  if (auto check = rules::first_party(caller); !check) return check.error();
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto listed = mfa_.factors(tx, caller.user_id);
    if (!listed) return listed.error();
    const auto* factor = find_factor(*listed, id);
    if (!factor) return record_not_found();
    if (auto check = rules::editable(control_for(*center, factor->type)); !check) return check;
    MfaFactor type = factor->type;
    if (auto removed = mfa_.remove(tx, caller.user_id, id); !removed) return removed;
    return factor_changed(tx, caller, type, "Delete");
  });
}

}  // namespace latch::account
