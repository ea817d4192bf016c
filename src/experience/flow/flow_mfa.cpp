#include <algorithm>

#include "core/error_keys.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/flow/mfa_policy.hpp"
#include "oidc/authorization_request.hpp"

// The MFA gate of submit and the choices a user makes about second factors: bind, skip, trust
// this browser. Logto's ExperienceInteraction.guardMfaVerificationStatus and Mfa (classes/mfa.ts).
namespace latch::experience {

using model::MfaFactor;

Error mfa_refusal(Errc code, std::string_view key, const MfaRefusal& refusal) {
  std::string detail;
  for (MfaFactor f : refusal.factors) {
    detail += (detail.empty() ? "" : ",") + std::string(model::mfa_factor_name(f));
  }
  if (refusal.skippable) detail += ";skippable";
  return keyed_error(code, key, std::move(detail));
}

std::optional<MfaRefusal> mfa_refusal_of(const Error& error) {
  if (error.key != keys::kRequireMfaVerification && error.key != keys::kMissingMfa) {
    return std::nullopt;
  }
  MfaRefusal out;
  std::string_view list = error.detail;
  if (auto semi = list.find(';'); semi != std::string_view::npos) {
    out.skippable = list.substr(semi + 1) == "skippable";
    list = list.substr(0, semi);
  }
  while (!list.empty()) {
    auto comma = list.find(',');
    if (auto f = model::parse_mfa_factor(list.substr(0, comma))) out.factors.push_back(*f);
    list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
  }
  return out;
}

namespace {

// A user and their stored factors.
struct UserFactors {
  model::User user;
  std::vector<model::MfaVerification> stored;
};

Result<UserFactors> load_factors(storage::Tx& tx, const management::MfaService& mfa,
                                 const model::User& user) {
  auto stored = mfa.factors(tx, user.id);
  if (!stored) return stored.error();
  return UserFactors{user, std::move(*stored)};
}

// organizationRequiredMfaPolicy Mandatory and the user belongs to an organization requiring MFA.
Result<bool> organization_requires(storage::Tx& tx, const MfaSettings& settings,
                                   const std::string& user_id) {
  if (!settings.organization_mandatory) return false;
  auto memberships = tx.organizations().memberships_of_user(user_id);
  if (!memberships) return memberships.error();
  return std::any_of(memberships->begin(), memberships->end(),
                     [](const auto& m) { return m.organization.is_mfa_required; });
}

// The authorization request asked for a second factor (acr_values naming the multi-factor ACR):
// step-up. Then a trusted device does not stand in for it, and a user without one must add one.
Result<bool> step_up(storage::Tx& tx, const FlowContext& ctx) {
  auto interaction = tx.interactions().find(ctx.uid);
  if (!interaction) return interaction.error();
  if (!*interaction) return false;
  auto request = oidc::authorization_request_from_json((*interaction)->params_json);
  return request && request->wants_multi_factor();
}

// The factor a second-factor record stands for.
std::optional<MfaFactor> factor_of(VerificationType type) {
  switch (type) {
    case VerificationType::Totp:
      return MfaFactor::Totp;
    case VerificationType::BackupCode:
      return MfaFactor::BackupCode;
    case VerificationType::WebAuthn:
      return MfaFactor::WebAuthn;
    case VerificationType::MfaEmailVerificationCode:
      return MfaFactor::EmailVerificationCode;
    case VerificationType::MfaPhoneVerificationCode:
      return MfaFactor::PhoneVerificationCode;
    default:
      return std::nullopt;
  }
}

// The user's second factor verified in this flow (an enrolment counts: its step required the
// existing factor first), or a passkey sign-in of theirs.
bool verified_in_flow(const FlowState& s) {
  return std::any_of(s.verifications.begin(), s.verifications.end(), [&](const auto& v) {
    bool second = is_second_factor(v.type) || v.type == VerificationType::SignInPasskey;
    return second && v.verified && v.user_id == s.user_id;
  });
}

// Factors the user may add now: TOTP and WebAuthn (a passkey counts as WebAuthn).
// An email or phone code factor's address type; nullopt for the other factors.
std::optional<IdentifierType> address_type_of(MfaFactor factor) {
  if (factor == MfaFactor::EmailVerificationCode) return IdentifierType::Email;
  if (factor == MfaFactor::PhoneVerificationCode) return IdentifierType::Phone;
  return std::nullopt;
}

const std::optional<std::string>& address_of(const model::User& user, IdentifierType type) {
  return type == IdentifierType::Email ? user.primary_email : user.primary_phone;
}

// The factors `user` may add now: an authenticator app and a passkey when enabled, and an email
// or phone code when enabled and the user has no such address yet (adding one, proved by a code,
// is adding the factor, as in Logto).
std::vector<MfaFactor> bindable(const SignInExperience& config, const model::User& user) {
  std::vector<MfaFactor> out;
  for (MfaFactor f : {MfaFactor::Totp, MfaFactor::WebAuthn, MfaFactor::EmailVerificationCode,
                      MfaFactor::PhoneVerificationCode}) {
    auto address = address_type_of(f);
    if (config.mfa.enabled(f) && (!address || !address_of(user, *address))) out.push_back(f);
  }
  return out;
}

// What the user has with this flow's bound enrolments added.
std::vector<MfaFactor> with_bound(std::vector<MfaFactor> factors, const FlowState& s) {
  for (const auto& v : s.verifications) {
    auto f = factor_of(v.type);
    bool bound = v.bound || (v.type == VerificationType::WebAuthn && v.bind && v.verified);
    if (f && bound && v.user_id == s.user_id &&
        std::find(factors.begin(), factors.end(), *f) == factors.end()) {
      factors.push_back(*f);
    }
  }
  return factors;
}

// RFC 8176 §2: pwd (a password), otp (a code: email, SMS, TOTP, a backup code), hwk (a WebAuthn
// credential: a key held by an authenticator), mfa (more than one factor).
std::vector<std::string> amr_for(const FlowState& s) {
  std::vector<std::string> first, second;
  bool passkey_verified = false;
  for (const auto& v : s.verifications) {
    if (!v.verified) continue;
    switch (v.type) {
      case VerificationType::Password:
        if (v.user_id == s.user_id) first.push_back("pwd");
        break;
      case VerificationType::NewPasswordIdentity:
        first.push_back("pwd");
        break;
      case VerificationType::VerificationCode:
        first.push_back("otp");
        break;
      case VerificationType::SignInPasskey:
        if (v.user_id != s.user_id) break;
        first.push_back("hwk");
        passkey_verified = passkey_verified || v.user_verified;
        break;
      default:
        if (is_second_factor(v.type) && v.user_id == s.user_id) second.push_back(v.amr);
        break;
    }
  }
  return amr_of(first, second, passkey_verified);
}

// A second factor other than a backup code, used (not just enrolled) in this flow: what trusting
// the browser requires (Logto's hasEligibleTrustedDeviceProof).
bool may_trust_device(const FlowState& s) {
  return std::any_of(s.verifications.begin(), s.verifications.end(), [&](const auto& v) {
    return v.verified && !v.bind && v.user_id == s.user_id && is_second_factor(v.type) &&
           v.type != VerificationType::BackupCode;
  });
}

}  // namespace

Result<model::User> FlowService::identified_user(storage::Tx& tx, const FlowState& s) const {
  if (!s.event) return flow_error(Errc::InvalidRequest, "session.not_started");
  if (s.event == InteractionEvent::ForgotPassword) {
    return flow_error(Errc::InvalidRequest, "session.not_supported_for_forgot_password");
  }
  if (s.user_id.empty()) return flow_error(Errc::NotFound, "session.identifier_not_found");
  auto user = tx.users().find(s.user_id);
  if (!user) return user.error();
  if (!*user) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
  return std::move(**user);
}

Result<void> FlowService::require_verified(storage::Tx& tx, const FlowContext& ctx,
                                           const FlowState& s) const {
  // Logto: an enterprise SSO sign-in asks no second factor (the IdP's policy applies there).
  if (s.event != InteractionEvent::SignIn || verified_in_flow(s) || !s.sso_verification.empty()) {
    return ok();
  }
  auto config = this->config();
  auto user = identified_user(tx, s);
  if (!user) return user.error();
  auto factors = load_factors(tx, mfa_, *user);
  if (!factors) return factors.error();
  // Only factors the sign-in experience enables count (Logto's userEnabledMfaVerifications): a
  // factor switched off cannot be asked for.
  auto available = available_factors(config->mfa, factors->stored, *user);
  if (!has_real_factor(available)) return ok();
  auto stepping_up = step_up(tx, ctx);
  if (!stepping_up) return stepping_up.error();
  if (config->mfa.trusted_device && !ctx.trusted_device.empty() && !*stepping_up) {
    auto trusted = mfa_.is_trusted(tx, user->id, ctx.trusted_device);
    if (!trusted) return trusted.error();
    if (*trusted) return ok();
  }
  return mfa_refusal(Errc::Forbidden, keys::kRequireMfaVerification, {available, false});
}

Result<void> FlowService::mfa_at_submit(storage::Tx& tx, const FlowContext& ctx, FlowState& s,
                                        Submitted& out) const {
  auto config = this->config();
  if (auto verified = require_verified(tx, ctx, s); !verified) return verified;
  if (!s.sso_verification.empty()) {  // nor asks to enrol one
    out.amr = amr_for(s);
    return ok();
  }
  auto user = identified_user(tx, s);
  if (!user) return user.error();
  auto factors = load_factors(tx, mfa_, *user);
  if (!factors) return factors.error();
  auto skipped = tx.mfa().mfa_skipped(user->id);
  if (!skipped) return skipped.error();
  auto org = organization_requires(tx, config->mfa, user->id);
  if (!org) return org.error();
  auto stepping_up = step_up(tx, ctx);
  if (!stepping_up) return stepping_up.error();
  const MfaSettings& settings = config->mfa;  // with no factor enabled, step-up cannot be met
  EnrolmentFacts facts{*s.event, with_bound(available_factors(settings, factors->stored, *user), s),
                       *skipped || s.mfa_skipped, *org || *stepping_up};
  switch (enrolment_needed(settings, facts)) {
    case Enrolment::Required:
    case Enrolment::Offered: {
      bool skippable = enrolment_needed(settings, facts) == Enrolment::Offered;
      return mfa_refusal(Errc::Conflict, keys::kMissingMfa, {bindable(*config, *user), skippable});
    }
    case Enrolment::BackupCodes:
      return flow_error(Errc::Conflict, keys::kBackupCodeRequired);
    case Enrolment::None:
      break;
  }
  // What the flow bound: TOTP first, so that backup codes are never a user's only factor.
  for (auto type : {VerificationType::Totp, VerificationType::BackupCode}) {
    for (const auto& v : s.verifications) {
      if (v.type != type || !v.bound || v.user_id != user->id) continue;
      if (type == VerificationType::Totp) {
        auto added = mfa_.add_totp(tx, user->id, v.secret, v.step);
        if (!added) return added.error();
      } else {
        auto replaced = mfa_.replace_backup_codes(tx, user->id, v.codes);
        if (!replaced) return replaced.error();
      }
    }
  }
  if (s.mfa_skipped && !*skipped) {
    if (auto r = tx.mfa().set_mfa_skipped(user->id, clock_.now_millis()); !r) return r;
  }
  if (s.trust_device && config->mfa.trusted_device && may_trust_device(s)) {
    auto token = mfa_.trust_device(tx, user->id, ctx.user_agent, config->mfa.trusted_device_days);
    if (!token) return token.error();
    out.trusted_device_token = std::move(*token);
    out.trusted_device_days = config->mfa.trusted_device_days;
  }
  out.amr = amr_for(s);
  return ok();
}

Result<void> FlowService::bind_mfa(const FlowContext& ctx, MfaFactor type, const std::string& vid) {
  auto config = this->config();
  std::string user_id, event = "SignIn";
  auto bound = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    if (s.event) event = interaction_event_name(*s.event);
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    user_id = user->id;
    if (auto verified = require_verified(tx, ctx, s); !verified) return verified;
    bool enabled = config->mfa.enabled(type) ||
                   (type == MfaFactor::WebAuthn && config->passkey_sign_in.enabled);
    if (!enabled) return flow_error(Errc::InvalidRequest, "session.mfa.mfa_factor_not_enabled");
    if (auto address = address_type_of(type))
      return bind_address(tx, s, *user, type, *address, vid);
    auto* v = s.find(vid);
    if (!v || factor_of(v->type) != type || !v->bind || v->user_id != user->id) {
      return flow_error(Errc::NotFound, "session.verification_session_not_found");
    }
    if (!v->verified) return flow_error(Errc::InvalidRequest, "session.verification_required");
    auto factors = load_factors(tx, mfa_, *user);
    if (!factors) return factors.error();
    auto has = with_bound(available_factors(config->mfa, factors->stored, *user), s);
    auto stored_totp = std::any_of(factors->stored.begin(), factors->stored.end(),
                                   [](const auto& f) { return f.type == MfaFactor::Totp; });
    if (type == MfaFactor::Totp && !v->bound &&
        (stored_totp || std::find(has.begin(), has.end(), MfaFactor::Totp) != has.end())) {
      return flow_error(Errc::Conflict, "user.totp_already_in_use");
    }
    if (type == MfaFactor::BackupCode && !has_real_factor(has)) {
      return flow_error(Errc::Conflict, "session.mfa.backup_code_can_not_be_alone");
    }
    v->bound = true;
    return ok();
  });
  // Logto's Interaction.<event>.BindMfa.<factor>.Submit; a refusal before the user is known
  // (no interaction, no identified user) is not an enrolment attempt.
  if (!user_id.empty() && (bound || bound.error().code != Errc::Internal)) {
    std::string key = "Interaction." + event + ".BindMfa." +
                      std::string(model::mfa_factor_name(type)) + ".Submit";
    if (bound) {
      audit(ctx, key, true, user_id);
    } else {
      audit(ctx, key, false, user_id, {{"error", bound.error().key}});
    }
  }
  return bound;
}

// An email or phone code factor for a user without that address (Logto's bind of
// EmailVerificationCode / PhoneVerificationCode): `vid` is a verified code sent to the new
// address in this flow. The address goes onto the account at submit, and the proof counts as the
// second factor of this sign-in. Conflict user.email_exists_in_profile when the user has one
// (their own address is used, not replaced), user.email_already_in_use when another user has it.
Result<void> FlowService::bind_address(storage::Tx& tx, FlowState& s, const model::User& user,
                                       MfaFactor factor, IdentifierType type,
                                       const std::string& vid) const {
  const auto* v = s.find(vid);
  if (!v || v->type != VerificationType::VerificationCode || v->identifier_type != type) {
    return flow_error(Errc::NotFound, "session.verification_session_not_found");
  }
  if (!v->verified) return flow_error(Errc::InvalidRequest, "session.verification_required");
  std::string_view name = identifier_type_name(type);
  if (address_of(user, type)) {
    return flow_error(Errc::Conflict, "user." + std::string(name) + "_exists_in_profile");
  }
  if (auto taken = identifier_taken(tx, {type, v->identifier}); !taken) return taken;
  VerificationRecord bound;
  bound.id = crypto::random_id(21);
  bound.type = factor == MfaFactor::EmailVerificationCode
                   ? VerificationType::MfaEmailVerificationCode
                   : VerificationType::MfaPhoneVerificationCode;
  bound.identifier_type = type;
  bound.identifier = v->identifier;
  bound.user_id = user.id;
  bound.verified = bound.bind = bound.bound = true;
  bound.amr = "otp";
  (type == IdentifierType::Email ? s.email : s.phone) = v->identifier;
  s.verifications.push_back(std::move(bound));
  return ok();
}

bool FlowService::may_add_address(storage::Tx& tx, const FlowState& s, IdentifierType type) const {
  auto config = this->config();
  MfaFactor factor = type == IdentifierType::Email ? MfaFactor::EmailVerificationCode
                                                   : MfaFactor::PhoneVerificationCode;
  if (s.user_id.empty() || !config->mfa.enabled(factor)) return false;
  auto user = identified_user(tx, s);
  return user && !address_of(*user, type);
}

Result<void> FlowService::skip_mfa(const FlowContext& ctx) {
  auto config = this->config();
  return mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    if (auto verified = require_verified(tx, ctx, s); !verified) return verified;
    auto org = organization_requires(tx, config->mfa, user->id);
    if (!org) return org.error();
    if (mfa_mandatory_now(config->mfa, *s.event, *org)) {
      return flow_error(Errc::Conflict, "session.mfa.mfa_policy_not_user_controlled");
    }
    s.mfa_skipped = true;
    return ok();
  });
}

Result<void> FlowService::trust_device(const FlowContext& ctx) {
  return mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    if (auto verified = require_verified(tx, ctx, s); !verified) return verified;
    s.trust_device = true;
    return ok();
  });
}

Result<MfaStatus> FlowService::mfa_status(const FlowContext& ctx) {
  auto config = this->config();
  MfaStatus out;
  auto done = mutate(ctx, [&](storage::Tx& tx, model::Interaction&, FlowState& s) -> Result<void> {
    auto user = identified_user(tx, s);
    if (!user) return user.error();
    auto factors = load_factors(tx, mfa_, *user);
    if (!factors) return factors.error();
    out.available = available_factors(config->mfa, factors->stored, *user);
    out.enabled = bindable(*config, *user);
    out.trusted_device = config->mfa.trusted_device;
    out.trusted_device_days = config->mfa.trusted_device_days;
    auto org = organization_requires(tx, config->mfa, user->id);
    if (!org) return org.error();
    out.skippable = !mfa_mandatory_now(config->mfa, *s.event, *org);
    out.email = user->primary_email.value_or("");
    out.phone = user->primary_phone.value_or("");
    return ok();
  });
  if (!done) return done.error();
  return out;
}

}  // namespace latch::experience
