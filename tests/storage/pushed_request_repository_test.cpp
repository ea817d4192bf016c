#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

using model::ConsumeOutcome;

PushedRequest sample_request(const std::string& hash, std::int64_t expires_at = 1060) {
  return {.request_uri_hash = hash,
          .client_id = "app1",
          .params_json = R"({"scope":["openid"]})",
          .created_at = 1000,
          .expires_at = expires_at};
}

class PushedRequestRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
  }
  Result<void> insert(const PushedRequest& request) {
    return in_write([&](Tx& tx) { return tx.pushed_requests().insert(request); });
  }
  Result<model::Consumed<PushedRequest>> consume(const std::string& hash, std::int64_t now) {
    return in_write([&](Tx& tx) { return tx.pushed_requests().consume(hash, now); });
  }
};

TEST_P(PushedRequestRepositoryTest, TheFirstConsumptionGetsEveryFieldAndLaterOnesAreRefused) {
  ASSERT_OK(insert(sample_request("h1")));
  auto first = consume("h1", 1010);
  ASSERT_OK(first);
  EXPECT_EQ(first->outcome, ConsumeOutcome::Consumed);
  ASSERT_TRUE(first->value);
  EXPECT_EQ(first->value->client_id, "app1");
  EXPECT_EQ(first->value->params_json, R"({"scope":["openid"]})");
  EXPECT_EQ(first->value->created_at, 1000);
  EXPECT_EQ(first->value->expires_at, 1060);
  EXPECT_EQ(first->value->consumed_at, 1010);
  auto again = consume("h1", 1020);
  ASSERT_OK(again);
  EXPECT_EQ(again->outcome, ConsumeOutcome::AlreadyConsumed);
  EXPECT_EQ(again->value->consumed_at, 1010);
}

TEST_P(PushedRequestRepositoryTest, AnUnknownHashIsNotFound) {
  auto consumed = consume("nope", 1010);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::NotFound);
  EXPECT_FALSE(consumed->value);
}

TEST_P(PushedRequestRepositoryTest, ARequestOfAnUnknownClientIsRefused) {
  PushedRequest stray = sample_request("h1");
  stray.client_id = "no-such-app";
  EXPECT_FALSE(insert(stray));
}

TEST_P(PushedRequestRepositoryTest, TwoNodesConsumingAtOnceConsumeExactlyOnce) {
  ASSERT_OK(insert(sample_request("h1")));
  std::unique_ptr<Store> other_node = backend().open_another();
  auto outcomes = race({&store(), other_node.get(), &store(), other_node.get()},
                       [](Tx& tx) -> Result<ConsumeOutcome> {
                         auto consumed = tx.pushed_requests().consume("h1", 1010);
                         if (!consumed) return consumed.error();
                         return consumed->outcome;
                       });
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::Consumed), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::AlreadyConsumed), 3);
}

TEST_P(PushedRequestRepositoryTest, RemovingTheAppRemovesItsRequests) {
  ASSERT_OK(insert(sample_request("h1")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));
  auto consumed = consume("h1", 1010);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::NotFound);
}

TEST_P(PushedRequestRepositoryTest, TheHousekeeperPurgesExpiredRequests) {
  ASSERT_OK(insert(sample_request("h1", 1060)));
  ASSERT_OK(insert(sample_request("h2", 5000)));
  auto purged = in_write([](Tx& tx) { return tx.maintenance().purge_expired(2000, 0, 100); });
  ASSERT_OK(purged);
  EXPECT_EQ(purged->pushed_requests, 1);
  EXPECT_EQ(consume("h1", 2001)->outcome, ConsumeOutcome::NotFound);
  EXPECT_EQ(consume("h2", 2001)->outcome, ConsumeOutcome::Consumed);
}

LATCH_STORAGE_SUITE(PushedRequestRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
