#include <gtest/gtest.h>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

VerificationRecord sample_record(const std::string& id) {
  return VerificationRecord{.id = id,
                            .user_id = "user1",
                            .type = "EmailVerificationCode",
                            .identifier = "a@example.test",
                            .data_json = R"({"codeHash":"h"})",
                            .verified = false,
                            .attempts = 0,
                            .created_at = 100,
                            .expires_at = 700};
}

auto fields(const VerificationRecord& v) {
  return std::tie(v.id, v.user_id, v.type, v.identifier, v.data_json, v.verified, v.attempts,
                  v.created_at, v.expires_at);
}

class AccountRepositoriesTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    insert_user_and_app();
  }
  Result<void> insert(const VerificationRecord& record) {
    return in_write([&](Tx& tx) { return tx.verification_records().insert(record); });
  }
  Result<std::optional<VerificationRecord>> find(const std::string& id) {
    return in_read([&](Tx& tx) { return tx.verification_records().find(id); });
  }
};

TEST_P(AccountRepositoriesTest, FindsAnInsertedRecordWithEveryField) {
  ASSERT_OK(insert(sample_record("r1")));
  auto found = find("r1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(sample_record("r1")));
}

TEST_P(AccountRepositoriesTest, ARecordForAnUnknownUserIsNotFound) {
  VerificationRecord record = sample_record("r1");
  record.user_id = "ghost";
  EXPECT_EQ(errc_of(insert(record)), Errc::NotFound);
}

TEST_P(AccountRepositoriesTest, UpdateReplacesDataAndVerifiedOnly) {
  ASSERT_OK(insert(sample_record("r1")));
  VerificationRecord changed = sample_record("r1");
  changed.data_json = "{}";
  changed.verified = true;
  changed.identifier = "ignored";
  ASSERT_OK(in_write([&](Tx& tx) { return tx.verification_records().update(changed); }));
  auto found = find("r1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_TRUE((*found)->verified);
  EXPECT_EQ((*found)->data_json, "{}");
  EXPECT_EQ((*found)->identifier, "a@example.test");
  auto missing =
      in_write([&](Tx& tx) { return tx.verification_records().update(sample_record("nope")); });
  EXPECT_EQ(errc_of(missing), Errc::NotFound);
}

TEST_P(AccountRepositoriesTest, AddAttemptCountsEveryFailure) {
  ASSERT_OK(insert(sample_record("r1")));
  for (int expected : {1, 2, 3}) {
    auto count = in_write([](Tx& tx) { return tx.verification_records().add_attempt("r1"); });
    ASSERT_OK(count);
    EXPECT_EQ(*count, expected);
  }
}

TEST_P(AccountRepositoriesTest, CountSinceCountsRecordsOfOneTypeForOneIdentifier) {
  VerificationRecord older = sample_record("r1");
  older.created_at = 50;
  VerificationRecord password = sample_record("r3");
  password.type = "Password";
  for (const auto& r : {older, sample_record("r2"), password}) ASSERT_OK(insert(r));
  auto count = in_read([](Tx& tx) {
    return tx.verification_records().count_since("EmailVerificationCode", "a@example.test", 100);
  });
  ASSERT_OK(count);
  EXPECT_EQ(*count, 1);
}

TEST_P(AccountRepositoriesTest, PurgeRemovesExpiredRecords) {
  ASSERT_OK(insert(sample_record("r1")));
  auto purged = in_write([](Tx& tx) { return tx.maintenance().purge_expired(800, 0, 100); });
  ASSERT_OK(purged);
  EXPECT_EQ(purged->verification_records, 1);
  auto found = find("r1");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(AccountRepositoriesTest, AccountCenterDocumentIsStoredAndReplaced) {
  auto none = in_read([](Tx& tx) { return tx.account_center().find(); });
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  ASSERT_OK(in_write([](Tx& tx) { return tx.account_center().put(R"({"enabled":true})", 1); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.account_center().put(R"({"enabled":false})", 2); }));
  auto found = in_read([](Tx& tx) { return tx.account_center().find(); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, R"({"enabled":false})");
}

LATCH_STORAGE_SUITE(AccountRepositoriesTest);

}  // namespace
}  // namespace latch::storage::test
