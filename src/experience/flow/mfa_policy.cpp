#include "experience/flow/mfa_policy.hpp"

#include <algorithm>

namespace latch::experience {
namespace {

using model::MfaFactor;

bool contains(const std::vector<MfaFactor>& list, MfaFactor factor) {
  return std::find(list.begin(), list.end(), factor) != list.end();
}

void add_once(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

}  // namespace

std::vector<MfaFactor> available_factors(const MfaSettings& settings,
                                         const std::vector<model::MfaVerification>& stored,
                                         const model::User& user) {
  auto has = [&](MfaFactor type) {
    return std::any_of(stored.begin(), stored.end(), [&](const model::MfaVerification& f) {
      return f.type == type && (type != MfaFactor::BackupCode || f.codes_left > 0);
    });
  };
  std::vector<MfaFactor> out;
  auto offer = [&](MfaFactor type, bool present) {
    if (present && settings.enabled(type)) out.push_back(type);
  };
  offer(MfaFactor::Totp, has(MfaFactor::Totp));
  offer(MfaFactor::WebAuthn, has(MfaFactor::WebAuthn));
  offer(MfaFactor::EmailVerificationCode, user.primary_email.has_value());
  offer(MfaFactor::PhoneVerificationCode, user.primary_phone.has_value());
  offer(MfaFactor::BackupCode, has(MfaFactor::BackupCode));
  return out;
}

bool has_real_factor(const std::vector<MfaFactor>& factors) {
  return std::any_of(factors.begin(), factors.end(),
                     [](MfaFactor f) { return f != MfaFactor::BackupCode; });
}

bool mfa_mandatory_now(const MfaSettings& settings, InteractionEvent event,
                       bool organization_requires) {
  if (organization_requires) return true;
  switch (settings.policy) {
    case MfaPolicy::Mandatory:
    case MfaPolicy::PromptAtSignInAndSignUpMandatory:
      return true;
    case MfaPolicy::PromptOnlyAtSignInMandatory:
      return event == InteractionEvent::SignIn;
    default:
      return false;
  }
}

namespace {

// Whether a prompting policy offers a factor at `event`.
bool offered_now(MfaPolicy policy, InteractionEvent event) {
  switch (policy) {
    case MfaPolicy::UserControlled:
    case MfaPolicy::PromptAtSignInAndSignUp:
      return true;
    case MfaPolicy::PromptOnlyAtSignIn:
      return event == InteractionEvent::SignIn;
    default:
      return false;
  }
}

}  // namespace

Enrolment enrolment_needed(const MfaSettings& settings, const EnrolmentFacts& facts) {
  if (settings.factors.empty()) return Enrolment::None;
  bool mandatory = mfa_mandatory_now(settings, facts.event, facts.organization_requires);
  if (!mandatory && (!offered_now(settings.policy, facts.event) || facts.skipped)) {
    return Enrolment::None;
  }
  if (!has_real_factor(facts.factors)) {
    return mandatory ? Enrolment::Required : Enrolment::Offered;
  }
  if (settings.enabled(MfaFactor::BackupCode) && !contains(facts.factors, MfaFactor::BackupCode)) {
    return Enrolment::BackupCodes;
  }
  return Enrolment::None;
}

std::vector<std::string> amr_of(const std::vector<std::string>& first,
                                const std::vector<std::string>& second, bool passkey_verified) {
  std::vector<std::string> out;
  for (const auto& m : first) add_once(out, m);
  for (const auto& m : second) add_once(out, m);
  if ((!first.empty() && !second.empty()) || passkey_verified) add_once(out, "mfa");
  return out;
}

}  // namespace latch::experience
