#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class KeyRepositoryTest : public StorageTest {
 protected:
  Result<void> insert(const model::SigningKey& key) {
    return in_write([&](Tx& tx) { return tx.keys().insert(key); });
  }
  Result<std::vector<model::SigningKey>> list() {
    return in_read([](Tx& tx) { return tx.keys().list_all(); });
  }
  static model::SigningKey previous(const std::string& kid, const std::string& alg,
                                    std::int64_t retire_at) {
    model::SigningKey key = sample_key(kid, alg);
    key.status = model::KeyStatus::Previous;
    key.retire_at = retire_at;
    return key;
  }
  std::vector<std::string> kids() {
    std::vector<std::string> out;
    auto keys = list();
    if (keys) {
      for (const auto& key : *keys) {
        out.push_back(key.kid);
      }
    }
    return out;
  }
};

TEST_P(KeyRepositoryTest, ListsInsertedKeysWithEveryFieldNewestFirst) {
  model::SigningKey old_key = previous("old", "ES256", 5000);
  old_key.created_at = 100;
  model::SigningKey new_key = sample_key("new", "ES256", 200);
  ASSERT_OK(insert(old_key));
  ASSERT_OK(insert(new_key));

  auto keys = list();
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ(fields((*keys)[0]), fields(new_key));
  EXPECT_EQ(fields((*keys)[1]), fields(old_key));
}

TEST_P(KeyRepositoryTest, InsertOfExistingKidIsConflict) {
  ASSERT_OK(insert(sample_key("k1", "ES256")));

  auto again = insert(previous("k1", "RS256", 10));
  EXPECT_EQ(errc_of(again), Errc::Conflict);
  EXPECT_EQ(again.error().description, "kid is already in use");
}

TEST_P(KeyRepositoryTest, SecondCurrentKeyForTheSameAlgIsConflict) {
  ASSERT_OK(insert(sample_key("k1", "ES256")));

  auto second = insert(sample_key("k2", "ES256"));
  EXPECT_EQ(errc_of(second), Errc::Conflict);
  EXPECT_EQ(second.error().description, "alg already has a current signing key");
}

TEST_P(KeyRepositoryTest, AllowsOneCurrentKeyPerAlg) {
  ASSERT_OK(insert(sample_key("ec", "ES256")));
  EXPECT_OK(insert(sample_key("rsa", "RS256")));
  EXPECT_OK(insert(sample_key("ed", "EdDSA")));
}

TEST_P(KeyRepositoryTest, RetireCurrentMarksItPreviousWithRetireAt) {
  ASSERT_OK(insert(sample_key("k1", "ES256")));
  ASSERT_OK(in_write([](Tx& tx) { return tx.keys().retire_current("ES256", 9000); }));

  auto keys = list();
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(keys->front().status, model::KeyStatus::Previous);
  EXPECT_EQ(keys->front().retire_at, 9000);
}

TEST_P(KeyRepositoryTest, RotatesByRetiringThenInsertingInOneTransaction) {
  ASSERT_OK(insert(sample_key("k1", "ES256", 100)));
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    if (auto retired = tx.keys().retire_current("ES256", 9000); !retired) {
      return retired;
    }
    return tx.keys().insert(sample_key("k2", "ES256", 200));
  }));

  auto keys = list();
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].status, model::KeyStatus::Current);
  EXPECT_EQ((*keys)[1].status, model::KeyStatus::Previous);
}

TEST_P(KeyRepositoryTest, RetireCurrentLeavesOtherAlgsAndPreviousKeysAlone) {
  ASSERT_OK(insert(sample_key("ec", "ES256", 300)));
  ASSERT_OK(insert(sample_key("rsa", "RS256", 200)));
  model::SigningKey old_ec = previous("old-ec", "ES256", 4000);
  old_ec.created_at = 100;
  ASSERT_OK(insert(old_ec));
  ASSERT_OK(in_write([](Tx& tx) { return tx.keys().retire_current("ES256", 9000); }));

  auto keys = list();
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 3u);
  EXPECT_EQ(fields((*keys)[1]), fields(sample_key("rsa", "RS256", 200)));
  EXPECT_EQ((*keys)[2].retire_at, 4000);
}

TEST_P(KeyRepositoryTest, RetireCurrentWithoutCurrentKeyIsANoOp) {
  std::int64_t before = epoch("keys");
  EXPECT_OK(in_write([](Tx& tx) { return tx.keys().retire_current("ES256", 9000); }));
  EXPECT_EQ(epoch("keys"), before);
  EXPECT_TRUE(kids().empty());
}

TEST_P(KeyRepositoryTest, PurgeRetiredDeletesOnlyPreviousKeysRetiredBeforeNow) {
  ASSERT_OK(insert(sample_key("current", "ES256", 400)));
  ASSERT_OK(insert(previous("expired", "ES256", 999)));
  ASSERT_OK(insert(previous("due-now", "ES256", 1000)));
  ASSERT_OK(insert(previous("later", "ES256", 1001)));
  ASSERT_OK(in_write([](Tx& tx) { return tx.keys().purge_retired(1000); }));

  std::vector<std::string> left = kids();
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"current", "due-now", "later"}));
}

TEST_P(KeyRepositoryTest, WritesThatChangeKeysBumpTheKeysEpoch) {
  std::int64_t start = epoch("keys");
  ASSERT_OK(insert(sample_key("k1", "ES256")));
  EXPECT_EQ(epoch("keys"), start + 1);
  ASSERT_OK(in_write([](Tx& tx) { return tx.keys().retire_current("ES256", 50); }));
  EXPECT_EQ(epoch("keys"), start + 2);
  ASSERT_OK(in_write([](Tx& tx) { return tx.keys().purge_retired(100); }));
  EXPECT_EQ(epoch("keys"), start + 3);
  ASSERT_OK(in_write([](Tx& tx) { return tx.keys().purge_retired(100); }));
  EXPECT_EQ(epoch("keys"), start + 3);
}

LATCH_STORAGE_SUITE(KeyRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
