#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

model::InitialAccessToken sample_token(const std::string& id, std::int64_t uses) {
  return {.id = id,
          .token_hash = "hash-" + id,
          .description = "for " + id,
          .created_at = 1000,
          .expires_at = 2000,
          .uses_left = uses};
}

class ClientRegistrationRepositoryTest : public StorageTest {
 protected:
  Result<void> add_token(const model::InitialAccessToken& token) {
    return in_write([&](Tx& tx) { return tx.client_registrations().insert_initial_token(token); });
  }
  Result<std::optional<model::InitialAccessToken>> spend(const std::string& hash,
                                                         std::int64_t now) {
    return in_write(
        [&](Tx& tx) { return tx.client_registrations().spend_initial_token(hash, now); });
  }
  Result<std::optional<model::ClientRegistration>> find(const std::string& client_id) {
    return in_read([&](Tx& tx) { return tx.client_registrations().find(client_id); });
  }
  void add_registered_app(const std::string& id) {
    ASSERT_OK(in_write([&](Tx& tx) { return tx.applications().insert(sample_application(id)); }));
    model::ClientRegistration r{.client_id = id,
                                .access_token_hash = "rat-" + id,
                                .metadata_json = R"({"client_uri":"https://x.example"})",
                                .initial_token_id = "t1",
                                .created_at = 1000,
                                .updated_at = 1000};
    ASSERT_OK(in_write([&](Tx& tx) { return tx.client_registrations().insert(r); }));
  }
};

TEST_P(ClientRegistrationRepositoryTest, ATokenWithUsesIsSpentOneAtATimeUntilNoneIsLeft) {
  ASSERT_OK(add_token(sample_token("t1", 2)));
  auto first = spend("hash-t1", 1500);
  ASSERT_OK(first);
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->id, "t1");
  EXPECT_EQ((*first)->uses_left, 1);
  EXPECT_EQ((*first)->description, "for t1");
  auto second = spend("hash-t1", 1500);
  ASSERT_OK(second);
  ASSERT_TRUE(second->has_value());
  EXPECT_EQ((*second)->uses_left, 0);
  auto third = spend("hash-t1", 1500);
  ASSERT_OK(third);
  EXPECT_FALSE(third->has_value());
}

TEST_P(ClientRegistrationRepositoryTest, AnUnlimitedTokenStaysUnlimited) {
  ASSERT_OK(add_token(sample_token("t1", -1)));
  for (int i = 0; i < 3; ++i) {
    auto spent = spend("hash-t1", 1500);
    ASSERT_OK(spent);
    ASSERT_TRUE(spent->has_value());
    EXPECT_EQ((*spent)->uses_left, -1);
  }
}

TEST_P(ClientRegistrationRepositoryTest, AnExpiredOrUnknownTokenIsNotSpent) {
  ASSERT_OK(add_token(sample_token("t1", 5)));
  auto expired = spend("hash-t1", 2000);
  ASSERT_OK(expired);
  EXPECT_FALSE(expired->has_value());
  auto unknown = spend("hash-other", 1500);
  ASSERT_OK(unknown);
  EXPECT_FALSE(unknown->has_value());
}

TEST_P(ClientRegistrationRepositoryTest, ListsNewestFirstAndRemovesById) {
  auto older = sample_token("t1", 1);
  auto newer = sample_token("t2", 1);
  newer.created_at = 1100;
  ASSERT_OK(add_token(older));
  ASSERT_OK(add_token(newer));
  auto listed = in_read([](Tx& tx) { return tx.client_registrations().list_initial_tokens(); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "t2");
  EXPECT_EQ((*listed)[1].token_hash, "hash-t1");
  ASSERT_OK(in_write([](Tx& tx) { return tx.client_registrations().remove_initial_token("t1"); }));
  auto again =
      in_write([](Tx& tx) { return tx.client_registrations().remove_initial_token("t1"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::NotFound);
}

TEST_P(ClientRegistrationRepositoryTest, TheHousekeeperPurgesExpiredTokens) {
  ASSERT_OK(add_token(sample_token("t1", 1)));
  auto purged = in_write([](Tx& tx) { return tx.maintenance().purge_expired(2001, 0, 100); });
  ASSERT_OK(purged);
  EXPECT_EQ(purged->initial_access_tokens, 1);
  auto listed = in_read([](Tx& tx) { return tx.client_registrations().list_initial_tokens(); });
  ASSERT_OK(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_P(ClientRegistrationRepositoryTest, ARegistrationIsFoundUpdatedAndGoesWithItsApplication) {
  add_registered_app("app1");
  auto found = find("app1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->access_token_hash, "rat-app1");
  EXPECT_EQ((*found)->metadata_json, R"({"client_uri":"https://x.example"})");
  EXPECT_EQ((*found)->initial_token_id, "t1");
  model::ClientRegistration changed = **found;
  changed.access_token_hash = "rat-2";
  changed.metadata_json = "{}";
  changed.updated_at = 1200;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.client_registrations().update(changed); }));
  auto updated = find("app1");
  ASSERT_OK(updated);
  EXPECT_EQ((*updated)->access_token_hash, "rat-2");
  EXPECT_EQ((*updated)->updated_at, 1200);
  EXPECT_EQ((*updated)->created_at, 1000);
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));
  auto gone = find("app1");
  ASSERT_OK(gone);
  EXPECT_FALSE(gone->has_value());
}

TEST_P(ClientRegistrationRepositoryTest, UpdatingAnUnknownRegistrationIsNotFound) {
  model::ClientRegistration r{.client_id = "nobody", .access_token_hash = "x"};
  auto updated = in_write([&](Tx& tx) { return tx.client_registrations().update(r); });
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, Errc::NotFound);
}

TEST_P(ClientRegistrationRepositoryTest, TellsWhichAppsWereRegisteredDynamically) {
  add_registered_app("app1");
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().insert(sample_application("app2")); }));
  auto among = in_read([](Tx& tx) {
    return tx.client_registrations().registered_among({"app1", "app2", "x"});
  });
  ASSERT_OK(among);
  EXPECT_EQ(*among, std::vector<std::string>{"app1"});
}

TEST_P(ClientRegistrationRepositoryTest, TheLastUseOfATokenServesExactlyOneConcurrentCaller) {
  ASSERT_OK(add_token(sample_token("t1", 1)));
  constexpr int kThreads = 4;
  std::atomic<int> spent = 0, failed = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      auto r = spend("hash-t1", 1500);
      if (!r) ++failed;
      if (r && r->has_value()) ++spent;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(spent.load(), 1);
}

LATCH_STORAGE_SUITE(ClientRegistrationRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
