// FlowService, event Register: a new account from a NewPasswordIdentity or from verified
// identifiers, the profile the sign-up asks for, and the password policy.
#include <gtest/gtest.h>

#include "crypto/password.hpp"
#include "support/result_testing.hpp"
#include "unit/experience/flow/flow_harness.hpp"

namespace latch::test {
namespace {

using experience::FlowContext;

constexpr const char* kGoodPassword = "correct horse battery";

// Sign-up by email (verified by a code) with a password; email signs in by code too.
const boost::json::object kEmailSignUp{
    {"signUp", {{"identifiers", {"email"}}, {"password", true}, {"verify", true}}},
    {"signIn",
     {{"methods",
       {{{"identifier", "username"}, {"password", true}},
        {{"identifier", "email"}, {"password", true}, {"verificationCode", true}}}}}}};

class FlowRegisterTest : public ::testing::Test {
 protected:
  FlowRegisterTest() { EXPECT_TRUE(h_.start(ctx_, Event::Register)); }

  Result<std::string> new_identity(const std::string& type, const std::string& value,
                                   const std::string& password = kGoodPassword) {
    return h_.flow().new_password_identity(ctx_, identifier(type, value), password);
  }
  // submit, which must fail with user.missing_profile; returns what it says is missing.
  std::string missing_at_submit() {
    auto submitted = h_.flow().submit(ctx_);
    EXPECT_EQ(key_of(submitted), "user.missing_profile");
    return submitted ? std::string() : missing_of(submitted.error());
  }

  FlowHarness h_;
  FlowContext ctx_ = h_.new_interaction();
};

TEST_F(FlowRegisterTest, ANewPasswordIdentityBecomesAnAccountOnSubmit) {
  auto vid = new_identity("username", "ada_lovelace");
  ASSERT_TRUE(vid) << key_of(vid);
  EXPECT_TRUE(is(h_.state(ctx_).verifications.at(0), Verification::NewPasswordIdentity));
  ASSERT_TRUE(h_.flow().identify(ctx_, *vid));
  EXPECT_TRUE(h_.flow().missing_profile(ctx_).value().empty());
  auto submitted = h_.flow().submit(ctx_);
  ASSERT_TRUE(submitted) << key_of(submitted);
  EXPECT_EQ(submitted->redirect_to, "/oidc/auth/" + ctx_.uid);
  auto user = h_.find_by_username("ada_lovelace");
  ASSERT_TRUE(user);
  EXPECT_TRUE(crypto::verify_password(kGoodPassword, user->password_hash));
  EXPECT_EQ(h_.completed_user(ctx_), user->id);
  auto logs = h_.logs("Interaction.Register.Submit");
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0].user_id, user->id);
}

TEST_F(FlowRegisterTest, ATakenUsernameIsAConflict) {
  h_.add_user({.username = "ada_lovelace"});
  auto vid = new_identity("username", "Ada_Lovelace");
  EXPECT_EQ(code_of(vid), Errc::Conflict);
  EXPECT_EQ(key_of(vid), "user.username_already_in_use");
}

TEST_F(FlowRegisterTest, AUsernameTakenBeforeSubmitIsAConflictThen) {
  ASSERT_TRUE(new_identity("username", "ada_lovelace"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  h_.add_user({.username = "ada_lovelace"});
  auto submitted = h_.flow().submit(ctx_);
  EXPECT_EQ(code_of(submitted), Errc::Conflict);
  EXPECT_EQ(key_of(submitted), "user.username_already_in_use");
  EXPECT_EQ(h_.completed_user(ctx_), std::nullopt);
}

TEST_F(FlowRegisterTest, AMalformedIdentifierIsRefused) {
  EXPECT_EQ(key_of(new_identity("username", "no spaces")), "user.invalid_username");
  EXPECT_EQ(key_of(new_identity("username", "1st")), "user.invalid_username");
  EXPECT_FALSE(experience::parse_identifier_type("nickname"));  // refused when the API parses it
}

TEST_F(FlowRegisterTest, AnIdentifierTheSignUpDoesNotAskForIsForbidden) {
  auto vid = new_identity("email", "ada@example.com");
  EXPECT_EQ(code_of(vid), Errc::Forbidden);
  EXPECT_EQ(key_of(vid), "user.sign_up_method_not_enabled");
}

TEST_F(FlowRegisterTest, AnEmailTheSignUpVerifiesCannotSkipItsCode) {
  h_.configure(kEmailSignUp);
  auto vid = new_identity("email", "ada@example.com");
  EXPECT_EQ(code_of(vid), Errc::InvalidRequest);
  EXPECT_EQ(key_of(vid), "session.verification_required");
}

TEST_F(FlowRegisterTest, APasswordlessSignUpTakesNoPasswordIdentity) {
  h_.configure({{"signUp", {{"identifiers", {"email"}}, {"password", false}, {"verify", true}}},
                {"signIn",
                 {{"methods",
                   {{{"identifier", "username"}, {"password", true}},
                    {{"identifier", "email"}, {"verificationCode", true}}}}}}});
  EXPECT_EQ(key_of(new_identity("email", "ada@example.com")), "user.sign_up_method_not_enabled");
}

TEST_F(FlowRegisterTest, APasswordIdentityBelongsToRegisterOnly) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  auto vid = new_identity("username", "ada_lovelace");
  EXPECT_EQ(code_of(vid), Errc::InvalidRequest);
  EXPECT_EQ(key_of(vid), "session.wrong_event");
}

TEST_F(FlowRegisterTest, AVerifiedEmailAndThenAPasswordMakeTheAccount) {
  h_.configure(kEmailSignUp);
  std::string vid = h_.verify_by_code(ctx_, "email", "ada@example.com");
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  EXPECT_EQ(missing_at_submit(), "password");
  ASSERT_TRUE(h_.flow().add_profile(ctx_, ProfileField::Password, kGoodPassword));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  auto user = h_.find_user(*h_.completed_user(ctx_));
  ASSERT_TRUE(user);
  EXPECT_EQ(user->primary_email, "ada@example.com");
  EXPECT_EQ(user->username, std::nullopt);
  EXPECT_FALSE(user->password_hash.empty());
}

TEST_F(FlowRegisterTest, AProfilePasswordMayNotContainTheCollectedEmail) {
  h_.configure(kEmailSignUp);
  std::string vid = h_.verify_by_code(ctx_, "email", "lovelace@example.com");
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  auto added = h_.flow().add_profile(ctx_, ProfileField::Password, "Lovelace-1815!");
  EXPECT_EQ(code_of(added), Errc::InvalidRequest);
  EXPECT_EQ(key_of(added), "password.contains_user_info");
}

TEST_F(FlowRegisterTest, AVerifiedEmailOfAnExistingAccountIsAConflict) {
  h_.configure(kEmailSignUp);
  h_.add_user({.email = "ada@example.com"});
  std::string vid = h_.verify_by_code(ctx_, "email", "ada@example.com");
  auto identified = h_.flow().identify(ctx_, vid);
  EXPECT_EQ(code_of(identified), Errc::Conflict);
  EXPECT_EQ(key_of(identified), "user.email_already_in_use");
}

TEST_F(FlowRegisterTest, EveryIdentifierTheSignUpAsksForIsCollected) {
  h_.configure({{"signUp", {{"identifiers", {"username", "email"}}, {"verify", true}}},
                {"signIn",
                 {{"methods",
                   {{{"identifier", "username"}, {"password", true}},
                    {{"identifier", "email"}, {"verificationCode", true}}}}}}});
  ASSERT_TRUE(new_identity("username", "ada_lovelace"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  EXPECT_EQ(missing_at_submit(), "email");
  std::string vid = h_.verify_by_code(ctx_, "email", "ada@example.com");
  ASSERT_TRUE(h_.flow().add_profile(ctx_, ProfileField::Email, vid));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  auto user = h_.find_by_username("ada_lovelace");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->primary_email, "ada@example.com");
}

TEST_F(FlowRegisterTest, EitherAnEmailOrAPhoneIsEnoughWhenTheSignUpAsksForBoth) {
  h_.configure(
      {{"signUp", {{"identifiers", {"email", "phone"}}, {"password", false}, {"verify", true}}},
       {"signIn",
        {{"methods",
          {{{"identifier", "username"}, {"password", true}},
           {{"identifier", "email"}, {"verificationCode", true}},
           {{"identifier", "phone"}, {"verificationCode", true}}}}}}});
  EXPECT_EQ(missing_at_submit(), "email");
  std::string vid = h_.verify_by_code(ctx_, "phone", "+15555550100");
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  EXPECT_TRUE(h_.flow().missing_profile(ctx_).value().empty());
  ASSERT_TRUE(h_.flow().submit(ctx_));
  auto user = h_.find_user(*h_.completed_user(ctx_));
  ASSERT_TRUE(user);
  EXPECT_EQ(user->primary_phone, "+15555550100");
  EXPECT_TRUE(user->password_hash.empty());
}

TEST_F(FlowRegisterTest, AProfileUsernameIsValidatedAndMustBeFree) {
  h_.configure(kEmailSignUp);
  h_.add_user({.username = "taken"});
  EXPECT_EQ(key_of(h_.flow().add_profile(ctx_, ProfileField::Username, "no spaces")),
            "user.invalid_username");
  EXPECT_EQ(key_of(h_.flow().add_profile(ctx_, ProfileField::Username, "TAKEN")),
            "user.username_already_in_use");
  EXPECT_TRUE(h_.flow().add_profile(ctx_, ProfileField::Username, "free"));
  EXPECT_EQ(h_.state(ctx_).username, "free");
}

// The password policy as a new password identity meets it: which rule refuses which password.
struct PolicyCase {
  const char* name;
  std::string password;
  std::string key;  // "" = accepted
  boost::json::object policy = {};
};

class FlowPasswordPolicyTest : public ::testing::TestWithParam<PolicyCase> {};

TEST_P(FlowPasswordPolicyTest, ANewPasswordMeetsThePolicy) {
  const PolicyCase& c = GetParam();
  FlowHarness h;
  if (!c.policy.empty()) h.configure({{"passwordPolicy", c.policy}});
  FlowContext ctx = h.new_interaction();
  ASSERT_TRUE(h.start(ctx, Event::Register));
  auto vid =
      h.flow().new_password_identity(ctx, {IdentifierType::Username, "ada_lovelace"}, c.password);
  EXPECT_EQ(key_of(vid), c.key);
  if (!c.key.empty()) EXPECT_EQ(code_of(vid), Errc::InvalidRequest);
  EXPECT_EQ(h.state(ctx).verifications.size(), c.key.empty() ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, FlowPasswordPolicyTest,
    ::testing::Values(
        PolicyCase{"Accepted", kGoodPassword, ""}, PolicyCase{"Empty", "", "password.required"},
        PolicyCase{"SevenCharacters", "tr0ub4d", "password.too_short"},
        // Counted in characters: seven of them are 21 bytes.
        PolicyCase{"SevenJapaneseCharacters", "\u6b63\u3057\u3044\u99ac\u96fb\u6c60\u91d8",
                   "password.too_short"},
        PolicyCase{"LongerThanTheMaximum", std::string(257, 'k'), "password.too_long"},
        PolicyCase{"LongerThanTheConfiguredMaximum",
                   std::string(20, 'k') + "x",
                   "password.too_long",
                   {{"length", {{"min", 8}, {"max", 20}}}}},
        PolicyCase{"TooFewCharacterTypes",
                   "onlylowercaseletters",
                   "password.character_types",
                   {{"characterTypes", {{"min", 3}}}}},
        PolicyCase{
            "EnoughCharacterTypes", "Lower-and-UPPER", "", {{"characterTypes", {{"min", 3}}}}},
        PolicyCase{"Common", "password1", "password.common"},
        PolicyCase{
            "CommonAllowedWhenTheCheckIsOff", "password1", "", {{"rejects", {{"pwned", false}}}}},
        PolicyCase{"ContainsTheUsername", "my-ADA_LOVELACE-pass", "password.contains_user_info"},
        PolicyCase{"ContainsACustomWord",
                   "beware-the-Latch-42",
                   "password.contains_word",
                   {{"rejects", {{"words", {"latch"}}}}}}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace latch::test
