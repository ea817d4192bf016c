// Webhooks, their outbox and delivery log (storage/webhook_repository.hpp) on every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

model::Hook sample_hook(const std::string& id, std::vector<std::string> events,
                        std::int64_t created_at = 1000) {
  model::Hook hook;
  hook.id = id;
  hook.name = "hook " + id;
  hook.events = std::move(events);
  hook.config = {.url = "https://receiver.test/" + id,
                 .headers = {{"x-tenant", "acme"}, {"authorization", "Bearer t"}},
                 .retries = 2};
  hook.signing_key = "key-" + id;
  hook.created_at = created_at;
  return hook;
}

AuditLog delivery_log(const std::string& id, const std::string& key, bool success,
                      std::int64_t at) {
  return AuditLog{id, key, success ? "Success" : "Error", "", "", "", "{}", at};
}

class WebhookRepositoryTest : public StorageTest {
 protected:
  void add(const model::Hook& hook) {
    ASSERT_OK(in_write([&](Tx& tx) { return tx.hooks().insert(hook); }));
  }
  Result<std::int64_t> enqueue(const std::string& event_id, const std::string& event,
                               std::int64_t now = 5000) {
    return in_write([&](Tx& tx) {
      return tx.hook_deliveries().enqueue(event_id, event, R"({"event":")" + event + "\"}", now);
    });
  }
  Result<std::vector<HookDelivery>> claim(std::int64_t now, std::int64_t lease, int limit = 10) {
    return in_write([&](Tx& tx) { return tx.hook_deliveries().claim_due(now, lease, limit); });
  }
  std::vector<HookDelivery> all() {
    auto rows = in_read([&](Tx& tx) { return tx.hook_deliveries().list_all(); });
    EXPECT_OK(rows);
    return rows ? *rows : std::vector<HookDelivery>{};
  }
};

TEST_P(WebhookRepositoryTest, AHookReadsBackAsWritten) {
  auto hook = sample_hook("h1", {"User.Created", "PostSignIn"});
  add(hook);
  auto found = in_read([&](Tx& tx) { return tx.hooks().find("h1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const model::Hook& h = **found;
  EXPECT_EQ(h.name, "hook h1");
  EXPECT_EQ(h.events, (std::vector<std::string>{"User.Created", "PostSignIn"}));
  EXPECT_FALSE(h.event.has_value());
  EXPECT_EQ(h.config.url, "https://receiver.test/h1");
  EXPECT_EQ(h.config.headers, hook.config.headers);
  EXPECT_EQ(h.config.retries, 2);
  EXPECT_EQ(h.signing_key, "key-h1");
  EXPECT_TRUE(h.enabled);
  EXPECT_EQ(h.created_at, 1000);
}

TEST_P(WebhookRepositoryTest, UpdateReplacesAndRemoveEndsAHook) {
  add(sample_hook("h1", {"User.Created"}));
  auto changed = sample_hook("h1", {"Role.Created"});
  changed.name = "renamed";
  changed.enabled = false;
  changed.event = "PostSignIn";
  changed.config.retries.reset();
  ASSERT_OK(in_write([&](Tx& tx) { return tx.hooks().update(changed); }));
  auto found = in_read([&](Tx& tx) { return tx.hooks().find("h1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "renamed");
  EXPECT_FALSE((*found)->enabled);
  EXPECT_EQ((*found)->event, "PostSignIn");
  EXPECT_FALSE((*found)->config.retries.has_value());
  ASSERT_OK(in_write([&](Tx& tx) { return tx.hooks().remove("h1"); }));
  auto again = in_write([&](Tx& tx) { return tx.hooks().remove("h1"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "entity.not_found");
  auto missing = in_write([&](Tx& tx) { return tx.hooks().update(changed); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::NotFound);
}

TEST_P(WebhookRepositoryTest, ListsPageOldestFirstAndCounts) {
  add(sample_hook("h2", {"User.Created"}, 2000));
  add(sample_hook("h1", {"User.Created"}, 1000));
  add(sample_hook("h3", {"User.Created"}, 3000));
  auto page = in_read([&](Tx& tx) { return tx.hooks().list(Page{2, 2}); });
  ASSERT_OK(page);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].id, "h3");
  auto every = in_read([&](Tx& tx) { return tx.hooks().list(std::nullopt); });
  ASSERT_OK(every);
  ASSERT_EQ(every->size(), 3u);
  EXPECT_EQ((*every)[0].id, "h1");
  auto counted = in_read([&](Tx& tx) { return tx.hooks().count(); });
  ASSERT_OK(counted);
  EXPECT_EQ(*counted, 3);
}

TEST_P(WebhookRepositoryTest, AnEventIsQueuedOncePerEnabledHookThatWantsIt) {
  add(sample_hook("wants", {"User.Created", "User.Deleted"}));
  add(sample_hook("other", {"User.Deleted"}));
  auto off = sample_hook("off", {"User.Created"});
  off.enabled = false;
  add(off);
  auto legacy = sample_hook("legacy", {});
  legacy.event = "User.Created";  // Logto's single event, read when events is empty
  add(legacy);
  add(sample_hook("prefix", {"User.Created.Extra"}));  // a longer name is not the event
  auto queued = enqueue("e1", "User.Created");
  ASSERT_OK(queued);
  EXPECT_EQ(*queued, 2);
  auto rows = all();
  ASSERT_EQ(rows.size(), 2u);
  std::set<std::string> hooks;
  for (const auto& row : rows) {
    hooks.insert(row.hook_id);
    EXPECT_EQ(row.event_id, "e1");
    EXPECT_EQ(row.event, "User.Created");
    EXPECT_EQ(row.payload_json, R"({"event":"User.Created"})");
    EXPECT_EQ(row.attempts, 0);
    EXPECT_EQ(row.next_attempt_at, 5000);
  }
  EXPECT_EQ(hooks, (std::set<std::string>{"wants", "legacy"}));
}

TEST_P(WebhookRepositoryTest, NoHookMeansNothingQueued) {
  auto queued = enqueue("e1", "User.Created");
  ASSERT_OK(queued);
  EXPECT_EQ(*queued, 0);
  EXPECT_TRUE(all().empty());
}

TEST_P(WebhookRepositoryTest, AnEventOfARolledBackChangeIsNotQueued) {
  add(sample_hook("h1", {"User.Created"}));
  auto failed = in_write([&](Tx& tx) -> Result<void> {
    if (auto q = tx.hook_deliveries().enqueue("e1", "User.Created", "{}", 5000); !q) {
      return q.error();
    }
    return make_error(Errc::Conflict, "the change failed");
  });
  ASSERT_FALSE(failed);
  EXPECT_TRUE(all().empty());
}

TEST_P(WebhookRepositoryTest, AClaimCountsAnAttemptAndHidesTheDeliveryUntilTheLease) {
  add(sample_hook("h1", {"User.Created"}));
  ASSERT_OK(enqueue("e1", "User.Created"));
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

TEST_P(WebhookRepositoryTest, RetryMakesItDueAgainAndRemoveEndsIt) {
  add(sample_hook("h1", {"User.Created"}));
  ASSERT_OK(enqueue("e1", "User.Created"));
  auto claimed = claim(5000, 90000);
  ASSERT_OK(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  ASSERT_OK(in_write([&](Tx& tx) { return tx.hook_deliveries().retry_at((*claimed)[0], 6000); }));
  auto due = claim(6000, 90000);
  ASSERT_OK(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].attempts, 2);
  ASSERT_OK(in_write([&](Tx& tx) { return tx.hook_deliveries().remove((*due)[0]); }));
  EXPECT_TRUE(all().empty());
  ASSERT_OK(in_write([&](Tx& tx) { return tx.hook_deliveries().remove((*due)[0]); }));
}

TEST_P(WebhookRepositoryTest, TheLimitBoundsAClaimOldestFirst) {
  add(sample_hook("h1", {"User.Created"}));
  ASSERT_OK(enqueue("late", "User.Created", 5001));
  ASSERT_OK(enqueue("early", "User.Created", 5000));
  auto claimed = claim(6000, 90000, 1);
  ASSERT_OK(claimed);
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].event_id, "early");
}

TEST_P(WebhookRepositoryTest, RemovingTheHookRemovesItsDeliveries) {
  add(sample_hook("h1", {"User.Created"}));
  add(sample_hook("h2", {"User.Created"}));
  ASSERT_OK(enqueue("e1", "User.Created"));
  ASSERT_OK(in_write([&](Tx& tx) { return tx.hooks().remove("h1"); }));
  auto rows = all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].hook_id, "h2");
}

TEST_P(WebhookRepositoryTest, ConcurrentClaimsTakeEachDeliveryOnce) {
  add(sample_hook("h1", {"User.Created"}));
  for (int i = 0; i < 8; ++i) ASSERT_OK(enqueue("e" + std::to_string(i), "User.Created"));
  std::atomic<int> taken{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 4; ++round) {
        int mine = 0;
        auto got = store().transact([&](Tx& tx) -> Result<void> {
          auto claimed = tx.hook_deliveries().claim_due(6000, 90000, 3);
          if (!claimed) return claimed.error();
          mine = static_cast<int>(claimed->size());
          return ok();
        });
        if (got) taken += mine;
        if (!got && got.error().code != Errc::Unavailable) ++failed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  auto rest = claim(6000, 90000, 100);
  ASSERT_OK(rest);
  EXPECT_EQ(taken.load() + static_cast<int>(rest->size()), 8) << "no delivery claimed twice";
}

TEST_P(WebhookRepositoryTest, DeliveryLogsFilterByHookKeyAndTimeNewestFirst) {
  ASSERT_OK(in_write([&](Tx& tx) -> Result<void> {
    auto& d = tx.hook_deliveries();
    if (auto r = d.log(delivery_log("l1", "TriggerHook.User.Created", true, 100), "h1"); !r) {
      return r;
    }
    if (auto r = d.log(delivery_log("l2", "TriggerHook.PostSignIn", false, 200), "h1"); !r) {
      return r;
    }
    if (auto r = d.log(delivery_log("l3", "TriggerHook.User.Created", true, 300), "h1"); !r) {
      return r;
    }
    if (auto r = d.log(delivery_log("l4", "TriggerHook.User.Created", true, 400), "h2"); !r) {
      return r;
    }
    return tx.logs().insert(delivery_log("l5", "Interaction.SignIn.Submit", true, 500));
  }));
  auto every = in_read([&](Tx& tx) { return tx.hook_deliveries().logs({.hook_id = "h1"}, {}); });
  ASSERT_OK(every);
  ASSERT_EQ(every->size(), 3u);
  EXPECT_EQ((*every)[0].id, "l3");
  EXPECT_EQ((*every)[2].id, "l1");
  HookLogFilter keyed{.hook_id = "h1", .key = "TriggerHook.User.Created", .from = 150};
  auto some = in_read([&](Tx& tx) { return tx.hook_deliveries().logs(keyed, {}); });
  ASSERT_OK(some);
  ASSERT_EQ(some->size(), 1u);
  EXPECT_EQ((*some)[0].id, "l3");
  auto counted = in_read(
      [&](Tx& tx) { return tx.hook_deliveries().count_logs({.hook_id = "h1", .to = 200}); });
  ASSERT_OK(counted);
  EXPECT_EQ(*counted, 2);
  auto stats = in_read([&](Tx& tx) { return tx.hooks().execution_stats("h1", 150); });
  ASSERT_OK(stats);
  EXPECT_EQ(stats->request_count, 2);
  EXPECT_EQ(stats->success_count, 1);
}

LATCH_STORAGE_SUITE(WebhookRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
