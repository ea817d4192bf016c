#include <spdlog/spdlog.h>

#include "core/error_keys.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/security/sentinel.hpp"

// Second-factor steps: TOTP (enrol, verify) and backup codes (generate, use). Logto's
// TotpVerification and BackupCodeVerification; the factors themselves are MfaService's.
namespace latch::experience {
namespace {

using model::MfaFactor;

// Wrong second-factor guesses count under a subject of their own: a right password clears the
// password's failures, and must not give back the budget of the codes guessed after it.
std::string mfa_subject(const std::string& user_id) { return "mfa:" + user_id; }

// The name an authenticator app shows for the account.
// A verified record of a second factor used by `user_id`.
VerificationRecord used_factor(std::string id, VerificationType type, const std::string& user_id,
                               std::string amr) {
  VerificationRecord r;
  r.id = std::move(id);
  r.type = type;
  r.user_id = user_id;
  r.verified = true;
  r.amr = std::move(amr);
  return r;
}

// Drops the flow's earlier enrolments of `type` that were not bound: a new offer replaces them.
void drop_unbound(FlowState& s, VerificationType type) {
  std::erase_if(s.verifications,
                [&](const VerificationRecord& v) { return v.type == type && v.bind && !v.bound; });
}

Error not_enabled() {
  return flow_error(Errc::InvalidRequest, "session.mfa.mfa_factor_not_enabled");
}

}  // namespace

Result<std::string> FlowService::guarded_check(const FlowContext& ctx, std::string_view what,
                                               const FactorCheck& check) {
  auto config = this->config();
  Sentinel sentinel(*config, clock_.now_seconds());
  std::optional<Error> failure;
  std::string user_id, result;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    user_id = user->id;
    if (auto open = sentinel.check(tx, mfa_subject(user_id), ctx.ip); !open) {
      if (open.error().code != Errc::Forbidden) return open;
      return flow_error(Errc::InvalidRequest, "session.verification_blocked_too_many_attempts");
    }
    auto checked = check(tx, s, *user);
    if (!checked) {
      if (checked.error().code != Errc::InvalidRequest) return checked.error();
      failure = checked.error();
      return sentinel.record_failure(tx, mfa_subject(user_id), ctx.ip);  // commit the count
    }
    result = std::move(*checked);
    return sentinel.clear(tx, mfa_subject(user_id));
  });
  if (!done) return done.error();
  std::string key = "Interaction.SignIn.Verification." + std::string(what);
  if (failure) {
    audit(ctx, key, false, user_id, {{"error", failure->key}});
    return *failure;
  }
  audit(ctx, key, true, user_id);  // a second factor passed: worth as much as one that failed
  return result;
}

Result<TotpEnrolment> FlowService::totp_secret(const FlowContext& ctx) {
  auto config = this->config();
  TotpEnrolment out;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    if (auto verified = require_verified(tx, ctx, s); !verified) return verified;
    if (!config->mfa.enabled(MfaFactor::Totp)) return not_enabled();
    auto offer = mfa_.offer_totp(config->app_name, management::mfa_account_name(*user));
    if (!offer) return offer.error();
    drop_unbound(s, VerificationType::Totp);
    VerificationRecord r;
    r.id = crypto::random_id(21);
    r.type = VerificationType::Totp;
    r.user_id = user->id;
    r.bind = true;
    r.secret = offer->secret;
    r.otpauth_uri = offer->uri;
    r.amr = "otp";
    s.verifications.push_back(r);
    out = {r.id, offer->secret, offer->uri, offer->qr_svg};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::string> FlowService::verify_totp(const FlowContext& ctx, const std::string& vid,
                                             const std::string& code) {
  if (vid.empty()) {
    return guarded_check(
        ctx, "Totp",
        [&](storage::Tx& tx, FlowState& s, const model::User& user) -> Result<std::string> {
          if (auto used = mfa_.verify_totp(tx, user.id, code); !used) return used.error();
          std::string id = crypto::random_id(21);
          s.verifications.push_back(used_factor(id, VerificationType::Totp, user.id, "otp"));
          return id;
        });
  }
  // Confirming an offered secret: a wrong code costs nothing but another try (as in Logto).
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    auto* v = s.find(vid);
    if (!v || v->type != VerificationType::Totp || !v->bind || v->user_id != user->id) {
      return flow_error(Errc::NotFound, "session.verification_session_not_found");
    }
    auto step = mfa_.check_code(v->secret, code);
    if (!step) return flow_error(Errc::InvalidRequest, "session.mfa.invalid_totp_code");
    v->verified = true;
    v->step = *step;
    return ok();
  });
  if (!done) return done.error();
  return vid;
}

Result<BackupCodes> FlowService::generate_backup_codes(const FlowContext& ctx) {
  auto config = this->config();
  BackupCodes out;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    if (auto verified = require_verified(tx, ctx, s); !verified) return verified;
    if (!config->mfa.enabled(MfaFactor::BackupCode)) return not_enabled();
    drop_unbound(s, VerificationType::BackupCode);
    VerificationRecord r;
    r.id = crypto::random_id(21);
    r.type = VerificationType::BackupCode;
    r.user_id = user->id;
    r.bind = true;
    r.verified = true;  // nothing to prove: the codes are the user's once shown
    r.codes = management::MfaService::new_backup_codes();
    s.verifications.push_back(r);
    out = {r.id, r.codes};
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<std::string> FlowService::verify_backup_code(const FlowContext& ctx,
                                                    const std::string& code) {
  return guarded_check(
      ctx, "BackupCode",
      [&](storage::Tx& tx, FlowState& s, const model::User& user) -> Result<std::string> {
        if (auto used = mfa_.use_backup_code(tx, user.id, code); !used) return used.error();
        std::string id = crypto::random_id(21);
        s.verifications.push_back(used_factor(id, VerificationType::BackupCode, user.id, "otp"));
        return id;
      });
}

}  // namespace latch::experience

namespace latch::experience {

Result<std::string> FlowService::send_mfa_code(const FlowContext& ctx, IdentifierType type) {
  auto config = this->config();
  MfaFactor factor = type == IdentifierType::Email ? MfaFactor::EmailVerificationCode
                                                   : MfaFactor::PhoneVerificationCode;
  auto address_of = [&](const model::User& user) -> std::string {
    const auto& address = type == IdentifierType::Email ? user.primary_email : user.primary_phone;
    return config->mfa.enabled(factor) && address ? *address : "";
  };
  // Where the code goes: the identified user's address, read first (the send runs outside any
  // transaction) and checked again when the record is written.
  std::string address;
  auto read = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.interactions().find(ctx.uid);
    if (!found) return found.error();
    if (!*found) return flow_error(Errc::NotFound, keys::kSessionNotFound);
    auto user = identified_user(tx, read_flow_state((*found)->state_json, mfa_.secrets()));
    if (!user) return user.error();
    address = address_of(*user);
    return ok();
  });
  if (!read) return read.error();
  if (address.empty()) return not_enabled();
  auto record_type = type == IdentifierType::Email ? VerificationType::MfaEmailVerificationCode
                                                   : VerificationType::MfaPhoneVerificationCode;
  return deliver_code(ctx, {type, address},
                      [&](storage::Tx& tx, const FlowState& s) -> Result<CodeRecord> {
                        auto user = identified_user(tx, s);
                        if (!user) return user.error();
                        if (address_of(*user) != address) return not_enabled();
                        return CodeRecord{record_type, user->id};
                      });
}

Result<std::string> FlowService::verify_mfa_code(const FlowContext& ctx, const std::string& vid,
                                                 const std::string& code) {
  return guarded_check(
      ctx, "MfaVerificationCode",
      [&](storage::Tx& tx, FlowState& s, const model::User& user) -> Result<std::string> {
        auto* v = s.find(vid);
        bool mfa_code = v && (v->type == VerificationType::MfaEmailVerificationCode ||
                              v->type == VerificationType::MfaPhoneVerificationCode);
        if (!mfa_code || v->user_id != user.id) {
          return flow_error(Errc::NotFound, "session.verification_session_not_found");
        }
        if (auto consumed = consume_code(tx, ctx, s, *v, code); !consumed) return consumed.error();
        return vid;
      });
}

}  // namespace latch::experience
