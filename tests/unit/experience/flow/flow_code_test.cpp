// FlowService: one-time codes by email and SMS (send_code, verify_code). A code is six digits,
// good for ten minutes, once, with five attempts; sends are limited per identifier and per
// client address.
#include <gtest/gtest.h>

#include "support/result_testing.hpp"
#include "unit/experience/flow/flow_harness.hpp"

namespace latch::test {
namespace {

using namespace std::chrono_literals;
using experience::FlowContext;

// Email and phone sign in by code.
const boost::json::object kPasswordless{
    {"signIn",
     {{"methods",
       {{{"identifier", "username"}, {"password", true}},
        {{"identifier", "email"}, {"password", false}, {"verificationCode", true}},
        {{"identifier", "phone"}, {"password", false}, {"verificationCode", true}}}}}}};

class FlowCodeTest : public ::testing::Test {
 protected:
  FlowCodeTest() {
    h_.configure(kPasswordless);
    EXPECT_TRUE(h_.start(ctx_, Event::SignIn));
  }

  Result<std::string> send(const std::string& type, const std::string& value) {
    return h_.flow().send_code(ctx_, identifier(type, value));
  }
  Result<std::string> verify(const std::string& vid, const std::string& code) {
    return h_.flow().verify_code(ctx_, vid, code);
  }
  // A six-digit code that is not `code`.
  static std::string other_than(const std::string& code) {
    return code == "000000" ? "000001" : "000000";
  }

  FlowHarness h_;
  FlowContext ctx_ = h_.new_interaction();
};

TEST_F(FlowCodeTest, AnEmailCodeIsMailedAndVerifiesTheRecord) {
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid) << key_of(vid);
  auto sent = h_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].kind, "email");
  EXPECT_EQ(sent[0].to, "ada@example.com");
  EXPECT_FALSE(sent[0].subject.empty());
  ASSERT_EQ(sent[0].code().size(), 6u) << sent[0].text;
  auto record = h_.state(ctx_).verifications.at(0);
  EXPECT_TRUE(is(record, Verification::VerificationCode));
  EXPECT_FALSE(record.verified);

  auto verified = verify(*vid, sent[0].code());
  ASSERT_TRUE(verified) << key_of(verified);
  EXPECT_EQ(*verified, *vid);
  EXPECT_TRUE(h_.state(ctx_).verifications.at(0).verified);
}

TEST_F(FlowCodeTest, APhoneCodeGoesBySms) {
  auto vid = send("phone", "+15555550100");
  ASSERT_TRUE(vid) << key_of(vid);
  auto sent = h_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].kind, "sms");
  EXPECT_EQ(sent[0].to, "+15555550100");
  EXPECT_TRUE(verify(*vid, sent[0].code()));
}

TEST_F(FlowCodeTest, TheMessageIsInTheInteractionsLanguage) {
  ASSERT_TRUE(send("email", "ada@example.com"));
  FlowContext ja = h_.new_interaction();
  ja.lang = experience::Lang::Ja;
  ASSERT_TRUE(h_.start(ja, Event::SignIn));
  ASSERT_TRUE(h_.flow().send_code(ja, {IdentifierType::Email, "ada@example.com"}));
  auto sent = h_.sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_NE(sent[0].subject, sent[1].subject);
  EXPECT_EQ(sent[1].code().size(), 6u);
}

TEST_F(FlowCodeTest, AWrongCodeIsAMismatchAndTheRecordStaysUnverified) {
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid);
  auto wrong = verify(*vid, other_than(h_.last_code()));
  EXPECT_EQ(code_of(wrong), Errc::InvalidRequest);
  EXPECT_EQ(key_of(wrong), "verification_code.code_mismatch");
  EXPECT_FALSE(h_.state(ctx_).verifications.at(0).verified);
  EXPECT_EQ(h_.logs("Interaction.Verification.VerificationCode").size(), 1u);
  EXPECT_TRUE(verify(*vid, h_.last_code()));
}

TEST_F(FlowCodeTest, ACodeThatIsNotSixDigitsIsAMismatch) {
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid);
  std::string code = h_.last_code();
  for (const std::string& bad :
       {std::string(), code.substr(0, 5), code + "0", code + " ", std::string("12345a")}) {
    EXPECT_EQ(key_of(verify(*vid, bad)), "verification_code.code_mismatch") << bad;
  }
}

TEST_F(FlowCodeTest, FiveWrongAttemptsSpendTheCode) {
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid);
  std::string code = h_.last_code();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(key_of(verify(*vid, other_than(code))), "verification_code.code_mismatch");
  }
  EXPECT_EQ(key_of(verify(*vid, code)), "verification_code.exceed_max_try");
}

TEST_F(FlowCodeTest, ACodeVerifiesOnce) {
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid);
  std::string code = h_.last_code();
  ASSERT_TRUE(verify(*vid, code));
  auto replayed = verify(*vid, code);
  EXPECT_EQ(code_of(replayed), Errc::InvalidRequest);
  EXPECT_EQ(key_of(replayed), "verification_code.used");
}

TEST_F(FlowCodeTest, ACodeExpiresAfterTenMinutes) {
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid);
  h_.clock().advance(10min);
  auto late = verify(*vid, h_.last_code());
  EXPECT_EQ(code_of(late), Errc::InvalidRequest);
  EXPECT_EQ(key_of(late), "verification_code.expired");
}

TEST_F(FlowCodeTest, ACodeIsStillGoodJustBeforeItExpires) {
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid);
  h_.clock().advance(10min - 1s);
  EXPECT_TRUE(verify(*vid, h_.last_code()));
}

TEST_F(FlowCodeTest, ACodeSentForOneEventDoesNotVerifyAnother) {
  h_.configure({{"signUp", {{"identifiers", {"email"}}, {"password", true}, {"verify", true}}}});
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid);
  ASSERT_TRUE(h_.set_event(ctx_, Event::Register));
  auto crossed = verify(*vid, h_.last_code());
  EXPECT_EQ(code_of(crossed), Errc::NotFound);
  EXPECT_EQ(key_of(crossed), "session.verification_session_not_found");
}

TEST_F(FlowCodeTest, AVerificationIdOfAnotherInteractionIsNotFound) {
  auto vid = send("email", "ada@example.com");
  ASSERT_TRUE(vid);
  FlowContext other = h_.new_interaction();
  ASSERT_TRUE(h_.start(other, Event::SignIn));
  auto crossed = h_.flow().verify_code(other, *vid, h_.last_code());
  EXPECT_EQ(key_of(crossed), "session.verification_session_not_found");
  EXPECT_EQ(key_of(verify("made-up", "123456")), "session.verification_session_not_found");
}

TEST_F(FlowCodeTest, AnIdentifierGetsFiveCodesPerTenMinutes) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(send("email", "ada@example.com")) << i;
  auto sixth = send("email", "ada@example.com");
  EXPECT_EQ(code_of(sixth), Errc::Forbidden);
  EXPECT_EQ(key_of(sixth), "verification_code.rate_limited");
  EXPECT_TRUE(send("email", "grace@example.com"));
  h_.clock().advance(10min + 1s);
  EXPECT_TRUE(send("email", "ada@example.com"));
  EXPECT_EQ(h_.sent().size(), 7u);
}

TEST(FlowCodeLimitTest, AClientAddressIsLimitedAcrossIdentifiers) {
  FlowHarness h({.code_sends_per_minute = 2});
  h.configure(kPasswordless);
  FlowContext ctx = h.new_interaction("203.0.113.7");
  ASSERT_TRUE(h.start(ctx, Event::SignIn));
  ASSERT_TRUE(h.flow().send_code(ctx, {IdentifierType::Email, "a@example.com"}));
  ASSERT_TRUE(h.flow().send_code(ctx, {IdentifierType::Email, "b@example.com"}));
  auto third = h.flow().send_code(ctx, {IdentifierType::Email, "c@example.com"});
  EXPECT_EQ(code_of(third), Errc::TooManyRequests);
  EXPECT_EQ(key_of(third), "request.too_many_requests");
  EXPECT_GT(third.error().retry_after, 0);
  EXPECT_EQ(h.sent().size(), 2u);

  FlowContext elsewhere = h.new_interaction("198.51.100.9");
  ASSERT_TRUE(h.start(elsewhere, Event::SignIn));
  EXPECT_TRUE(h.flow().send_code(elsewhere, {IdentifierType::Email, "c@example.com"}));
}

TEST_F(FlowCodeTest, AnIdentifierWhoseMethodIsOffGetsNoCode) {
  h_.configure({{"signIn", {{"methods", {{{"identifier", "username"}, {"password", true}}}}}}});
  auto refused = send("email", "ada@example.com");
  EXPECT_EQ(code_of(refused), Errc::Forbidden);
  EXPECT_EQ(key_of(refused), "session.sign_in_method_not_enabled");
  EXPECT_TRUE(h_.sent().empty());
}

TEST_F(FlowCodeTest, AMalformedIdentifierIsRefused) {
  EXPECT_EQ(key_of(send("email", "not-an-email")), "user.invalid_email");
  EXPECT_EQ(key_of(send("phone", "call me")), "user.invalid_phone");
  EXPECT_EQ(key_of(send("phone", "+1")), "user.invalid_phone");
  EXPECT_EQ(key_of(send("username", "ada")), "session.sign_in_method_not_enabled");
  EXPECT_FALSE(experience::parse_identifier_type("avatar"));  // refused when the API parses it
  EXPECT_TRUE(h_.sent().empty());
}

TEST_F(FlowCodeTest, WithoutAConnectorTheCodeCannotBeSent) {
  ASSERT_TRUE(h_.messages().remove("sms"));
  auto refused = send("phone", "+15555550100");
  EXPECT_EQ(code_of(refused), Errc::NotFound);
  EXPECT_EQ(key_of(refused), "connector.not_found");
  EXPECT_TRUE(send("email", "ada@example.com"));
}

TEST_F(FlowCodeTest, AProviderFailureIsUnavailable) {
  h_.fail_sending(true);
  auto refused = send("email", "ada@example.com");
  EXPECT_EQ(code_of(refused), Errc::Unavailable);
  EXPECT_EQ(key_of(refused), "connector.send_failed");
}

}  // namespace
}  // namespace latch::test
