// FlowService: the interaction events (Logto's PUT /api/experience and its event switch), which
// sign-in mode allows which, and what every step needs from the interaction it works on.
#include <gtest/gtest.h>

#include "support/result_testing.hpp"
#include "unit/experience/flow/flow_harness.hpp"

namespace latch::test {
namespace {

using namespace std::chrono_literals;
using experience::FlowContext;
using experience::FlowState;
using experience::Lang;

class FlowEventTest : public ::testing::Test {
 protected:
  FlowHarness h_;
  FlowContext ctx_ = h_.new_interaction();
};

TEST_F(FlowEventTest, StartRecordsEachEvent) {
  for (Event event : {Event::SignIn, Event::Register, Event::ForgotPassword}) {
    ASSERT_TRUE(h_.start(ctx_, event)) << event_name(event);
    EXPECT_EQ(event_of(h_.state(ctx_)), event_name(event));
  }
}

// An unknown event cannot reach the flow: the API refuses it when it parses the body.
TEST_F(FlowEventTest, AnUnknownEventHasNoName) {
  EXPECT_FALSE(experience::parse_interaction_event("SignUp"));
  EXPECT_EQ(experience::parse_interaction_event("SignIn"), InteractionEvent::SignIn);
}

TEST_F(FlowEventTest, RegisterIsForbiddenWhenTheModeIsSignInOnly) {
  h_.configure({{"signInMode", "SignIn"}});
  auto started = h_.start(ctx_, Event::Register);
  EXPECT_EQ(code_of(started), Errc::Forbidden);
  EXPECT_EQ(key_of(started), "user.sign_up_method_not_enabled");
  EXPECT_TRUE(h_.start(ctx_, Event::SignIn));
}

TEST_F(FlowEventTest, SignInIsForbiddenWhenTheModeIsRegisterOnly) {
  h_.configure({{"signInMode", "Register"}});
  auto started = h_.start(ctx_, Event::SignIn);
  EXPECT_EQ(code_of(started), Errc::Forbidden);
  EXPECT_EQ(key_of(started), "session.sign_in_disabled");
  EXPECT_TRUE(h_.start(ctx_, Event::Register));
}

TEST_F(FlowEventTest, AnUnknownInteractionIsNotFound) {
  FlowContext stranger{"no-such-interaction", "203.0.113.7", Lang::En, "", ""};
  auto started = h_.start(stranger, Event::SignIn);
  EXPECT_EQ(code_of(started), Errc::NotFound);
  EXPECT_EQ(key_of(started), "session.not_found");
}

TEST_F(FlowEventTest, AnExpiredInteractionIsNotFound) {
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  h_.clock().advance(3600s);
  auto state = h_.flow().state(ctx_);
  EXPECT_EQ(code_of(state), Errc::NotFound);
  EXPECT_EQ(key_of(state), "session.not_found");
}

TEST_F(FlowEventTest, StepsBeforeStartAreRefused) {
  auto switched = h_.set_event(ctx_, Event::Register);
  EXPECT_EQ(key_of(switched), "session.not_started");
  auto sent = h_.flow().send_code(ctx_, {IdentifierType::Email, "ada@example.com"});
  EXPECT_EQ(key_of(sent), "session.not_started");
  auto submitted = h_.flow().submit(ctx_);
  EXPECT_EQ(code_of(submitted), Errc::InvalidRequest);
  EXPECT_EQ(key_of(submitted), "session.not_started");
  EXPECT_TRUE(h_.sent().empty());
}

TEST_F(FlowEventTest, StartingAgainForgetsEarlierProgress) {
  h_.add_user({.username = "ada", .password = "correct horse"});
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  ASSERT_TRUE(h_.flow().verify_password(ctx_, {IdentifierType::Username, "ada"}, "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  FlowState s = h_.state(ctx_);
  EXPECT_TRUE(s.verifications.empty());
  EXPECT_TRUE(s.user_id.empty());
}

TEST_F(FlowEventTest, SwitchingBetweenSignInAndRegisterKeepsVerificationsButNotTheUser) {
  h_.add_user({.username = "ada", .password = "correct horse"});
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  ASSERT_TRUE(h_.flow().verify_password(ctx_, {IdentifierType::Username, "ada"}, "correct horse"));
  ASSERT_TRUE(h_.flow().identify(ctx_, ""));
  ASSERT_TRUE(h_.set_event(ctx_, Event::Register));
  FlowState s = h_.state(ctx_);
  EXPECT_EQ(event_of(s), event_name(Event::Register));
  EXPECT_EQ(s.verifications.size(), 1u);
  EXPECT_TRUE(s.user_id.empty());
}

TEST_F(FlowEventTest, SwitchingToOrFromForgotPasswordDropsVerifications) {
  h_.add_user({.username = "ada", .password = "correct horse"});
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  ASSERT_TRUE(h_.flow().verify_password(ctx_, {IdentifierType::Username, "ada"}, "correct horse"));
  ASSERT_TRUE(h_.set_event(ctx_, Event::ForgotPassword));
  EXPECT_TRUE(h_.state(ctx_).verifications.empty());
}

TEST_F(FlowEventTest, SwitchingToADisallowedEventIsRefusedAndKeepsTheEvent) {
  h_.configure({{"signInMode", "SignIn"}});
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  EXPECT_EQ(key_of(h_.set_event(ctx_, Event::Register)), "user.sign_up_method_not_enabled");
  EXPECT_EQ(event_of(h_.state(ctx_)), event_name(Event::SignIn));
}

TEST_F(FlowEventTest, AVerificationOfOneInteractionIsUnknownToAnother) {
  h_.add_user({.username = "ada", .password = "correct horse"});
  FlowContext other = h_.new_interaction();
  ASSERT_TRUE(h_.start(ctx_, Event::SignIn));
  ASSERT_TRUE(h_.start(other, Event::SignIn));
  auto vid = h_.flow().verify_password(ctx_, {IdentifierType::Username, "ada"}, "correct horse");
  ASSERT_TRUE(vid);
  auto identified = h_.flow().identify(other, *vid);
  EXPECT_EQ(code_of(identified), Errc::NotFound);
  EXPECT_EQ(key_of(identified), "session.verification_session_not_found");
  EXPECT_EQ(key_of(h_.flow().submit(other)), "session.verification_required");
}

}  // namespace
}  // namespace latch::test
