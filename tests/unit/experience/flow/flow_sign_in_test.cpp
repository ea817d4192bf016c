// FlowService, event SignIn: password and verification-code sign-in, identify and submit,
// suspended accounts, the lockout (Sentinel) and the profile a sign-in must complete.
#include <gtest/gtest.h>

#include "support/result_testing.hpp"
#include "unit/experience/flow/flow_harness.hpp"

namespace latch::test {
namespace {

using namespace std::chrono_literals;
using experience::FlowContext;
using experience::FlowState;

// Username and email both sign in with a password; email also by code.
const boost::json::object kEmailSignIn{
    {"signIn",
     {{"methods",
       {{{"identifier", "username"}, {"password", true}},
        {{"identifier", "email"}, {"password", true}, {"verificationCode", true}}}}}}};

class FlowSignInTest : public ::testing::Test {
 protected:
  FlowSignInTest() { EXPECT_TRUE(h_.start(ctx_, Event::SignIn)); }

  Result<std::string> password(const std::string& username, const std::string& pw) {
    return h_.flow().verify_password(ctx_, {IdentifierType::Username, username}, pw);
  }

  FlowHarness h_;
  FlowContext ctx_ = h_.new_interaction();
  std::string ada_ =
      h_.add_user({.username = "ada", .email = "ada@example.com", .password = "correct horse"});
};

TEST_F(FlowSignInTest, APasswordSignInCompletesTheInteractionForTheUser) {
  auto vid = password("ada", "correct horse");
  ASSERT_TRUE(vid) << key_of(vid);
  FlowState s = h_.state(ctx_);
  ASSERT_EQ(s.verifications.size(), 1u);
  EXPECT_TRUE(is(s.verifications[0], Verification::Password));
  EXPECT_TRUE(s.verifications[0].verified);
  ASSERT_TRUE(h_.flow().identify(ctx_, *vid));
  auto submitted = h_.flow().submit(ctx_);
  ASSERT_TRUE(submitted) << key_of(submitted);
  EXPECT_EQ(submitted->redirect_to, "/oidc/auth/" + ctx_.uid);
  EXPECT_FALSE(submitted->password_reset);
  EXPECT_EQ(h_.completed_user(ctx_), ada_);
  EXPECT_GT(h_.find_user(ada_)->last_sign_in_at, 0);
  auto logs = h_.logs("Interaction.SignIn.Submit");
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].result, "Success");
  EXPECT_EQ(logs[0].user_id, ada_);
  EXPECT_EQ(logs[0].application_id, "web");
}

TEST_F(FlowSignInTest, IdentifyWithoutAnIdTakesTheLatestVerifiedRecord) {
  ASSERT_TRUE(password("ada", "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  EXPECT_EQ(h_.state(ctx_).user_id, ada_);
}

TEST_F(FlowSignInTest, TheEmailSignsInWithAPasswordWhenItsMethodAllows) {
  auto refused =
      h_.flow().verify_password(ctx_, {IdentifierType::Email, "ada@example.com"}, "correct horse");
  EXPECT_EQ(code_of(refused), Errc::Forbidden);
  EXPECT_EQ(key_of(refused), "session.sign_in_method_not_enabled");
  h_.configure(kEmailSignIn);
  ASSERT_TRUE(
      h_.flow().verify_password(ctx_, {IdentifierType::Email, "ADA@example.com"}, "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  EXPECT_TRUE(h_.flow().submit(ctx_));
  EXPECT_EQ(h_.completed_user(ctx_), ada_);
}

TEST_F(FlowSignInTest, AWrongPasswordIsInvalidCredentialsAndIsLogged) {
  auto vid = password("ada", "wrong horse");
  EXPECT_EQ(code_of(vid), Errc::InvalidGrant);
  EXPECT_EQ(key_of(vid), "session.invalid_credentials");
  EXPECT_TRUE(h_.state(ctx_).verifications.empty());
  auto logs = h_.logs("Interaction.SignIn.Verification.Password");
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].result, "Error");
  EXPECT_EQ(logs[0].user_id, ada_);
  EXPECT_EQ(logs[0].payload_json.find("wrong horse"), std::string::npos);
}

TEST_F(FlowSignInTest, AnUnknownUserGetsTheSameAnswerAsAWrongPassword) {
  auto vid = password("nobody", "correct horse");
  EXPECT_EQ(code_of(vid), Errc::InvalidGrant);
  EXPECT_EQ(key_of(vid), "session.invalid_credentials");
}

TEST_F(FlowSignInTest, AnAccountWithoutAPasswordCannotSignInWithOne) {
  h_.add_user({.username = "social-only"});
  EXPECT_EQ(key_of(password("social-only", "")), "session.invalid_credentials");
  EXPECT_EQ(key_of(password("social-only", "anything")), "session.invalid_credentials");
}

TEST_F(FlowSignInTest, AnEmptyIdentifierOrPasswordIsRefusedBeforeAnyLookup) {
  EXPECT_EQ(code_of(password("", "correct horse")), Errc::InvalidRequest);
  EXPECT_EQ(code_of(password("ada", "")), Errc::InvalidRequest);
  EXPECT_TRUE(h_.logs("Interaction.SignIn.Verification.Password").empty());
}

TEST_F(FlowSignInTest, APasswordVerificationBelongsToSignInOnly) {
  ASSERT_TRUE(h_.start(ctx_, Event::Register));
  auto vid = password("ada", "correct horse");
  EXPECT_EQ(code_of(vid), Errc::InvalidRequest);
  EXPECT_EQ(key_of(vid), "session.wrong_event");
}

TEST_F(FlowSignInTest, SubmitBeforeIdentifyingIsRefused) {
  ASSERT_TRUE(password("ada", "correct horse"));
  auto submitted = h_.flow().submit(ctx_);
  EXPECT_EQ(code_of(submitted), Errc::InvalidRequest);
  EXPECT_EQ(key_of(submitted), "session.verification_required");
  EXPECT_EQ(h_.completed_user(ctx_), std::nullopt);
}

TEST_F(FlowSignInTest, IdentifyWithoutAVerifiedRecordIsNotFound) {
  EXPECT_EQ(key_of(h_.flow().identify(ctx_, "")), "session.verification_session_not_found");
  EXPECT_EQ(key_of(h_.flow().identify(ctx_, "made-up")), "session.verification_session_not_found");
}

TEST_F(FlowSignInTest, ASuspendedUserIsRefusedAtSubmitAndTheRefusalIsLogged) {
  std::string grace =
      h_.add_user({.username = "grace", .password = "correct horse", .suspended = true});
  ASSERT_TRUE(password("grace", "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  auto submitted = h_.flow().submit(ctx_);
  EXPECT_EQ(code_of(submitted), Errc::Forbidden);
  EXPECT_EQ(key_of(submitted), "user.suspended");
  EXPECT_EQ(h_.completed_user(ctx_), std::nullopt);
  auto logs = h_.logs("Interaction.SignIn.Submit");
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].result, "Error");
  EXPECT_EQ(logs[0].user_id, grace);
}

// Regression: submit asked a deleted account for its username (user.missing_profile).
TEST_F(FlowSignInTest, AUserDeletedAfterIdentifyingIsNotSignedIn) {
  ASSERT_TRUE(password("ada", "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  ASSERT_TRUE(h_.store().transact([&](storage::Tx& tx) { return tx.users().remove(ada_); }));
  auto submitted = h_.flow().submit(ctx_);
  EXPECT_EQ(code_of(submitted), Errc::NotFound);
  EXPECT_EQ(key_of(submitted), "user.identity_not_exist");
}

// Regression: submit asked a suspended account to verify a missing email first, and told it
// that it was suspended only afterwards.
TEST_F(FlowSignInTest, ASuspendedUserIsToldSoBeforeBeingAskedForAMissingField) {
  h_.configure({{"signUp", {{"identifiers", {"username", "email"}}, {"verify", true}}},
                {"signIn",
                 {{"methods",
                   {{{"identifier", "username"}, {"password", true}},
                    {{"identifier", "email"}, {"verificationCode", true}}}}}}});
  h_.add_user({.username = "grace", .password = "correct horse", .suspended = true});
  ASSERT_TRUE(password("grace", "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  EXPECT_EQ(key_of(h_.flow().submit(ctx_)), "user.suspended");
}

// Sentinel: five failures lock the account for fifteen minutes (the defaults).
TEST_F(FlowSignInTest, RepeatedFailuresLockTheAccountUntilTheWindowPasses) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(key_of(password("ada", "wrong horse")), "session.invalid_credentials");
  }
  auto locked = password("ada", "correct horse");
  EXPECT_EQ(code_of(locked), Errc::Forbidden);
  EXPECT_EQ(key_of(locked), "session.too_many_attempts");
  h_.clock().advance(14min);
  EXPECT_EQ(key_of(password("ada", "correct horse")), "session.too_many_attempts");
  h_.clock().advance(1min + 1s);
  EXPECT_TRUE(password("ada", "correct horse"));
}

TEST_F(FlowSignInTest, TheLockHoldsWhicheverIdentifierOfTheAccountIsTyped) {
  h_.configure(kEmailSignIn);
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(password("ada", "wrong horse"));
  auto by_email =
      h_.flow().verify_password(ctx_, {IdentifierType::Email, "ada@example.com"}, "correct horse");
  EXPECT_EQ(key_of(by_email), "session.too_many_attempts");
}

TEST_F(FlowSignInTest, ASuccessfulSignInClearsTheAccountsFailures) {
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(password("ada", "wrong horse"));
  ASSERT_TRUE(password("ada", "correct horse"));
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(password("ada", "wrong horse"));
  EXPECT_TRUE(password("ada", "correct horse"));
}

TEST_F(FlowSignInTest, AnUnknownIdentifierIsLockedLikeAnAccount) {
  h_.configure({{"sentinelPolicy", {{"maxAttempts", 2}}}});
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(key_of(password("nobody", "x")), "session.invalid_credentials");
  }
  EXPECT_EQ(key_of(password("NOBODY", "x")), "session.too_many_attempts");
  EXPECT_TRUE(password("ada", "correct horse"));
}

TEST_F(FlowSignInTest, AnAddressWithTenTimesTheLimitIsLockedForEveryAccount) {
  h_.configure({{"sentinelPolicy", {{"maxAttempts", 1}}}});
  for (int i = 0; i < 10; ++i) {
    std::string name = "user" + std::to_string(i);
    h_.add_user({.username = name, .password = "correct horse"});
    ASSERT_EQ(key_of(password(name, "wrong horse")), "session.invalid_credentials");
  }
  EXPECT_EQ(key_of(password("ada", "correct horse")), "session.too_many_attempts");
  FlowContext elsewhere = h_.new_interaction("198.51.100.9");
  ASSERT_TRUE(h_.start(elsewhere, Event::SignIn));
  EXPECT_TRUE(
      h_.flow().verify_password(elsewhere, {IdentifierType::Username, "ada"}, "correct horse"));
}

TEST_F(FlowSignInTest, AnEmailCodeSignsInWhenTheMethodAllows) {
  h_.configure(kEmailSignIn);
  std::string vid = h_.verify_by_code(ctx_, "email", "ada@example.com");
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  EXPECT_EQ(h_.completed_user(ctx_), ada_);
}

TEST_F(FlowSignInTest, AVerifiedEmailWithoutAnAccountIsNotAnIdentity) {
  h_.configure(kEmailSignIn);
  std::string vid = h_.verify_by_code(ctx_, "email", "stranger@example.com");
  auto identified = h_.flow().identify(ctx_, vid);
  EXPECT_EQ(code_of(identified), Errc::NotFound);
  EXPECT_EQ(key_of(identified), "user.identity_not_exist");
}

TEST_F(FlowSignInTest, AnUnverifiedCodeRecordDoesNotIdentify) {
  h_.configure(kEmailSignIn);
  auto vid = h_.flow().send_code(ctx_, {IdentifierType::Email, "ada@example.com"});
  ASSERT_TRUE(vid);
  auto identified = h_.flow().identify(ctx_, *vid);
  EXPECT_EQ(code_of(identified), Errc::InvalidRequest);
  EXPECT_EQ(key_of(identified), "session.verification_required");
}

// An account made before the sign-up asked for an email must add one before it signs in.
TEST_F(FlowSignInTest, AMissingProfileFieldIsCollectedBeforeSubmit) {
  h_.configure({{"signUp", {{"identifiers", {"username", "email"}}, {"verify", true}}},
                {"signIn",
                 {{"methods",
                   {{{"identifier", "username"}, {"password", true}},
                    {{"identifier", "email"}, {"verificationCode", true}}}}}}});
  std::string alan = h_.add_user({.username = "alan", .password = "correct horse"});
  ASSERT_TRUE(password("alan", "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  auto submitted = h_.flow().submit(ctx_);
  ASSERT_EQ(key_of(submitted), "user.missing_profile");
  EXPECT_EQ(missing_of(submitted.error()), "email");
  EXPECT_EQ(h_.flow().missing_profile(ctx_).value(),
            std::vector<ProfileField>{ProfileField::Email});

  auto taken = h_.verify_by_code(ctx_, "email", "ada@example.com");
  EXPECT_EQ(key_of(h_.flow().add_profile(ctx_, ProfileField::Email, taken)),
            "user.email_already_in_use");
  std::string vid = h_.verify_by_code(ctx_, "email", "alan@example.com");
  ASSERT_TRUE(h_.flow().add_profile(ctx_, ProfileField::Email, vid));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  EXPECT_EQ(h_.find_user(alan)->primary_email, "alan@example.com");
}

TEST_F(FlowSignInTest, AProfileEmailNeedsAVerifiedRecordOfThatType) {
  h_.configure(kEmailSignIn);
  auto unverified = h_.flow().send_code(ctx_, {IdentifierType::Email, "ada2@example.com"});
  ASSERT_TRUE(unverified);
  EXPECT_EQ(key_of(h_.flow().add_profile(ctx_, ProfileField::Email, *unverified)),
            "session.verification_required");
  EXPECT_EQ(key_of(h_.flow().add_profile(ctx_, ProfileField::Phone, *unverified)),
            "session.verification_session_not_found");
  EXPECT_FALSE(
      experience::parse_profile_field("avatar"));  // the API refuses it as guard.invalid_input
}

}  // namespace
}  // namespace latch::test
