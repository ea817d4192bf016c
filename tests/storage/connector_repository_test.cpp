#include <gtest/gtest.h>

#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class ConnectorRepositoryTest : public StorageTest {
 protected:
  static ConnectorRecord sample(const std::string& id, std::int64_t at = 1000) {
    return ConnectorRecord{
        id, "github-universal", "github", "v1.sealed-" + id, R"({"k":1})", true, at, at};
  }
  static auto fields(const ConnectorRecord& r) {
    return std::tie(r.id, r.factory_id, r.target, r.sealed_config, r.metadata_json, r.sync_profile,
                    r.created_at, r.updated_at);
  }
};

TEST_P(ConnectorRepositoryTest, FindsWhatWasInsertedWithEveryField) {
  auto record = sample("c1");
  ASSERT_OK(in_write([&](Tx& tx) { return tx.connectors().insert(record); }));
  auto found = in_read([](Tx& tx) { return tx.connectors().find("c1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(record));
}

TEST_P(ConnectorRepositoryTest, DuplicateIdIsAConflict) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.connectors().insert(sample("c1")); }));
  auto again = in_write([](Tx& tx) { return tx.connectors().insert(sample("c1")); });
  EXPECT_EQ(errc_of(again), Errc::Conflict);
}

TEST_P(ConnectorRepositoryTest, UpdateReplacesAllButIdentityAndCreation) {
  ASSERT_OK(in_write([](Tx& tx) { return tx.connectors().insert(sample("c1", 1000)); }));
  auto changed = sample("c1", 5000);
  changed.factory_id = "ignored";
  changed.target = "github-enterprise";
  changed.sealed_config = "v1.other";
  changed.metadata_json = "{}";
  changed.sync_profile = false;
  ASSERT_OK(in_write([&](Tx& tx) { return tx.connectors().update(changed); }));

  auto found = in_read([](Tx& tx) { return tx.connectors().find("c1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const auto& r = **found;
  EXPECT_EQ(r.factory_id, "github-universal");
  EXPECT_EQ(r.created_at, 1000);
  EXPECT_EQ(r.updated_at, 5000);
  EXPECT_EQ(r.target, "github-enterprise");
  EXPECT_EQ(r.sealed_config, "v1.other");
  EXPECT_EQ(r.metadata_json, "{}");
  EXPECT_FALSE(r.sync_profile);
}

TEST_P(ConnectorRepositoryTest, UpdateAndRemoveOfUnknownIdAreNotFound) {
  auto updated = in_write([](Tx& tx) { return tx.connectors().update(sample("nope")); });
  auto removed = in_write([](Tx& tx) { return tx.connectors().remove("nope"); });
  EXPECT_EQ(errc_of(updated), Errc::NotFound);
  EXPECT_EQ(errc_of(removed), Errc::NotFound);
}

TEST_P(ConnectorRepositoryTest, ListsOldestFirstAndForgetsRemoved) {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    for (auto [id, at] :
         {std::pair{"late", 3000}, std::pair{"early", 1000}, std::pair{"middle", 2000}}) {
      if (auto r = tx.connectors().insert(sample(id, at)); !r) return r;
    }
    return ok();
  }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.connectors().remove("middle"); }));
  auto all = in_read([](Tx& tx) { return tx.connectors().list_all(); });
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "early");
  EXPECT_EQ((*all)[1].id, "late");
}

LATCH_STORAGE_SUITE(ConnectorRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
