#pragma once

#include <string>
#include <vector>

#include "experience/config/sign_in_experience.hpp"
#include "experience/flow/flow_types.hpp"
#include "model/mfa.hpp"
#include "model/user.hpp"

// The MFA policy's decisions, as pure functions of what the flow knows (Logto's MfaValidator and
// Mfa.assertUserMandatoryMfaFulfilled): which factors a user can verify with, and whether a
// submit must first have the user add one. flow_mfa.cpp gathers the facts and acts on these.
namespace latch::experience {

// The second factors `user` can verify with under `settings`, each type once, in display order:
// TOTP, WebAuthn, an email or phone code (when enabled and the user has that address), then
// backup codes (while some are unused). Only factors the sign-in experience enables count.
std::vector<model::MfaFactor> available_factors(const MfaSettings& settings,
                                                const std::vector<model::MfaVerification>& stored,
                                                const model::User& user);

// Whether `factors` holds a factor that works on its own (anything but backup codes).
bool has_real_factor(const std::vector<model::MfaFactor>& factors);

// What the submit of `event` needs before it may complete.
enum class Enrolment {
  None,         // nothing: the user has a factor, or the policy does not ask now
  Required,     // user.missing_mfa, not skippable (mandatory, or an organization requires it)
  Offered,      // user.missing_mfa, skippable (a prompting policy, not skipped before)
  BackupCodes,  // session.mfa.backup_code_required: backup codes are enabled and the user has none
};

struct EnrolmentFacts {
  InteractionEvent event = InteractionEvent::SignIn;
  // The user's usable factors (available_factors) with those bound in this flow added.
  std::vector<model::MfaFactor> factors;
  bool skipped = false;                // stored on the user, or skipped in this flow
  bool organization_requires = false;  // organizationRequiredMfaPolicy Mandatory and a member
                                       // of an organization with isMfaRequired
};

Enrolment enrolment_needed(const MfaSettings& settings, const EnrolmentFacts& facts);

// Whether skipping is refused: the policy, or an organization, makes a factor mandatory now.
bool mfa_mandatory_now(const MfaSettings& settings, InteractionEvent event,
                       bool organization_requires);

// The RFC 8176 `amr` of a sign-in from the methods its verified records stand for (in order,
// each once), with "mfa" added when a second factor joined a first one, or when a passkey's
// authenticator verified the user (possession and a PIN or biometric).
std::vector<std::string> amr_of(const std::vector<std::string>& first,
                                const std::vector<std::string>& second, bool passkey_verified);

}  // namespace latch::experience
