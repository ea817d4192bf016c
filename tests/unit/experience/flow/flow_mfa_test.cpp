// FlowService's MFA gate with a fake clock (issue 18): a trusted device stands in for the second
// factor until its days pass, the lockout after wrong codes lifts when its window has passed, and
// a registration keeps its new account while it asks for the factor.
#include <gtest/gtest.h>

#include "crypto/totp.hpp"
#include "support/result_testing.hpp"
#include "unit/experience/flow/flow_harness.hpp"

namespace latch::test {
namespace {

using namespace std::chrono_literals;
using experience::FlowContext;
using model::MfaFactor;

const boost::json::object kTotpOffered{
    {"mfa", {{"factors", {"Totp"}}, {"policy", "UserControlled"}}},
    {"trustedDevice", {{"enabled", true}, {"durationDays", 7}}},
    {"sentinelPolicy", {{"maxAttempts", 2}, {"lockoutDuration", 10}}}};

class FlowMfaTest : public ::testing::Test {
 protected:
  FlowMfaTest() { h_.configure(kTotpOffered); }

  std::int64_t step() { return h_.clock().now_seconds() / 30; }
  std::string code(std::int64_t at) { return code_for(secret_, at); }
  static std::string code_for(const std::string& secret, std::int64_t at) {
    auto key = crypto::base32_decode(secret);
    return key ? crypto::hotp(*key, static_cast<std::uint64_t>(at)) : "";
  }
  // A fresh interaction in which ada proved her password.
  FlowContext signed_in(const std::string& device = "") {
    FlowContext ctx = h_.new_interaction();
    ctx.trusted_device = device;
    EXPECT_TRUE(h_.start(ctx, Event::SignIn));
    auto vid = h_.flow().verify_password(ctx, {IdentifierType::Username, "ada"}, "correct horse");
    EXPECT_TRUE(vid) << key_of(vid);
    EXPECT_TRUE(h_.flow().identify(ctx, vid ? *vid : ""));
    return ctx;
  }
  // Gives ada a TOTP factor through the flow, as the enrolment pages do.
  void enrol() {
    FlowContext ctx = signed_in();
    auto offer = h_.flow().totp_secret(ctx);
    ASSERT_TRUE(offer) << key_of(offer);
    secret_ = offer->secret;
    ASSERT_TRUE(h_.flow().verify_totp(ctx, offer->verification_id, code(step())));
    ASSERT_TRUE(h_.flow().bind_mfa(ctx, MfaFactor::Totp, offer->verification_id));
    auto done = h_.flow().submit(ctx);
    ASSERT_TRUE(done) << key_of(done);
    h_.clock().advance(30s);  // the next code is a new one
  }

  FlowHarness h_;
  std::string ada_ = h_.add_user({.username = "ada", .password = "correct horse"});
  std::string secret_;
};

TEST_F(FlowMfaTest, ATrustedDeviceStandsInForTheSecondFactorUntilItsDaysPass) {
  enrol();
  FlowContext first = signed_in();
  EXPECT_EQ(key_of(h_.flow().submit(first)), "session.mfa.require_mfa_verification");
  ASSERT_TRUE(h_.flow().verify_totp(first, "", code(step())));
  ASSERT_TRUE(h_.flow().trust_device(first));
  auto done = h_.flow().submit(first);
  ASSERT_TRUE(done) << key_of(done);
  ASSERT_FALSE(done->trusted_device_token.empty());
  EXPECT_EQ(done->trusted_device_days, 7);
  EXPECT_EQ(done->amr, (std::vector<std::string>{"pwd", "otp", "mfa"}));

  FlowContext trusted = signed_in(done->trusted_device_token);
  auto skipped = h_.flow().submit(trusted);
  ASSERT_TRUE(skipped) << key_of(skipped);
  EXPECT_EQ(skipped->amr, (std::vector<std::string>{"pwd"})) << "no second factor was used";

  h_.clock().advance(std::chrono::hours(24 * 7));
  FlowContext expired = signed_in(done->trusted_device_token);
  EXPECT_EQ(key_of(h_.flow().submit(expired)), "session.mfa.require_mfa_verification");
  FlowContext forged = signed_in("not-a-token");
  EXPECT_EQ(key_of(h_.flow().submit(forged)), "session.mfa.require_mfa_verification");
}

TEST_F(FlowMfaTest, AddingAFactorNeedsTheExistingOneFirst) {
  enrol();
  FlowContext ctx = signed_in();
  EXPECT_EQ(key_of(h_.flow().totp_secret(ctx)), "session.mfa.require_mfa_verification");
  EXPECT_EQ(key_of(h_.flow().trust_device(ctx)), "session.mfa.require_mfa_verification");
  ASSERT_TRUE(h_.flow().verify_totp(ctx, "", code(step())));
  auto second = h_.flow().totp_secret(ctx);
  ASSERT_TRUE(second) << key_of(second);
  EXPECT_EQ(key_of(h_.flow().bind_mfa(ctx, MfaFactor::Totp, second->verification_id)),
            "session.verification_required")
      << "an offered secret binds once a code confirmed it";
  ASSERT_TRUE(
      h_.flow().verify_totp(ctx, second->verification_id, code_for(second->secret, step())));
  EXPECT_EQ(key_of(h_.flow().bind_mfa(ctx, MfaFactor::Totp, second->verification_id)),
            "user.totp_already_in_use");
}

TEST_F(FlowMfaTest, TheLockoutAfterWrongCodesLiftsWhenItsWindowHasPassed) {
  enrol();
  FlowContext ctx = signed_in();
  std::string right = code(step());
  std::string wrong = right == "123456" ? "654321" : "123456";
  EXPECT_EQ(key_of(h_.flow().verify_totp(ctx, "", wrong)), "session.mfa.invalid_totp_code");
  EXPECT_EQ(key_of(h_.flow().verify_totp(ctx, "", wrong)), "session.mfa.invalid_totp_code");
  EXPECT_EQ(key_of(h_.flow().verify_totp(ctx, "", right)),
            "session.verification_blocked_too_many_attempts");
  h_.clock().advance(10min + 1s);
  EXPECT_TRUE(h_.flow().verify_totp(ctx, "", code(step())));
  EXPECT_TRUE(h_.flow().submit(ctx));
}

TEST_F(FlowMfaTest, ASkippedPromptIsNotShownAgain) {
  FlowContext ctx = signed_in();
  EXPECT_EQ(key_of(h_.flow().submit(ctx)), "user.missing_mfa");
  ASSERT_TRUE(h_.flow().skip_mfa(ctx));
  ASSERT_TRUE(h_.flow().submit(ctx));
  EXPECT_TRUE(h_.flow().submit(signed_in()));
}

TEST_F(FlowMfaTest, ARegistrationKeepsItsAccountWhileItAsksForTheFactor) {
  h_.configure({{"mfa", {{"factors", {"Totp"}}, {"policy", "Mandatory"}}}});
  FlowContext ctx = h_.new_interaction();
  ASSERT_TRUE(h_.start(ctx, Event::Register));
  auto vid =
      h_.flow().new_password_identity(ctx, {IdentifierType::Username, "grace"}, "Correct-Horse-9");
  ASSERT_TRUE(vid) << key_of(vid);
  ASSERT_TRUE(h_.flow().identify(ctx, *vid));
  EXPECT_EQ(key_of(h_.flow().submit(ctx)), "user.missing_mfa");
  auto grace = h_.find_by_username("grace");
  ASSERT_TRUE(grace) << "the account exists";
  EXPECT_EQ(key_of(h_.flow().skip_mfa(ctx)), "session.mfa.mfa_policy_not_user_controlled");
  EXPECT_EQ(key_of(h_.flow().submit(ctx)), "user.missing_mfa") << "asked again";
  auto offer = h_.flow().totp_secret(ctx);
  ASSERT_TRUE(offer);
  secret_ = offer->secret;
  ASSERT_TRUE(h_.flow().verify_totp(ctx, offer->verification_id, code(step())));
  ASSERT_TRUE(h_.flow().bind_mfa(ctx, MfaFactor::Totp, offer->verification_id));
  auto done = h_.flow().submit(ctx);
  ASSERT_TRUE(done) << key_of(done);
  EXPECT_EQ(done->amr, (std::vector<std::string>{"pwd", "otp", "mfa"}));
  EXPECT_EQ(h_.completed_user(ctx), grace->id);
}

}  // namespace
}  // namespace latch::test
