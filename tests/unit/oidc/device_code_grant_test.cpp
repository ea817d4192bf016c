// DeviceCodeGrant and DeviceFlowService (RFC 8628 §3.2–§3.5) over a real store with a FakeClock:
// a device polls at its interval until the user decides; too soon is slow_down and the interval
// grows by 5 s; late is expired_token; a denial is access_denied; an approval is redeemed once.
#include "oidc/grants/device_code_grant.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "crypto/random.hpp"
#include "oidc/device_flow.hpp"
#include "oidc/scope.hpp"
#include "support/result_testing.hpp"
#include "unit/oidc/grant_harness.hpp"

namespace latch::oidc {
namespace {

using namespace std::chrono_literals;

class DeviceCodeGrantTest : public ::testing::Test {
 protected:
  DeviceAuthorization start(const std::string& scope = "openid offline_access") {
    DeviceRequest request{h_.catalog().client("tv"), parse_scope(scope).value(), {}};
    auto started = flow_.start(request);
    EXPECT_TRUE(started) << started.error().description;
    return started ? *started : DeviceAuthorization{};
  }
  Result<TokenResponse> poll(const DeviceAuthorization& d, const std::string& client = "tv") {
    TokenRequest r;
    r.grant_type = std::string(kDeviceCodeGrantType);
    r.device_code = d.device_code;
    return h_.run(grant_, client, r);
  }
  static Errc code_of(const Result<TokenResponse>& r) { return r ? Errc::Ok : r.error().code; }
  std::string new_user() {
    model::User user;
    user.id = crypto::random_id(12);
    user.username = "user_" + user.id;
    EXPECT_TRUE(h_.store().transact([&](storage::Tx& tx) { return tx.users().insert(user); }));
    return user.id;
  }
  bool approve(const DeviceAuthorization& d, const std::string& user_id) {
    auto done = flow_.approve({normalize_user_code(d.user_code), user_id, 1'699'999'000, "pwd"});
    return done && *done;
  }

  test::GrantHarness h_;
  DeviceFlowService flow_{h_.config(), h_.store(), h_.clock()};
  DeviceCodeGrant grant_{h_.store(), h_.tokens()};
};

TEST(UserCodeTest, EntryIgnoresCaseDashesAndSpaces) {
  EXPECT_EQ(normalize_user_code("bcdf-ghjk"), "BCDFGHJK");
  EXPECT_EQ(normalize_user_code(" BCDF GHJK "), "BCDFGHJK");
  EXPECT_EQ(display_user_code("BCDFGHJK"), "BCDF-GHJK");
}

TEST(UserCodeTest, AnythingElseIsNoCode) {
  EXPECT_EQ(normalize_user_code(""), "");
  EXPECT_EQ(normalize_user_code("BCDF-GHJ"), "");          // too short
  EXPECT_EQ(normalize_user_code("BCDF-GHJKL"), "");        // too long
  EXPECT_EQ(normalize_user_code("BCDF-GHJA"), "");         // a vowel
  EXPECT_EQ(normalize_user_code("BCDF-GHJ1"), "");         // a digit
  EXPECT_EQ(normalize_user_code("BCDF%GHJK"), "");         // punctuation
  EXPECT_EQ(normalize_user_code("BCDF-GHJ\xc3\x89"), "");  // not ASCII
}

TEST_F(DeviceCodeGrantTest, CodesComeFromTheAlphabetWithTheConfiguredLifetimes) {
  DeviceAuthorization d = start();
  EXPECT_EQ(d.user_code.size(), 9u);
  EXPECT_EQ(normalize_user_code(d.user_code).size(), 8u);
  EXPECT_EQ(d.expires_in, 600);
  EXPECT_EQ(d.interval, 5);
  EXPECT_GE(d.device_code.size(), 40u);
}

TEST_F(DeviceCodeGrantTest, PendingFindsTheCodeHoweverItIsTyped) {
  DeviceAuthorization d = start();
  std::string typed = normalize_user_code(d.user_code);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto found = flow_.pending(typed);
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->client_id, "tv");
  auto unknown = flow_.pending("ZZZZ-ZZZZ");
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->has_value());
}

TEST_F(DeviceCodeGrantTest, ADeviceThatKeepsItsIntervalIsNeverToldToSlowDown) {
  DeviceAuthorization d = start();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(code_of(poll(d)), Errc::AuthorizationPending) << i;
    h_.clock().advance(5s);
  }
}

TEST_F(DeviceCodeGrantTest, PollingTooSoonIsSlowDownAndAddsFiveSeconds) {
  DeviceAuthorization d = start();
  EXPECT_EQ(code_of(poll(d)), Errc::AuthorizationPending);
  h_.clock().advance(2s);
  EXPECT_EQ(code_of(poll(d)), Errc::SlowDown);
  h_.clock().advance(6s);  // the interval is now 10 s
  EXPECT_EQ(code_of(poll(d)), Errc::SlowDown);
  h_.clock().advance(15s);  // and now 15 s
  EXPECT_EQ(code_of(poll(d)), Errc::AuthorizationPending);
}

TEST_F(DeviceCodeGrantTest, AfterExpiresInTheCodeIsExpiredAndCannotBeApproved) {
  DeviceAuthorization d = start();
  h_.clock().advance(600s);
  EXPECT_EQ(code_of(poll(d)), Errc::ExpiredToken);
  EXPECT_FALSE(approve(d, new_user()));
  auto found = flow_.pending(d.user_code);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_value());
}

TEST_F(DeviceCodeGrantTest, ADeniedCodeIsAccessDenied) {
  DeviceAuthorization d = start();
  auto denied = flow_.deny(normalize_user_code(d.user_code));
  ASSERT_TRUE(denied && *denied);
  EXPECT_EQ(code_of(poll(d)), Errc::DeviceAccessDenied);
  EXPECT_FALSE(approve(d, new_user())) << "a decision is final";
}

TEST_F(DeviceCodeGrantTest, AnApprovedCodeBuysTheUsersTokensOnce) {
  DeviceAuthorization d = start();
  std::string user = new_user();
  ASSERT_TRUE(approve(d, user));
  auto res = poll(d);
  ASSERT_TRUE(res) << res.error().description;
  ASSERT_TRUE(res->id_token);
  EXPECT_TRUE(res->refresh_token);
  auto id = test::verified_payload(*res->id_token);
  EXPECT_EQ(id.at("sub").as_string(), user);
  EXPECT_EQ(id.at("aud").as_string(), "tv");
  EXPECT_EQ(id.at("auth_time").as_int64(), 1'699'999'000);
  h_.clock().advance(5s);
  EXPECT_EQ(code_of(poll(d)), Errc::InvalidGrant);
  EXPECT_FALSE(h_.find_access_token(res->access_token)) << "the replay revoked the grant";
}

TEST_F(DeviceCodeGrantTest, AnotherClientCannotPollOrBurnTheCode) {
  DeviceAuthorization d = start();
  ASSERT_TRUE(approve(d, new_user()));
  EXPECT_EQ(code_of(poll(d, "spa")), Errc::UnauthorizedClient);
  EXPECT_TRUE(poll(d));
}

TEST_F(DeviceCodeGrantTest, AMissingOrUnknownDeviceCodeIsRefused) {
  EXPECT_EQ(code_of(poll(DeviceAuthorization{})), Errc::InvalidRequest);
  EXPECT_EQ(code_of(poll(DeviceAuthorization{.device_code = "nope"})), Errc::InvalidGrant);
}

}  // namespace
}  // namespace latch::oidc
