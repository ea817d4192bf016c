// The back-channel logout dispatcher (oidc/backchannel_logout.hpp) over a real SQLite store with
// a FakeClock: the logout token's claims (OIDC Back-Channel Logout 1.0 §2.4), delivery, retries
// with back-off and giving up. The app's receiver is a recording stand-in for the network.
#include "oidc/backchannel_logout.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <mutex>

#include "http/form.hpp"
#include "oidc/session_sid.hpp"
#include "unit/oidc/grant_harness.hpp"

namespace latch::test {
namespace {

constexpr const char* kUri = "https://web.example/backchannel";
constexpr const char* kEvent = "http://schemas.openid.net/event/backchannel-logout";

// Answers each POST with the next status of `statuses` (200 once they run out) and keeps them.
class RecordingSender final : public oidc::LogoutSender {
 public:
  struct Post {
    std::string url, form;
  };
  Result<int> post_form(const std::string& url, const std::string& form) const override {
    std::lock_guard lock(mutex_);
    posts.push_back({url, form});
    if (statuses.empty()) return 200;
    int status = statuses.front();
    statuses.pop_front();
    if (status == 0) return make_error(Errc::Unavailable, "no answer");
    return status;
  }
  mutable std::deque<int> statuses;  // 0 = no answer
  mutable std::vector<Post> posts;

 private:
  mutable std::mutex mutex_;
};

class LogoutDispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h_.store().transact([&](storage::Tx& tx) -> Result<void> {
      auto web = tx.applications().find("web");
      if (!web) return web.error();
      (*web)->backchannel_logout_uri = kUri;
      if (auto r = tx.applications().update(**web); !r) return r;
      model::User user;
      user.id = "u1";
      user.username = "una";
      if (auto r = tx.users().insert(user); !r) return r;
      model::Grant grant{.id = "g1",
                         .user_id = "u1",
                         .client_id = "web",
                         .scope = "openid",
                         .session_id_hash = "session-hash-1",
                         .expires_at = 1'800'000'000};
      if (auto r = tx.grants().insert(grant); !r) return r;
      auto queued = tx.logout_deliveries().enqueue_for_session("session-hash-1", now_ms());
      if (!queued) return queued.error();
      return ok();
    }));
  }
  std::int64_t now_ms() { return h_.clock().now_millis(); }
  std::size_t queued() {
    std::size_t n = 0;
    EXPECT_TRUE(h_.store().read([&](storage::Tx& tx) -> Result<void> {
      auto all = tx.logout_deliveries().list_all();
      if (!all) return all.error();
      n = all->size();
      return ok();
    }));
    return n;
  }
  oidc::LogoutRound run() {
    auto round = dispatcher_.run_once();
    EXPECT_TRUE(round) << (round ? "" : round.error().description);
    return round ? *round : oidc::LogoutRound{};
  }

  GrantHarness h_;
  RecordingSender sender_;
  oidc::LogoutDispatcher dispatcher_{h_.store(), h_.tokens(), sender_,
                                     std::chrono::milliseconds(1000)};
};

TEST_F(LogoutDispatcherTest, PostsASignedLogoutTokenAndForgetsTheNoticeOn200) {
  oidc::LogoutRound round = run();
  EXPECT_EQ(round.sent, 1);
  ASSERT_EQ(sender_.posts.size(), 1u);
  EXPECT_EQ(sender_.posts[0].url, kUri);
  auto form = http::parse_form(sender_.posts[0].form);
  ASSERT_TRUE(form);
  boost::json::object claims = verified_payload(std::string(form->value("logout_token")));
  EXPECT_EQ(claims.at("iss").as_string(), "https://id.example/oidc");
  EXPECT_EQ(claims.at("aud").as_string(), "web");
  EXPECT_EQ(claims.at("sub").as_string(), "u1");
  EXPECT_EQ(claims.at("sid").as_string(), oidc::session_sid("session-hash-1"));
  EXPECT_EQ(claims.at("exp").as_int64() - claims.at("iat").as_int64(), oidc::kLogoutTokenTtl);
  EXPECT_TRUE(claims.at("events").as_object().at(kEvent).as_object().empty());
  EXPECT_FALSE(claims.contains("nonce"));
  EXPECT_EQ(queued(), 0u);
  EXPECT_EQ(run().sent, 0) << "sent once";
}

TEST_F(LogoutDispatcherTest, RetriesWithBackOffThenGivesUpAfterFiveAttempts) {
  sender_.statuses = {503, 0, 500, 302, 404};
  EXPECT_EQ(run().retried, 1);
  EXPECT_EQ(run().retried, 0) << "not due before the back-off";
  h_.clock().advance(std::chrono::milliseconds(1000));
  EXPECT_EQ(run().retried, 1);  // attempt 2, no answer
  h_.clock().advance(std::chrono::milliseconds(1999));
  EXPECT_EQ(run().retried, 0) << "the second wait is twice as long";
  h_.clock().advance(std::chrono::milliseconds(1));
  EXPECT_EQ(run().retried, 1);  // attempt 3
  h_.clock().advance(std::chrono::milliseconds(4000));
  EXPECT_EQ(run().retried, 1);  // attempt 4: a redirect is no success
  h_.clock().advance(std::chrono::milliseconds(8000));
  EXPECT_EQ(run().dropped, 1);  // attempt 5
  EXPECT_EQ(sender_.posts.size(), 5u);
  EXPECT_EQ(queued(), 0u);
}

TEST_F(LogoutDispatcherTest, ASuccessAfterAFailureEndsTheRetries) {
  sender_.statuses = {500};
  EXPECT_EQ(run().retried, 1);
  h_.clock().advance(std::chrono::milliseconds(1000));
  EXPECT_EQ(run().sent, 1);
  EXPECT_EQ(queued(), 0u);
}

TEST_F(LogoutDispatcherTest, ANoticeForAnAppThatDroppedItsUriIsDropped) {
  ASSERT_TRUE(h_.store().transact([&](storage::Tx& tx) -> Result<void> {
    auto web = tx.applications().find("web");
    if (!web) return web.error();
    (*web)->backchannel_logout_uri.clear();
    return tx.applications().update(**web);
  }));
  EXPECT_EQ(run().dropped, 1);
  EXPECT_TRUE(sender_.posts.empty());
  EXPECT_EQ(queued(), 0u);
}

}  // namespace
}  // namespace latch::test
