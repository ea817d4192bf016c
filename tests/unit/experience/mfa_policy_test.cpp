// The MFA policy's decisions at submit (issue 18): which factors a user can verify with, when a
// user must or may add one, and the amr a sign-in reports. Pure functions, one rule per test.
#include "experience/flow/mfa_policy.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "experience/flow/flow_state.hpp"

namespace latch::experience {
namespace {

using model::MfaFactor;

MfaSettings settings(MfaPolicy policy,
                     std::vector<MfaFactor> factors = {MfaFactor::Totp, MfaFactor::WebAuthn}) {
  MfaSettings s;
  s.policy = policy;
  s.factors = std::move(factors);
  return s;
}

model::MfaVerification stored(MfaFactor type, int codes_left = 0) {
  model::MfaVerification v;
  v.type = type;
  v.codes_left = codes_left;
  return v;
}

EnrolmentFacts facts(InteractionEvent event, std::vector<MfaFactor> factors = {},
                     bool skipped = false, bool organization = false) {
  return {event, std::move(factors), skipped, organization};
}

TEST(MfaPolicyTest, OnlyFactorsTheExperienceEnablesAreAvailable) {
  model::User user;
  user.primary_email = "a@example.test";
  auto s = settings(MfaPolicy::UserControlled, {MfaFactor::WebAuthn, MfaFactor::BackupCode});
  auto got = available_factors(
      s, {stored(MfaFactor::Totp), stored(MfaFactor::WebAuthn), stored(MfaFactor::BackupCode, 3)},
      user);
  EXPECT_EQ(got, (std::vector<MfaFactor>{MfaFactor::WebAuthn, MfaFactor::BackupCode}));
}

TEST(MfaPolicyTest, UsedUpBackupCodesAndMissingAddressesAreNotAvailable) {
  model::User user;  // no email, no phone
  auto s = settings(MfaPolicy::UserControlled,
                    {MfaFactor::Totp, MfaFactor::BackupCode, MfaFactor::EmailVerificationCode});
  auto got =
      available_factors(s, {stored(MfaFactor::Totp), stored(MfaFactor::BackupCode, 0)}, user);
  EXPECT_EQ(got, (std::vector<MfaFactor>{MfaFactor::Totp}));
  user.primary_email = "a@example.test";
  got = available_factors(s, {}, user);
  EXPECT_EQ(got, (std::vector<MfaFactor>{MfaFactor::EmailVerificationCode}));
}

TEST(MfaPolicyTest, MandatoryRequiresAFactorAtSignInAndAtSignUp) {
  auto s = settings(MfaPolicy::Mandatory);
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn)), Enrolment::Required);
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::Register)), Enrolment::Required);
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn, {}, true)), Enrolment::Required)
      << "a skip remembered under another policy does not count";
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn, {MfaFactor::Totp})),
            Enrolment::None);
}

TEST(MfaPolicyTest, BackupCodesAloneAreNoFactor) {
  auto s = settings(MfaPolicy::Mandatory, {MfaFactor::Totp, MfaFactor::BackupCode});
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn, {MfaFactor::BackupCode})),
            Enrolment::Required);
}

TEST(MfaPolicyTest, PromptingPoliciesOfferOnceAndASkipIsFinal) {
  for (auto policy : {MfaPolicy::UserControlled, MfaPolicy::PromptAtSignInAndSignUp}) {
    auto s = settings(policy);
    EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn)), Enrolment::Offered);
    EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::Register)), Enrolment::Offered);
    EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn, {}, true)), Enrolment::None);
  }
}

TEST(MfaPolicyTest, PromptOnlyAtSignInLeavesRegistrationAlone) {
  auto s = settings(MfaPolicy::PromptOnlyAtSignIn);
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::Register)), Enrolment::None);
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn)), Enrolment::Offered);
  auto mandatory = settings(MfaPolicy::PromptOnlyAtSignInMandatory);
  EXPECT_EQ(enrolment_needed(mandatory, facts(InteractionEvent::Register)), Enrolment::None);
  EXPECT_EQ(enrolment_needed(mandatory, facts(InteractionEvent::SignIn)), Enrolment::Required);
}

TEST(MfaPolicyTest, NoPromptAsksNothingUnlessAnOrganizationRequiresIt) {
  auto s = settings(MfaPolicy::NoPrompt);
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn)), Enrolment::None);
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn, {}, true, true)),
            Enrolment::Required);
  EXPECT_TRUE(mfa_mandatory_now(s, InteractionEvent::SignIn, true));
  EXPECT_FALSE(mfa_mandatory_now(s, InteractionEvent::SignIn, false));
}

TEST(MfaPolicyTest, NoEnabledFactorAsksNothing) {
  EXPECT_EQ(enrolment_needed(settings(MfaPolicy::Mandatory, {}), facts(InteractionEvent::SignIn)),
            Enrolment::None);
}

TEST(MfaPolicyTest, EnabledBackupCodesAreAskedForNextToAFactor) {
  auto s = settings(MfaPolicy::UserControlled, {MfaFactor::Totp, MfaFactor::BackupCode});
  EXPECT_EQ(enrolment_needed(s, facts(InteractionEvent::SignIn, {MfaFactor::Totp})),
            Enrolment::BackupCodes);
  EXPECT_EQ(enrolment_needed(
                s, facts(InteractionEvent::SignIn, {MfaFactor::Totp, MfaFactor::BackupCode})),
            Enrolment::None);
}

TEST(MfaPolicyTest, AmrNamesEachMethodOnceAndMfaForTwoFactors) {
  EXPECT_EQ(amr_of({"pwd"}, {}, false), (std::vector<std::string>{"pwd"}));
  EXPECT_EQ(amr_of({"pwd"}, {"otp", "otp"}, false),
            (std::vector<std::string>{"pwd", "otp", "mfa"}));
  EXPECT_EQ(amr_of({"hwk"}, {}, true), (std::vector<std::string>{"hwk", "mfa"}))
      << "a passkey whose authenticator verified the user";
  EXPECT_EQ(amr_of({"hwk"}, {}, false), (std::vector<std::string>{"hwk"}));
}

TEST(MfaPolicyTest, SecondFactorRecordsSurviveTheStoredState) {
  FlowState s;
  s.event = InteractionEvent::SignIn;
  s.user_id = "u1";
  s.mfa_skipped = s.trust_device = s.registered = true;
  s.passkey_challenge = "chal";
  VerificationRecord totp;
  totp.id = "v1";
  totp.type = VerificationType::Totp;
  totp.user_id = "u1";
  totp.bind = totp.bound = totp.verified = true;
  totp.secret = "JBSWY3DPEHPK3PXP";
  totp.step = 42;
  totp.amr = "otp";
  VerificationRecord codes;
  codes.id = "v2";
  codes.type = VerificationType::BackupCode;
  codes.codes = {"0123456789", "abcdefabcd"};
  s.verifications = {totp, codes};
  crypto::SecretBox box(std::string(32, 'k'));
  std::string stored = write_flow_state("{}", s, box);
  EXPECT_EQ(stored.find("JBSWY3DPEHPK3PXP"), std::string::npos) << "the secret is sealed";
  EXPECT_EQ(stored.find("0123456789"), std::string::npos) << "the codes are sealed";
  FlowState back = read_flow_state(stored, box);
  ASSERT_EQ(back.verifications.size(), 2u);
  EXPECT_EQ(back.verifications[0].type, VerificationType::Totp);
  EXPECT_TRUE(back.verifications[0].bound);
  EXPECT_EQ(back.verifications[0].secret, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(back.verifications[0].step, 42);
  EXPECT_EQ(back.verifications[1].codes, codes.codes);
  EXPECT_TRUE(back.mfa_skipped && back.trust_device && back.registered);
  EXPECT_EQ(back.passkey_challenge, "chal");
  EXPECT_EQ(back.latest_verified(), nullptr) << "a second factor identifies nobody";

  // Another master key, or a sealed value moved to another record, opens to nothing.
  EXPECT_EQ(
      read_flow_state(stored, crypto::SecretBox(std::string(32, 'x'))).verifications[0].secret, "");
  auto moved = boost::json::parse(stored);
  auto& list = moved.at("experience").at("verifications").as_array();
  list[1].as_object()["secret"] = list[0].at("secret");
  EXPECT_EQ(read_flow_state(boost::json::serialize(moved), box).verifications[1].secret, "");
}

// Logto's own spellings (packages/schemas MfaPolicy) round-trip; scripts send them verbatim.
TEST(MfaPolicyTest, PolicyNamesAreLogtos) {
  for (std::string_view name :
       {"UserControlled", "Mandatory", "PromptOnlyAtSignIn", "PromptAtSignInAndSignUp", "NoPrompt",
        "PromptAtSignInAndSignUpMandatory", "PromptOnlyAtSignInMandatory"}) {
    auto policy = parse_mfa_policy(name);
    ASSERT_TRUE(policy) << name;
    EXPECT_EQ(mfa_policy_name(*policy), name);
  }
  EXPECT_FALSE(parse_mfa_policy("PromptOnlySignInMandatory"));
}

}  // namespace
}  // namespace latch::experience
