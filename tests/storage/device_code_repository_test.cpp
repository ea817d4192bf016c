#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

using model::ConsumeOutcome;
using model::DeviceCodeStatus;

model::DeviceCode sample_device_code(const std::string& hash, const std::string& user_code) {
  model::DeviceCode c;
  c.device_code_hash = hash;
  c.user_code = user_code;
  c.client_id = "app1";
  c.scope = "openid offline_access";
  c.resources = "https://api.example";
  c.interval = 5;
  c.created_at = 1000;
  c.expires_at = 1600;
  return c;
}

auto fields(const model::DeviceCode& c) {
  return std::tie(c.device_code_hash, c.user_code, c.client_id, c.scope, c.resources, c.status,
                  c.user_id, c.grant_id, c.auth_time, c.interval, c.last_polled_at, c.created_at,
                  c.expires_at, c.consumed_at);
}

class DeviceCodeRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
    insert_grant("g1");
  }
  Result<void> insert(const model::DeviceCode& code) {
    return in_write([&](Tx& tx) { return tx.device_codes().insert(code); });
  }
  Result<std::optional<model::DeviceCode>> find(const std::string& hash) {
    return in_read([&](Tx& tx) { return tx.device_codes().find(hash); });
  }
  Result<bool> decide(const std::string& user_code, DeviceCodeStatus status, std::int64_t now) {
    DeviceDecision d{status, status == DeviceCodeStatus::Approved ? "user1" : "",
                     status == DeviceCodeStatus::Approved ? "g1" : "", 900};
    return in_write([&](Tx& tx) { return tx.device_codes().decide(user_code, d, now); });
  }
  Result<model::Consumed<model::DeviceCode>> consume(const std::string& hash, std::int64_t now) {
    return in_write([&](Tx& tx) { return tx.device_codes().consume(hash, now); });
  }
};

TEST_P(DeviceCodeRepositoryTest, FindsAnInsertedCodeByHashAndByUserCodeWithEveryField) {
  model::DeviceCode code = sample_device_code("h1", "BCDFGHJK");
  ASSERT_OK(insert(code));
  auto by_hash = find("h1");
  ASSERT_OK(by_hash);
  ASSERT_TRUE(by_hash->has_value());
  EXPECT_EQ(fields(**by_hash), fields(code));
  auto by_user_code =
      in_read([&](Tx& tx) { return tx.device_codes().find_by_user_code("BCDFGHJK"); });
  ASSERT_OK(by_user_code);
  ASSERT_TRUE(by_user_code->has_value());
  EXPECT_EQ((*by_user_code)->device_code_hash, "h1");
}

TEST_P(DeviceCodeRepositoryTest, UnknownCodesAreNotFound) {
  auto found = find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  auto consumed = consume("nope", 1100);
  ASSERT_OK(consumed);
  EXPECT_EQ(consumed->outcome, ConsumeOutcome::NotFound);
}

TEST_P(DeviceCodeRepositoryTest, ATakenUserCodeOrHashIsConflict) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  EXPECT_EQ(errc_of(insert(sample_device_code("h2", "BCDFGHJK"))), Errc::Conflict);
  EXPECT_EQ(errc_of(insert(sample_device_code("h1", "ZZZZZZZZ"))), Errc::Conflict);
}

TEST_P(DeviceCodeRepositoryTest, ACodeForAnUnknownClientIsNotFound) {
  model::DeviceCode code = sample_device_code("h1", "BCDFGHJK");
  code.client_id = "ghost";
  EXPECT_EQ(errc_of(insert(code)), Errc::NotFound);
}

TEST_P(DeviceCodeRepositoryTest, RecordPollKeepsTheTimeAndTheInterval) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.device_codes().record_poll("h1", 1'050'000, 10); }));
  auto found = find("h1");
  ASSERT_OK(found);
  EXPECT_EQ((*found)->last_polled_at, 1'050'000);
  EXPECT_EQ((*found)->interval, 10);
  EXPECT_EQ(errc_of(in_write(
                [](Tx& tx) { return tx.device_codes().record_poll("nope", 1'050'000, 10); })),
            Errc::NotFound);
}

TEST_P(DeviceCodeRepositoryTest, APendingCodeIsDecidedOnce) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  auto first = decide("BCDFGHJK", DeviceCodeStatus::Approved, 1100);
  ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto second = decide("BCDFGHJK", DeviceCodeStatus::Denied, 1100);
  ASSERT_OK(second);
  EXPECT_FALSE(*second);
  auto found = find("h1");
  ASSERT_OK(found);
  EXPECT_EQ((*found)->status, DeviceCodeStatus::Approved);
  EXPECT_EQ((*found)->user_id, "user1");
  EXPECT_EQ((*found)->grant_id, "g1");
  EXPECT_EQ((*found)->auth_time, 900);
}

TEST_P(DeviceCodeRepositoryTest, AnExpiredCodeCannotBeDecided) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  auto late = decide("BCDFGHJK", DeviceCodeStatus::Approved, 1600);
  ASSERT_OK(late);
  EXPECT_FALSE(*late);
  auto found = find("h1");
  ASSERT_OK(found);
  EXPECT_EQ((*found)->status, DeviceCodeStatus::Pending);
}

TEST_P(DeviceCodeRepositoryTest, ADeniedCodeIsNeverConsumed) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  ASSERT_OK(decide("BCDFGHJK", DeviceCodeStatus::Denied, 1100));
  auto consumed = consume("h1", 1200);
  ASSERT_OK(consumed);
  EXPECT_NE(consumed->outcome, ConsumeOutcome::Consumed);
}

TEST_P(DeviceCodeRepositoryTest, AnApprovedCodeIsConsumedOnce) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  ASSERT_OK(decide("BCDFGHJK", DeviceCodeStatus::Approved, 1100));
  auto first = consume("h1", 1200);
  ASSERT_OK(first);
  EXPECT_EQ(first->outcome, ConsumeOutcome::Consumed);
  EXPECT_EQ(first->value->consumed_at, 1200);
  auto again = consume("h1", 1300);
  ASSERT_OK(again);
  EXPECT_EQ(again->outcome, ConsumeOutcome::AlreadyConsumed);
  EXPECT_EQ(again->value->consumed_at, 1200);
}

TEST_P(DeviceCodeRepositoryTest, TwoNodesConsumingAtOnceConsumeExactlyOnce) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  ASSERT_OK(decide("BCDFGHJK", DeviceCodeStatus::Approved, 1100));
  std::unique_ptr<Store> other_node = backend().open_another();
  auto outcomes = race({&store(), other_node.get(), &store(), other_node.get()},
                       [](Tx& tx) -> Result<ConsumeOutcome> {
                         auto consumed = tx.device_codes().consume("h1", 1200);
                         if (!consumed) return consumed.error();
                         return consumed->outcome;
                       });
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::Consumed), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), ConsumeOutcome::AlreadyConsumed), 3);
}

TEST_P(DeviceCodeRepositoryTest, RemovingTheAppRemovesItsDeviceCodes) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.applications().remove("app1"); }));
  auto found = find("h1");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(DeviceCodeRepositoryTest, TheHousekeeperPurgesExpiredCodes) {
  ASSERT_OK(insert(sample_device_code("h1", "BCDFGHJK")));
  model::DeviceCode live = sample_device_code("h2", "ZZZZZZZZ");
  live.expires_at = 5000;
  ASSERT_OK(insert(live));
  auto purged = in_write([](Tx& tx) { return tx.maintenance().purge_expired(2000, 0, 100); });
  ASSERT_OK(purged);
  EXPECT_EQ(purged->device_codes, 1);
  EXPECT_FALSE(find("h1")->has_value());
  EXPECT_TRUE(find("h2")->has_value());
}

LATCH_STORAGE_SUITE(DeviceCodeRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
