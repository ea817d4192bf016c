// The back-channel logout queue (storage/logout_delivery_repository.hpp) on every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class LogoutDeliveryRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_OK(in_write([&](Tx& tx) -> Result<void> {
      if (auto r = tx.users().insert(sample_user("user1")); !r) return r;
      if (auto r = tx.users().insert(sample_user("user2", 1001)); !r) return r;
      auto listening = sample_application("listening");
      auto deaf = sample_application("deaf", 1001);
      deaf.backchannel_logout_uri.clear();
      auto other = sample_application("other", 1002);
      for (const auto* app : {&listening, &deaf, &other}) {
        if (auto r = tx.applications().insert(*app); !r) return r;
      }
      return ok();
    }));
  }
  void grant(const std::string& id, const std::string& user, const std::string& app,
             const std::string& session) {
    auto g = sample_grant(id, user, app);
    g.session_id_hash = session;
    ASSERT_OK(in_write([&](Tx& tx) { return tx.grants().insert(g); }));
  }
  Result<std::int64_t> enqueue_session(const std::string& session, std::int64_t now) {
    return in_write(
        [&](Tx& tx) { return tx.logout_deliveries().enqueue_for_session(session, now); });
  }
  Result<std::vector<LogoutDelivery>> claim(std::int64_t now, std::int64_t lease, int limit = 10) {
    return in_write([&](Tx& tx) { return tx.logout_deliveries().claim_due(now, lease, limit); });
  }
  std::vector<LogoutDelivery> all() {
    auto rows = in_read([&](Tx& tx) { return tx.logout_deliveries().list_all(); });
    EXPECT_OK(rows);
    return rows ? *rows : std::vector<LogoutDelivery>{};
  }
};

TEST_P(LogoutDeliveryRepositoryTest, ASessionQueuesOneNoticePerAppWithAUri) {
  grant("g1", "user1", "listening", "s1");
  grant("g2", "user1", "listening", "s1");  // a second grant to the same app: one notice
  grant("g3", "user1", "deaf", "s1");       // no URI: nothing
  grant("g4", "user1", "other", "s2");      // another session: nothing
  auto added = enqueue_session("s1", 5000);
  ASSERT_OK(added);
  EXPECT_EQ(*added, 1);
  auto rows = all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].client_id, "listening");
  EXPECT_EQ(rows[0].user_id, "user1");
  EXPECT_EQ(rows[0].session_id_hash, "s1");
  EXPECT_EQ(rows[0].attempts, 0);
  EXPECT_EQ(rows[0].next_attempt_at, 5000);
  EXPECT_EQ(rows[0].created_at, 5000);
}

TEST_P(LogoutDeliveryRepositoryTest, QueuingTwiceKeepsTheFirstNotice) {
  grant("g1", "user1", "listening", "s1");
  ASSERT_OK(enqueue_session("s1", 5000));
  auto again = enqueue_session("s1", 6000);
  ASSERT_OK(again);
  EXPECT_EQ(*again, 0);
  auto rows = all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].next_attempt_at, 5000);
}

TEST_P(LogoutDeliveryRepositoryTest, AnEmptySessionQueuesNothing) {
  grant("g1", "user1", "listening", "");  // a grant without a browser session
  auto added = enqueue_session("", 5000);
  ASSERT_OK(added);
  EXPECT_EQ(*added, 0);
  EXPECT_TRUE(all().empty());
}

TEST_P(LogoutDeliveryRepositoryTest, AUserQueuesEachAppAndSessionAndOutlivesTheUser) {
  grant("g1", "user1", "listening", "s1");
  grant("g2", "user1", "listening", "s2");
  grant("g3", "user1", "other", "s2");
  grant("g4", "user1", "other", "");        // no session: nothing
  grant("g5", "user2", "listening", "s9");  // someone else: nothing
  auto added = in_write([&](Tx& tx) -> Result<std::int64_t> {
    auto queued = tx.logout_deliveries().enqueue_for_user("user1", 7000);
    if (!queued) return queued.error();
    if (auto removed = tx.users().remove("user1"); !removed) return removed.error();
    return *queued;
  });
  ASSERT_OK(added);
  EXPECT_EQ(*added, 3);
  auto rows = all();
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& row : rows) EXPECT_EQ(row.user_id, "user1");
}

TEST_P(LogoutDeliveryRepositoryTest, AClaimCountsAnAttemptAndHidesTheNoticeUntilTheLease) {
  grant("g1", "user1", "listening", "s1");
  ASSERT_OK(enqueue_session("s1", 5000));
  auto early = claim(4999, 9000);
  ASSERT_OK(early);
  EXPECT_TRUE(early->empty()) << "not due yet";
  auto first = claim(5000, 9000);
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].attempts, 1);
  EXPECT_EQ((*first)[0].next_attempt_at, 9000);
  auto during = claim(8999, 20000);
  ASSERT_OK(during);
  EXPECT_TRUE(during->empty()) << "claimed by someone else";
  auto after = claim(9000, 20000);
  ASSERT_OK(after);
  ASSERT_EQ(after->size(), 1u) << "a claimant that died leaves it due again";
  EXPECT_EQ((*after)[0].attempts, 2);
}

TEST_P(LogoutDeliveryRepositoryTest, RetryMakesItDueAgainAndRemoveEndsIt) {
  grant("g1", "user1", "listening", "s1");
  ASSERT_OK(enqueue_session("s1", 5000));
  auto claimed = claim(5000, 90000);
  ASSERT_OK(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  ASSERT_OK(in_write([&](Tx& tx) { return tx.logout_deliveries().retry_at((*claimed)[0], 6000); }));
  auto due = claim(6000, 90000);
  ASSERT_OK(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].attempts, 2);
  ASSERT_OK(in_write([&](Tx& tx) { return tx.logout_deliveries().remove((*due)[0]); }));
  EXPECT_TRUE(all().empty());
  // Removing twice is no error.
  ASSERT_OK(in_write([&](Tx& tx) { return tx.logout_deliveries().remove((*due)[0]); }));
}

TEST_P(LogoutDeliveryRepositoryTest, TheLimitBoundsAClaimOldestFirst) {
  grant("g1", "user1", "listening", "s1");
  grant("g2", "user1", "other", "s2");
  ASSERT_OK(enqueue_session("s2", 5000));
  ASSERT_OK(enqueue_session("s1", 5001));
  auto claimed = claim(6000, 90000, 1);
  ASSERT_OK(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].session_id_hash, "s2");
}

TEST_P(LogoutDeliveryRepositoryTest, RemovingTheAppRemovesItsNotices) {
  grant("g1", "user1", "listening", "s1");
  ASSERT_OK(enqueue_session("s1", 5000));
  ASSERT_OK(in_write([&](Tx& tx) { return tx.applications().remove("listening"); }));
  EXPECT_TRUE(all().empty());
}

TEST_P(LogoutDeliveryRepositoryTest, ConcurrentClaimsTakeEachNoticeOnce) {
  for (int i = 0; i < 8; ++i) {
    std::string s = "s" + std::to_string(i);
    grant("g" + std::to_string(i), "user1", "listening", s);
    ASSERT_OK(enqueue_session(s, 5000));
  }
  std::atomic<int> taken{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 4; ++round) {
        auto got = store().transact([&](Tx& tx) -> Result<void> {
          auto claimed = tx.logout_deliveries().claim_due(6000, 90000, 3);
          if (!claimed) return claimed.error();
          taken += static_cast<int>(claimed->size());
          return ok();
        });
        if (!got && got.error().code != Errc::Unavailable) ++failed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  auto rest = claim(6000, 90000, 100);
  ASSERT_OK(rest);
  EXPECT_EQ(taken.load() + static_cast<int>(rest->size()), 8) << "no notice claimed twice";
}

LATCH_STORAGE_SUITE(LogoutDeliveryRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
