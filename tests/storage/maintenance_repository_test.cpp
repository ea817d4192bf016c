// Issue #14, defect 12: what expires is deleted, in batches, and only what expired; one node runs
// each round. On every backend.
#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class MaintenanceRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
  }
  Result<PurgeCounts> purge(std::int64_t now, std::int64_t batch = 100) {
    PurgeCounts counts;
    auto done = in_write([&](Tx& tx) -> Result<void> {
      auto purged = tx.maintenance().purge_expired(now, now - 86400, batch);
      if (!purged) return purged.error();
      counts = *purged;
      return ok();
    });
    if (!done) return done.error();
    return counts;
  }
  template <class Find>
  bool exists(Find find) {
    bool found = false;
    EXPECT_TRUE(in_read([&](Tx& tx) -> Result<void> {
      auto row = find(tx);
      if (!row) return row.error();
      found = row->has_value();
      return ok();
    }));
    return found;
  }
};

TEST_P(MaintenanceRepositoryTest, ExpiredInteractionsAndSessionsGoTheLiveOnesStay) {
  model::Interaction old = sample_interaction("old", "app1");  // expires at 700
  model::Interaction live = sample_interaction("live", "app1");
  live.expires_at = 5000;
  model::BrowserSession stale = sample_session("stale", "user1");  // expires at 900
  model::BrowserSession fresh = sample_session("fresh", "user1");
  fresh.expires_at = 5000;
  ASSERT_OK(in_write([&](Tx& tx) -> Result<void> {
    for (const auto* i : {&old, &live}) {
      if (auto r = tx.interactions().insert(*i); !r) return r;
    }
    for (const auto* s : {&stale, &fresh}) {
      if (auto r = tx.sessions().insert(*s); !r) return r;
    }
    return ok();
  }));
  auto counts = purge(1000);
  ASSERT_OK(counts);
  EXPECT_EQ(counts->interactions, 1);
  EXPECT_EQ(counts->sessions, 1);
  EXPECT_FALSE(exists([](Tx& tx) { return tx.interactions().find("old"); }));
  EXPECT_TRUE(exists([](Tx& tx) { return tx.interactions().find("live"); }));
  EXPECT_FALSE(exists([](Tx& tx) { return tx.sessions().find("stale"); }));
  EXPECT_TRUE(exists([](Tx& tx) { return tx.sessions().find("fresh"); }));
}

TEST_P(MaintenanceRepositoryTest, AnExpiredGrantTakesItsCodesAndTokensWithIt) {
  model::Grant grant = sample_grant("g1", "user1", "app1");  // expires at 100000
  ASSERT_OK(in_write([&](Tx& tx) -> Result<void> {
    if (auto r = tx.grants().insert(grant); !r) return r;
    if (auto r = tx.refresh_tokens().insert(sample_refresh_token("rt1", grant)); !r) return r;
    return tx.access_tokens().insert(sample_access_token("at1", grant));
  }));
  ASSERT_OK(purge(99999));
  EXPECT_TRUE(exists([](Tx& tx) { return tx.grants().find("g1"); }));
  auto counts = purge(100000);
  ASSERT_OK(counts);
  EXPECT_EQ(counts->grants, 1);
  EXPECT_FALSE(exists([](Tx& tx) { return tx.grants().find("g1"); }));
  EXPECT_FALSE(exists([](Tx& tx) { return tx.refresh_tokens().find("rt1"); }));
  EXPECT_FALSE(exists([](Tx& tx) { return tx.access_tokens().find("at1"); }));
}

TEST_P(MaintenanceRepositoryTest, ACodeIsKeptAnHourPastItsExpiryToCatchReplays) {
  model::Grant grant = sample_grant("g1", "user1", "app1");
  model::AuthorizationCode code = sample_code("c1", grant);
  ASSERT_OK(in_write([&](Tx& tx) -> Result<void> {
    if (auto r = tx.grants().insert(grant); !r) return r;
    return tx.codes().insert(code);
  }));
  ASSERT_OK(purge(code.expires_at + 3599));
  EXPECT_TRUE(exists([](Tx& tx) { return tx.codes().find("c1"); }));
  ASSERT_OK(purge(code.expires_at + 3600));
  EXPECT_FALSE(exists([](Tx& tx) { return tx.codes().find("c1"); }));
}

TEST_P(MaintenanceRepositoryTest, PurgingGoesInBatches) {
  ASSERT_OK(in_write([&](Tx& tx) -> Result<void> {
    for (int i = 0; i < 7; ++i) {
      if (auto r = tx.interactions().insert(sample_interaction("i" + std::to_string(i), "app1"));
          !r) {
        return r;
      }
    }
    return ok();
  }));
  auto first = purge(1000, 5);
  ASSERT_OK(first);
  EXPECT_EQ(first->interactions, 5);
  auto second = purge(1000, 5);
  ASSERT_OK(second);
  EXPECT_EQ(second->interactions, 2);
}

TEST_P(MaintenanceRepositoryTest, ARoundIsClaimedOncePerInterval) {
  auto claim = [&](std::int64_t now) {
    bool claimed = false;
    EXPECT_TRUE(in_write([&](Tx& tx) -> Result<void> {
      if (auto locked = tx.lock("purge"); !locked) return locked;
      auto got = tx.maintenance().claim_run("purge", now, 300);
      if (!got) return got.error();
      claimed = *got;
      return ok();
    }));
    return claimed;
  };
  EXPECT_TRUE(claim(1000));
  EXPECT_FALSE(claim(1299)) << "another node ran it a moment ago";
  EXPECT_TRUE(claim(1300));
}

TEST_P(MaintenanceRepositoryTest, SetupTokensAreValidUntilTheyExpireOrAreCleared) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.setup_tokens().add("hash1", 2000); }));
  auto valid = [&](std::string_view hash, std::int64_t now) {
    bool out = false;
    EXPECT_TRUE(in_read([&](Tx& tx) -> Result<void> {
      auto found = tx.setup_tokens().valid(hash, now);
      if (!found) return found.error();
      out = *found;
      return ok();
    }));
    return out;
  };
  EXPECT_TRUE(valid("hash1", 1999));
  EXPECT_FALSE(valid("hash1", 2000));
  EXPECT_FALSE(valid("other", 1000));
  auto counts = purge(2000);
  ASSERT_OK(counts);
  EXPECT_EQ(counts->setup_tokens, 1);
  ASSERT_OK(in_write([](Tx& tx) { return tx.setup_tokens().add("hash2", 9000); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.setup_tokens().clear(); }));
  EXPECT_FALSE(valid("hash2", 1000));
}

LATCH_STORAGE_SUITE(MaintenanceRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
