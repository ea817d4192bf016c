// FlowService, Social verification: the start at a provider and its callback's state (driven
// through a real GitHub connector up to the point where it would call GitHub), and what a
// verified Social record does (seeded as verify_social leaves it): sign in a linked account,
// create a new one, or link to an existing account that the user proves to own.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "support/result_testing.hpp"
#include "unit/experience/flow/flow_harness.hpp"

namespace latch::test {
namespace {

using experience::FlowContext;

constexpr const char* kCallback = "https://id.example/callback/github";

// A user's identities document with a GitHub identity.
std::string github_identity(const std::string& id) {
  return R"({"github":{"userId":")" + id + R"(","details":{}}})";
}

class FlowSocialStartTest : public ::testing::Test {
 protected:
  FlowSocialStartTest() { EXPECT_TRUE(h_.start(ctx_, Event::SignIn)); }

  Result<experience::SocialStart> start(const std::string& state) {
    return h_.flow().start_social(ctx_, github_, state, kCallback);
  }
  Result<std::string> callback(const connectors::CallbackParams& params,
                               const std::string& vid = "") {
    return h_.flow().verify_social(ctx_, github_, params, vid);
  }

  FlowHarness h_;
  FlowContext ctx_ = h_.new_interaction();
  std::string github_ = h_.add_github();
};

TEST_F(FlowSocialStartTest, AStartPointsAtTheProviderAndLeavesAPendingRecord) {
  auto started = start("state-1");
  ASSERT_TRUE(started) << key_of(started);
  EXPECT_EQ(started->authorization_uri.rfind("https://github.example/login/oauth/authorize?", 0),
            0u)
      << started->authorization_uri;
  EXPECT_NE(started->authorization_uri.find("client_id=gh-client"), std::string::npos);
  EXPECT_NE(started->authorization_uri.find("state=state-1"), std::string::npos);
  auto s = h_.state(ctx_);
  ASSERT_EQ(s.verifications.size(), 1u);
  EXPECT_TRUE(is(s.verifications[0], Verification::Social));
  EXPECT_EQ(s.verifications[0].id, started->verification_id);
  EXPECT_FALSE(s.verifications[0].verified);
}

TEST_F(FlowSocialStartTest, AConnectorTheSignInExperienceDoesNotListIsForbidden) {
  ASSERT_TRUE(h_.social().set_enabled(github_, false));
  h_.configure({});
  auto started = start("state-1");
  EXPECT_EQ(code_of(started), Errc::Forbidden);
  EXPECT_EQ(key_of(started), "session.sign_in_method_not_enabled");
}

TEST_F(FlowSocialStartTest, AnUnknownConnectorIsNotFound) {
  auto started = h_.flow().start_social(ctx_, "no-such-connector", "state-1", kCallback);
  EXPECT_EQ(code_of(started), Errc::NotFound);
  EXPECT_EQ(key_of(started), "connector.social_not_found");
}

TEST_F(FlowSocialStartTest, AMissingOrOversizedStateIsInvalidInput) {
  EXPECT_EQ(key_of(start("")), "guard.invalid_input");
  EXPECT_EQ(key_of(start(std::string(513, 's'))), "guard.invalid_input");
  EXPECT_EQ(key_of(h_.flow().start_social(ctx_, github_, "state-1", "")), "guard.invalid_input");
}

TEST_F(FlowSocialStartTest, ForgotPasswordHasNoSocialSignIn) {
  ASSERT_TRUE(h_.start(ctx_, Event::ForgotPassword));
  EXPECT_EQ(key_of(start("state-1")), "session.wrong_event");
}

TEST_F(FlowSocialStartTest, OnlyTheNewestThreeStartsOfAConnectorStayPending) {
  for (int i = 1; i <= 5; ++i) ASSERT_TRUE(start("state-" + std::to_string(i)));
  EXPECT_EQ(h_.state(ctx_).verifications.size(), 3u);
  EXPECT_EQ(key_of(callback({{"state", "state-1"}, {"code", "c"}})),
            "session.social_state_invalid");
}

TEST_F(FlowSocialStartTest, ACallbackWithAStateThisInteractionDidNotIssueIsRefused) {
  ASSERT_TRUE(start("state-1"));
  auto forged = callback({{"state", "forged"}, {"code", "c"}});
  EXPECT_EQ(code_of(forged), Errc::InvalidRequest);
  EXPECT_EQ(key_of(forged), "session.social_state_invalid");
  EXPECT_EQ(key_of(callback({{"code", "c"}})), "session.social_state_invalid");
  FlowContext other = h_.new_interaction();
  ASSERT_TRUE(h_.start(other, Event::SignIn));
  EXPECT_EQ(key_of(h_.flow().verify_social(other, github_, {{"state", "state-1"}}, "")),
            "session.social_state_invalid");
}

// The provider's refusal needs no request to it, so the whole callback runs here.
TEST_F(FlowSocialStartTest, AStateIsGoodForOneCallback) {
  ASSERT_TRUE(start("state-1"));
  auto denied = callback({{"state", "state-1"}, {"error", "access_denied"}});
  EXPECT_EQ(code_of(denied), Errc::AccessDenied);
  EXPECT_EQ(key_of(denied), "connector.authorization_failed");
  EXPECT_EQ(h_.logs("Interaction.SignIn.Verification.Social").size(), 1u);
  auto replayed = callback({{"state", "state-1"}, {"code", "c"}});
  EXPECT_EQ(key_of(replayed), "session.social_state_invalid");
}

TEST_F(FlowSocialStartTest, ACallbackNamingARecordOfAnotherConnectorIsNotFound) {
  auto started = start("state-1");
  ASSERT_TRUE(started);
  auto crossed =
      h_.flow().verify_social(ctx_, "another", {{"state", "state-1"}}, started->verification_id);
  EXPECT_EQ(key_of(crossed), "session.verification_session_not_found");
}

class FlowSocialIdentityTest : public ::testing::Test {
 protected:
  FlowHarness h_;
  FlowContext ctx_ = h_.new_interaction();
  std::string ada_ =
      h_.add_user({.username = "ada", .email = "ada@example.com", .password = "correct horse"});
};

TEST_F(FlowSocialIdentityTest, ALinkedIdentitySignsItsAccountIn) {
  std::string linked = h_.add_user({.username = "grace", .identities_json = github_identity("1")});
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  std::string vid = h_.seed_social(ctx_, {.id = "1", .name = "Grace H."});
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  auto submitted = h_.flow().submit(ctx_);
  ASSERT_TRUE(submitted) << key_of(submitted);
  EXPECT_EQ(h_.completed_user(ctx_), linked);
  auto identities = boost::json::parse(h_.find_user(linked)->identities_json).as_object();
  EXPECT_EQ(identities.at("github").at("details").at("name").as_string(), "Grace H.");
}

TEST_F(FlowSocialIdentityTest, AnUnlinkedIdentityIsNoAccountToSignIn) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  std::string vid = h_.seed_social(ctx_, {.id = "2", .email = "new@example.com"});
  auto identified = h_.flow().identify(ctx_, vid);
  EXPECT_EQ(code_of(identified), Errc::NotFound);
  EXPECT_EQ(key_of(identified), "user.identity_not_exist");
  EXPECT_EQ(h_.flow().related_account(ctx_, vid).value(), std::nullopt);
}

TEST_F(FlowSocialIdentityTest, RegisterMakesAnAccountFromTheProvidersProfile) {
  ASSERT_TRUE(h_.start(ctx_, Event::Register));
  std::string vid = h_.seed_social(ctx_, {.id = "3", .email = "new@example.com", .name = "New"});
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  // The sign-up asks for a username; an account that signs in at GitHub needs no password.
  EXPECT_EQ(h_.flow().missing_profile(ctx_).value(),
            std::vector<ProfileField>{ProfileField::Username});
  ASSERT_TRUE(h_.flow().add_profile(ctx_, ProfileField::Username, "newcomer"));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  auto user = h_.find_by_username("newcomer");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->primary_email, "new@example.com");
  EXPECT_EQ(user->name, "New");
  EXPECT_TRUE(user->password_hash.empty());
  auto identities = boost::json::parse(user->identities_json).as_object();
  EXPECT_EQ(identities.at("github").at("userId").as_string(), "3");
}

TEST_F(FlowSocialIdentityTest, RegisterWithALinkedIdentityIsAConflict) {
  h_.add_user({.username = "grace", .identities_json = github_identity("1")});
  ASSERT_TRUE(h_.start(ctx_, Event::Register));
  std::string vid = h_.seed_social(ctx_, {.id = "1"});
  auto identified = h_.flow().identify(ctx_, vid);
  EXPECT_EQ(code_of(identified), Errc::Conflict);
  EXPECT_EQ(key_of(identified), "user.identity_already_in_use");
}

TEST_F(FlowSocialIdentityTest, AnEmailOfAnotherAccountStaysWithThatAccount) {
  ASSERT_TRUE(h_.start(ctx_, Event::Register));
  std::string vid = h_.seed_social(ctx_, {.id = "4", .email = "ada@example.com"});
  ASSERT_TRUE(h_.flow().identify(ctx_, vid));
  ASSERT_TRUE(h_.flow().add_profile(ctx_, ProfileField::Username, "newcomer"));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  auto user = h_.find_by_username("newcomer");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->primary_email, std::nullopt);
}

TEST_F(FlowSocialIdentityTest, LinkingToAnAccountWithTheSameEmailNeedsProof) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  std::string vid = h_.seed_social(ctx_, {.id = "5", .email = "ADA@example.com"});
  auto related = h_.flow().related_account(ctx_, vid).value();
  ASSERT_TRUE(related);
  EXPECT_EQ(related->user_id, ada_);
  EXPECT_TRUE(related->has_password);
  EXPECT_EQ(key_of(h_.flow().identify(ctx_, vid)), "user.identity_not_exist");
  auto unproven = h_.flow().identify(ctx_, vid, true);
  EXPECT_EQ(code_of(unproven), Errc::Forbidden);
  EXPECT_EQ(key_of(unproven), "user.link_proof_required");
}

// The email sign-in method is off; the provider's verified email opens it for this account.
TEST_F(FlowSocialIdentityTest, TheAccountsPasswordProvesItAndTheIdentityIsLinked) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  std::string vid = h_.seed_social(ctx_, {.id = "5", .email = "ada@example.com"});
  ASSERT_TRUE(
      h_.flow().verify_password(ctx_, {IdentifierType::Email, "ada@example.com"}, "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, vid, true));
  ASSERT_TRUE(h_.flow().submit(ctx_));
  EXPECT_EQ(h_.completed_user(ctx_), ada_);
  auto identities = boost::json::parse(h_.find_user(ada_)->identities_json).as_object();
  EXPECT_EQ(identities.at("github").at("userId").as_string(), "5");
}

TEST_F(FlowSocialIdentityTest, ACodeToTheAccountsEmailProvesItToo) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  std::string vid = h_.seed_social(ctx_, {.id = "5", .email = "ada@example.com"});
  h_.verify_by_code(ctx_, "email", "ada@example.com");
  ASSERT_TRUE(h_.flow().identify(ctx_, vid, true));
  EXPECT_EQ(h_.state(ctx_).user_id, ada_);
}

TEST_F(FlowSocialIdentityTest, AProviderEmailOpensNoOtherAddress) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  h_.seed_social(ctx_, {.id = "5", .email = "ada@example.com"});
  auto other = h_.flow().send_code(ctx_, {IdentifierType::Email, "grace@example.com"});
  EXPECT_EQ(key_of(other), "session.sign_in_method_not_enabled");
  auto password =
      h_.flow().verify_password(ctx_, {IdentifierType::Email, "grace@example.com"}, "x");
  EXPECT_EQ(key_of(password), "session.sign_in_method_not_enabled");
}

}  // namespace
}  // namespace latch::test
