// FlowService, event ForgotPassword: a code to the account's email or phone identifies it, a
// new password that meets the policy replaces the old one, and the flow returns to sign-in.
#include <gtest/gtest.h>

#include "crypto/password.hpp"
#include "support/result_testing.hpp"
#include "unit/experience/flow/flow_harness.hpp"

namespace latch::test {
namespace {

using experience::FlowContext;

constexpr const char* kNewPassword = "new battery staple";

class FlowForgotPasswordTest : public ::testing::Test {
 protected:
  FlowForgotPasswordTest() { EXPECT_TRUE(h_.start(ctx_, Event::ForgotPassword)); }

  // Verifies the account's email by code and identifies it.
  void identify_ada() {
    std::string vid = h_.verify_by_code(ctx_, "email", "ada@example.com");
    ASSERT_TRUE(h_.flow().identify(ctx_, vid));
    ASSERT_EQ(h_.state(ctx_).user_id, ada_);
  }

  FlowHarness h_;
  FlowContext ctx_ = h_.new_interaction();
  std::string ada_ = h_.add_user({.username = "ada",
                                  .email = "ada@example.com",
                                  .phone = "+15555550100",
                                  .password = "correct horse"});
};

// The sign-in experience offers no code sign-in here: a reset may send one all the same.
TEST_F(FlowForgotPasswordTest, AnEmailCodeAndANewPasswordResetTheAccount) {
  identify_ada();
  ASSERT_TRUE(h_.flow().reset_password(ctx_, kNewPassword));
  auto submitted = h_.flow().submit(ctx_);
  ASSERT_TRUE(submitted) << key_of(submitted);
  EXPECT_TRUE(submitted->password_reset);
  EXPECT_TRUE(submitted->redirect_to.empty());
  EXPECT_EQ(h_.completed_user(ctx_), std::nullopt);
  auto user = h_.find_user(ada_);
  EXPECT_TRUE(crypto::verify_password(kNewPassword, user->password_hash));
  EXPECT_FALSE(crypto::verify_password("correct horse", user->password_hash));
  EXPECT_EQ(h_.logs("Interaction.ForgotPassword.Submit").size(), 1u);
}

TEST_F(FlowForgotPasswordTest, AfterAResetTheFlowIsBackAtSignInWithNothingVerified) {
  identify_ada();
  ASSERT_TRUE(h_.flow().reset_password(ctx_, kNewPassword));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  experience::FlowState s = h_.state(ctx_);
  EXPECT_EQ(event_of(s), event_name(Event::SignIn));
  EXPECT_TRUE(s.verifications.empty());
  EXPECT_TRUE(s.user_id.empty());
  EXPECT_TRUE(h_.flow().verify_password(ctx_, {IdentifierType::Username, "ada"}, kNewPassword));
}

TEST_F(FlowForgotPasswordTest, APhoneCodeIdentifiesTheAccountToo) {
  std::string vid = h_.verify_by_code(ctx_, "phone", "+15555550100");
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  EXPECT_EQ(h_.state(ctx_).user_id, ada_);
}

TEST_F(FlowForgotPasswordTest, AnAddressWithoutAnAccountIdentifiesNoOne) {
  std::string vid = h_.verify_by_code(ctx_, "email", "nobody@example.com");
  auto identified = h_.flow().identify(ctx_, vid);
  EXPECT_EQ(code_of(identified), Errc::NotFound);
  EXPECT_EQ(key_of(identified), "user.identity_not_exist");
}

TEST_F(FlowForgotPasswordTest, AResetNeedsAnIdentifiedAccount) {
  auto reset = h_.flow().reset_password(ctx_, kNewPassword);
  EXPECT_EQ(code_of(reset), Errc::InvalidRequest);
  EXPECT_EQ(key_of(reset), "session.verification_required");
}

TEST_F(FlowForgotPasswordTest, AResetBelongsToForgotPasswordOnly) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  ASSERT_TRUE(h_.flow().verify_password(ctx_, {IdentifierType::Username, "ada"}, "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  EXPECT_EQ(key_of(h_.flow().reset_password(ctx_, kNewPassword)), "session.wrong_event");
  EXPECT_TRUE(crypto::verify_password("correct horse", h_.find_user(ada_)->password_hash));
}

TEST_F(FlowForgotPasswordTest, APasswordCannotBeVerifiedWhileResettingIt) {
  auto vid = h_.flow().verify_password(ctx_, {IdentifierType::Username, "ada"}, "correct horse");
  EXPECT_EQ(key_of(vid), "session.wrong_event");
}

TEST_F(FlowForgotPasswordTest, TheNewPasswordMeetsThePolicyWithTheAccountsIdentifiers) {
  identify_ada();
  EXPECT_EQ(key_of(h_.flow().reset_password(ctx_, "short")), "password.too_short");
  EXPECT_EQ(key_of(h_.flow().reset_password(ctx_, "password1")), "password.common");
  EXPECT_EQ(key_of(h_.flow().reset_password(ctx_, "ada-for-ever-and-ever")),
            "password.contains_user_info");
  EXPECT_EQ(key_of(h_.flow().reset_password(ctx_, "call+15555550100now")),
            "password.contains_user_info");
  EXPECT_TRUE(crypto::verify_password("correct horse", h_.find_user(ada_)->password_hash));
}

TEST_F(FlowForgotPasswordTest, SubmitWithoutANewPasswordSaysItIsMissing) {
  identify_ada();
  auto submitted = h_.flow().submit(ctx_);
  EXPECT_EQ(code_of(submitted), Errc::InvalidRequest);
  EXPECT_EQ(key_of(submitted), "user.missing_profile");
  EXPECT_EQ(missing_of(submitted.error()), "password");
}

}  // namespace
}  // namespace latch::test
